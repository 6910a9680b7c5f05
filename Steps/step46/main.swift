// Step 46: optimizers. `SGD` updates the parameters of the model it is set up with, and `MLP`
// builds the network from a list of layer sizes. Same training as Steps 44 and 45.
//
// Run: swift run -c release step46
//
// Swift differences:
// - NumPy's global generator, seeded with `np.random.seed(0)`, is a `RandomSource.numpy(seed: 0)`
//   made current with `withRandomSource`; the MLP draws its weights from it as DeZero does,
//   so the printed losses are the book's.
// - `MLP((hidden_size, 1))` takes a Swift array: `MLP([hiddenSize, 1])`.
import DeZero

let numpy = RandomSource.numpy(seed: 0)
withRandomSource(numpy) {
    let xData = numpy.rand(100, 1)
    let x = Variable(xData)
    let y = Variable(sin(2 * Double.pi * xData) + numpy.rand(100, 1))

    let lr = 0.2
    let maxIter = 10000
    let hiddenSize = 10

    let model = MLP([hiddenSize, 1])
    let optimizer = SGD(lr: lr).setup(model)

    for i in 0..<maxIter {
        let yPred = model(x)
        let loss = meanSquaredError(y, yPred)

        model.clearGrads()
        loss.backward()

        optimizer.update()
        if i % 1000 == 0 {
            print(loss)
        }
    }
}
