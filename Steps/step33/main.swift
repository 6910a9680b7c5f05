// Step 33: Newton's method again, now with the second derivative found by differentiating the
// first: backward(createGraph: true) records the gradient's own graph.
import DeZero

func f(_ x: Variable) -> Variable {
    let y = x ** 4 - 2 * x ** 2
    return y
}

let x = Variable(2.0)
let iters = 10

for i in 0..<iters {
    print(i, x)

    let y = f(x)
    x.clearGrad()
    y.backward(createGraph: true)

    let gx = x.grad!
    x.clearGrad()
    gx.backward()
    let gx2 = x.grad!

    x.data -= gx.data / gx2.data
}
