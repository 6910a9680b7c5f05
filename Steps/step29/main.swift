// Step 29: Newton's method on f(x) = x⁴ − 2x², with the second derivative written by hand.
import DeZero

func f(_ x: Variable) -> Variable {
    let y = x ** 4 - 2 * x ** 2
    return y
}

// On the array itself, as the book calls gx2(x.data).
func gx2(_ x: NDArray) -> NDArray {
    return 12 * x ** 2 - 4
}

let x = Variable(2.0)
let iters = 10

for i in 0..<iters {
    print(i, x)

    let y = f(x)
    x.clearGrad()
    y.backward()

    x.data -= x.grad!.data / gx2(x.data)
}
