// Step 50: the DataLoader. It shuffles the training set and hands out mini-batches, epoch
// after epoch; each epoch prints the loss and accuracy on the training set, then on the test
// set (evaluated without building a graph).
//
// Run: swift run -c release step50
//
// Swift differences:
// - NumPy's global generator is a current `RandomSource.numpy`. As in DeZero, `Spiral`
//   reseeds it (1984 for training, then 2020 for the test set), and a shuffling `DataLoader`
//   made while it is current draws a permutation from it when made and at the end of each
//   epoch; the weights are drawn from it at the first batch. So the printed numbers are the
//   book's.
// - `with dezero.no_grad():` is `withNoGrad { … }`; `float(loss.data)` is `loss.item()`;
//   `len(t)` is `t.shape[0]`; `'{:.4f}'.format(v)` is `String(format: "%.4f", v)`.
// - `for x, t in train_loader:` is `for (x, t) in trainLoader.nextEpoch()`: starting an
//   epoch is an explicit step, so looking at a loader never moves it on.
import DeZero
import Foundation

let maxEpoch = 300
let batchSize = 30
let hiddenSize = 10
let lr = 1.0

func fourDigits(_ value: Double) -> String { String(format: "%.4f", value) }

withRandomSource(.numpy(seed: 0)) {  // the seed does not matter: Spiral reseeds it
    let trainSet = Spiral(train: true)
    let testSet = Spiral(train: false)
    let trainLoader = DataLoader(trainSet, batchSize: batchSize)
    let testLoader = DataLoader(testSet, batchSize: batchSize, shuffle: false)

    let model = MLP([hiddenSize, 3])
    let optimizer = SGD(lr: lr).setup(model)

    for epoch in 0..<maxEpoch {
        var (sumLoss, sumAcc) = (0.0, 0.0)

        for (x, t) in trainLoader.nextEpoch() {
            let y = model(x)
            let loss = softmaxCrossEntropy(y, Variable(t))
            let acc = accuracy(y, Variable(t))
            model.clearGrads()
            loss.backward()
            optimizer.update()

            sumLoss += loss.item() * Double(t.shape[0])
            sumAcc += acc.item() * Double(t.shape[0])
        }

        print("epoch: \(epoch + 1)")
        print("train loss: \(fourDigits(sumLoss / Double(trainSet.count))), accuracy: \(fourDigits(sumAcc / Double(trainSet.count)))")

        (sumLoss, sumAcc) = (0, 0)
        withNoGrad {
            for (x, t) in testLoader.nextEpoch() {
                let y = model(x)
                let loss = softmaxCrossEntropy(y, Variable(t))
                let acc = accuracy(y, Variable(t))
                sumLoss += loss.item() * Double(t.shape[0])
                sumAcc += acc.item() * Double(t.shape[0])
            }
        }

        print("test loss: \(fourDigits(sumLoss / Double(testSet.count))), accuracy: \(fourDigits(sumAcc / Double(testSet.count)))")
    }
}
