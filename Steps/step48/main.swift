// Step 48: multi-class classification. An MLP learns the three arms of the spiral dataset
// with softmax cross entropy and mini-batches of 30, printing the mean loss of each of 300
// epochs.
//
// Run: swift run -c release step48
//
// Swift differences:
// - DeZero's `get_spiral` reseeds NumPy's global generator (1984 for the training set) and
//   leaves it there; the weights and the shuffles then continue from it. Here that generator
//   is a current `RandomSource.numpy`, which `Spiral` reseeds in the same way, so the points,
//   the weights, the batches and the printed losses are the book's.
// - `get_spiral(train=True)` returns `(x, t)`; here `Spiral(train: true)` is the dataset and
//   `x`, `t` are its `data` and `label`.
// - `float(loss.data)` is `loss.item()`; `'%.2f' % v` is `String(format: "%.2f", v)`.
// - The plot of the decision regions at the end of the Python step is left out.
import DeZero
import Foundation

// Hyperparameters
let maxEpoch = 300
let batchSize = 30
let hiddenSize = 10
let lr = 1.0

let numpy = RandomSource.numpy(seed: 0)  // the seed does not matter: Spiral reseeds it
withRandomSource(numpy) {
    let spiral = Spiral(train: true)
    let (x, t) = (spiral.data, spiral.label)
    let model = MLP([hiddenSize, 3])
    let optimizer = SGD(lr: lr).setup(model)

    let dataSize = x.shape[0]
    let maxIter = (dataSize + batchSize - 1) / batchSize  // math.ceil(data_size / batch_size)

    for epoch in 0..<maxEpoch {
        // Shuffle index for data
        let index = numpy.permutation(dataSize)
        var sumLoss = 0.0

        for i in 0..<maxIter {
            let batchIndex = index[(i * batchSize)..<min((i + 1) * batchSize, dataSize)]
            let batchX = x[[.array(batchIndex)]]
            let batchT = t[[.array(batchIndex)]]

            let y = model(batchX)
            let loss = softmaxCrossEntropy(y, Variable(batchT))
            model.clearGrads()
            loss.backward()
            optimizer.update()

            sumLoss += loss.item() * Double(batchT.shape[0])
        }

        // Print loss every epoch
        let avgLoss = sumLoss / Double(dataSize)
        print("epoch \(epoch + 1), loss \(String(format: "%.2f", avgLoss))")
    }
}
