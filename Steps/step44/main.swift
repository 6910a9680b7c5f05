// Step 44: the same sine-wave network built from layers. `Linear` holds its own parameters and
// creates its weight when it first sees an input; the loss is printed every 1,000 iterations.
//
// Run: swift run -c release step44
//
// Swift differences:
// - NumPy's global generator, seeded with `np.random.seed(0)`, is a `RandomSource.numpy(seed: 0)`
//   made current with `withRandomSource`: the data come from it, and so do the layers' weights,
//   drawn as DeZero draws them (`randn(I, O).astype(np.float32) * np.sqrt(1 / I)`) at the first
//   call. So the printed losses are the book's.
// - `l.params()` is `l.params`; `p.grad.data` is `p.grad!.data` (a gradient may be absent).
import DeZero

let numpy = RandomSource.numpy(seed: 0)
withRandomSource(numpy) {
    let xData = numpy.rand(100, 1)
    let x = Variable(xData)
    let y = Variable(sin(2 * Double.pi * xData) + numpy.rand(100, 1))

    let l1 = Linear(outSize: 10)
    let l2 = Linear(outSize: 1)

    func predict(_ x: Variable) -> Variable {
        var y = l1(x)
        y = sigmoid(y)
        y = l2(y)
        return y
    }

    let lr = 0.2
    let iters = 10000

    for i in 0..<iters {
        let yPred = predict(x)
        let loss = meanSquaredError(y, yPred)

        l1.clearGrads()
        l2.clearGrads()
        loss.backward()

        for l in [l1, l2] {
            for p in l.params {
                p.data -= lr * p.grad!.data
            }
        }
        if i % 1000 == 0 {
            print(loss)
        }
    }
}
