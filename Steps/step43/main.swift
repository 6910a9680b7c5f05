// Step 43: a two-layer neural network fits a sine wave. The weights are plain variables, the
// layers are `linear` and `sigmoid`, and the loss is printed every 1,000 of 10,000 iterations.
//
// Run: swift run -c release step43
//
// Swift differences:
// - `np.random.seed(0)`, `np.random.rand` and `np.random.randn` are `NumPyRandomState(seed: 0)`
//   and its methods: NumPy's own algorithm, so the data, the initial weights and the printed
//   losses are the book's.
// - The plot at the end of the Python step is left out.
import DeZero

var numpy = NumPyRandomState(seed: 0)
let xData = numpy.rand(100, 1)
let x = Variable(xData)
let y = Variable(sin(2 * Double.pi * xData) + numpy.rand(100, 1))

let (I, H, O) = (1, 10, 1)
let W1 = Variable(0.01 * numpy.randn(I, H))
let b1 = Variable(NDArray.zeros([H]))
let W2 = Variable(0.01 * numpy.randn(H, O))
let b2 = Variable(NDArray.zeros([O]))

// `@MainActor`: in Swift 6 the program's top-level variables (W1, …) belong to the main actor.
@MainActor
func predict(_ x: Variable) -> Variable {
    var y = linear(x, W1, b1)
    y = sigmoid(y)
    y = linear(y, W2, b2)
    return y
}

let lr = 0.2
let iters = 10000

for i in 0..<iters {
    let yPred = predict(x)
    let loss = meanSquaredError(y, yPred)

    for p in [W1, b1, W2, b2] { p.clearGrad() }
    loss.backward()

    for p in [W1, b1, W2, b2] { p.data -= lr * p.grad!.data }
    if i % 1000 == 0 {
        print(loss)
    }
}
