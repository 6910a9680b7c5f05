// Step 45: layers inside layers. A `Model` subclass holds two `Linear` layers, which it finds
// without registration; `model.params` walks them all. Same training as Step 44.
//
// Run: swift run -c release step45
//
// Swift differences:
// - NumPy's global generator, seeded with `np.random.seed(0)`, is a `RandomSource.numpy(seed: 0)`
//   made current with `withRandomSource`; the layers draw their weights from it as DeZero
//   does, so the printed losses are the book's.
// - The layers are stored properties, set in `init`; Python assigns attributes in `__init__`
//   and DeZero's `__setattr__` registers them. Here stored `Layer` properties are found by
//   reflection.
import DeZero

final class TwoLayerNet: Model {
    let l1: Linear
    let l2: Linear

    init(hiddenSize: Int, outSize: Int) {
        l1 = Linear(outSize: hiddenSize)
        l2 = Linear(outSize: outSize)
        super.init()
    }

    override func forward(_ x: Variable) -> Variable {
        var y = sigmoid(l1(x))
        y = l2(y)
        return y
    }
}

let numpy = RandomSource.numpy(seed: 0)
withRandomSource(numpy) {
    let xData = numpy.rand(100, 1)
    let x = Variable(xData)
    let y = Variable(sin(2 * Double.pi * xData) + numpy.rand(100, 1))

    // Hyperparameters
    let lr = 0.2
    let maxIter = 10000
    let hiddenSize = 10

    let model = TwoLayerNet(hiddenSize: hiddenSize, outSize: 1)

    for i in 0..<maxIter {
        let yPred = model(x)
        let loss = meanSquaredError(y, yPred)

        model.clearGrads()
        loss.backward()

        for p in model.params {
            p.data -= lr * p.grad!.data
        }
        if i % 1000 == 0 {
            print(loss)
        }
    }
}
