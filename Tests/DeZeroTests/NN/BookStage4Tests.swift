import Testing
import DeZero

/// The book's Steps 48 and 50: an MLP with one hidden layer of 10 sigmoid units learns the
/// three-class spiral with plain SGD at learning rate 1.0.
@Suite("Book results, Stage 4: the spiral classifier")
struct BookStage4Tests {
    /// Trains the book's model; returns the last epoch's mean training loss and the test accuracy.
    static func trainSpiral(epochs: Int) -> (loss: Double, testAccuracy: Double) {
        let train = Spiral(train: true), test = Spiral(train: false)
        let model = withRandomSource(seed: 0) { MLP([10, 3]) }
        let optimizer = SGD(lr: 1.0).setup(model)
        let loader = DataLoader(train, batchSize: 30, shuffle: true, seed: 0)
        var lastLoss = 0.0
        for _ in 0..<epochs {
            var sum = 0.0
            for (x, t) in loader.nextEpoch() {
                let loss = softmaxCrossEntropy(model(Variable(x)), Variable(t))
                model.clearGrads()
                loss.backward()
                optimizer.update()
                sum += loss.item() * Double(t.shape[0])
            }
            lastLoss = sum / Double(train.count)
        }
        let all = test.batch(Array(0..<test.count))
        let accuracy = withNoGrad { DeZero.accuracy(model(Variable(all.x)), Variable(all.t)).item() }
        return (lastLoss, accuracy)
    }

    @Test("Steps 48 and 50: after 300 epochs the loss is below 0.2 and test accuracy at least 0.9")
    func spiral() {
        let (loss, accuracy) = Self.trainSpiral(epochs: 300)
        // The book prints a final loss of about 0.13.
        #expect(loss <= 0.2, "final loss \(loss)")
        #expect(accuracy >= 0.9, "test accuracy \(accuracy)")
    }
}
