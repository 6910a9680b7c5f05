// Step 42: linear regression. A hundred points y = 5 + 2x + noise; gradient descent fits
// y = x·W + b by mean squared error and prints W, b and the loss at each of 100 iterations.
//
// Run: swift run step42
//
// Swift differences:
// - `np.random.seed(0)` and `np.random.rand` are `NumPyRandomState(seed: 0)` and its `rand`:
//   NumPy's own algorithm, so the data, and every printed number, are the book's.
// - The plot at the end of the Python step is left out.
import DeZero

var numpy = NumPyRandomState(seed: 0)
let xData = numpy.rand(100, 1)
let yData = 5 + 2 * xData + numpy.rand(100, 1)
let x = Variable(xData), y = Variable(yData)

let W = Variable(NDArray.zeros([1, 1]))
let b = Variable(NDArray.zeros([1]))

// `@MainActor`: in Swift 6 the program's top-level variables (W, b) belong to the main actor.
@MainActor
func predict(_ x: Variable) -> Variable {
    matmul(x, W) + b
}

func meanSquaredError(_ x0: Variable, _ x1: Variable) -> Variable {
    let diff = x0 - x1
    return sum(diff ** 2) / diff.shape[0]  // Python's len(diff): the length of the first axis
}

let lr = 0.1
let iters = 100

for _ in 0..<iters {
    let yPred = predict(x)
    let loss = meanSquaredError(y, yPred)

    W.clearGrad()
    b.clearGrad()
    loss.backward()

    // Updating `.data` records no graph, as in the book.
    W.data -= lr * W.grad!.data
    b.data -= lr * b.grad!.data
    print(W, b, loss)
}
