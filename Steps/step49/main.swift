// Step 49: datasets. The spiral becomes a `Dataset` that hands out one example at a time;
// the training loop gathers each mini-batch from it. Same training and output as Step 48.
//
// Run: swift run -c release step49
//
// Swift differences:
// - NumPy's global generator, which `dezero.datasets.Spiral` reseeds with 1984 (as
//   `get_spiral` does), is a current `RandomSource.numpy`; `Spiral` reseeds it in the same
//   way, so the printed losses are the book's.
// - `train_set[i]` gives an `(x, t)` pair of arrays; `np.array([...])` of the examples is
//   `stack(...)`.
// - `float(loss.data)` is `loss.item()`; `'%.2f' % v` is `String(format: "%.2f", v)`.
import DeZero
import Foundation

let maxEpoch = 300
let batchSize = 30
let hiddenSize = 10
let lr = 1.0

let numpy = RandomSource.numpy(seed: 0)  // the seed does not matter: Spiral reseeds it
withRandomSource(numpy) {
    let trainSet = Spiral(train: true)
    let model = MLP([hiddenSize, 3])
    let optimizer = SGD(lr: lr).setup(model)

    let dataSize = trainSet.count
    let maxIter = (dataSize + batchSize - 1) / batchSize  // math.ceil(data_size / batch_size)

    for epoch in 0..<maxEpoch {
        // Shuffle index for data
        let index = numpy.permutation(dataSize).scalars(as: Int64.self).map { Int($0) }
        var sumLoss = 0.0

        for i in 0..<maxIter {
            // Create minibatch
            let batchIndex = index[(i * batchSize)..<min((i + 1) * batchSize, dataSize)]
            let batch = batchIndex.map { trainSet[$0] }
            let batchX = stack(batch.map(\.x))
            let batchT = stack(batch.map(\.t))

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
