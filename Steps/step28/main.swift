// Step 28: minimize the Rosenbrock function by gradient descent, 1000 steps from (0, 2).
// (The book switches to DeZero's simple core here; the full framework computes the same.)
import DeZero

func rosenbrock(_ x0: Variable, _ x1: Variable) -> Variable {
    let y = 100 * (x1 - x0 ** 2) ** 2 + (x0 - 1) ** 2
    return y
}

let x0 = Variable(0.0)
let x1 = Variable(2.0)
let lr = 0.001
let iters = 1000

for _ in 0..<iters {
    print(x0, x1)

    let y = rosenbrock(x0, x1)

    x0.clearGrad()
    x1.clearGrad()
    y.backward()

    // Python writes `x0.data -= lr * x0.grad`; in Swift the gradient's array is `grad!.data`.
    x0.data -= lr * x0.grad!.data
    x1.data -= lr * x1.grad!.data
}
