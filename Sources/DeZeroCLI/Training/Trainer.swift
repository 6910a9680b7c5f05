import DeZero
import Foundation

/// Runs the epochs of a classification training run and writes its outputs.
struct Trainer {
    let config: RunConfiguration
    let data: TrainingData
    let model: Model
    let optimizer: Optimizer
    let output: URL
    var log: (String) -> Void = { print($0) }

    /// The loader of the training data; its random state goes into each checkpoint.
    static func makeLoader(_ config: RunConfiguration, _ data: TrainingData) -> DataLoader {
        DataLoader(data.train, batchSize: config.batchSize, shuffle: true, seed: config.seed)
    }

    /// Trains from epoch `done + 1` to the configured last epoch, writing a metrics line and a
    /// checkpoint after each; returns the metrics of every epoch, earlier ones included.
    func run(loader: DataLoader, done: Int = 0) throws -> [EpochMetrics] {
        let testLoader = DataLoader(data.test, batchSize: max(config.batchSize, 1000), shuffle: false)
        let metricsURL = output.appendingPathComponent("metrics.jsonl")
        // Keep the lines of the epochs the checkpoint holds; a line written after it is dropped.
        var history = try EpochMetrics.read(from: metricsURL).filter { $0.epoch <= done }
        guard history.count == done else {
            throw CLIFailure("\(metricsURL.path) has \(history.count) epochs, the checkpoint \(done); the run folder is damaged, start again without --resume")
        }
        try Data(history.map { $0.jsonLine() + "\n" }.joined().utf8).write(to: metricsURL, options: .atomic)
        let metricsFile = try FileHandle(forWritingTo: metricsURL)
        try metricsFile.seekToEnd()
        defer { try? metricsFile.close() }
        guard done < config.epochs else { return history }

        for epoch in (done + 1)...config.epochs {
            let start = Date()
            let bar = ProgressBar(total: loader.batchCount, label: "epoch \(epoch)/\(config.epochs)")
            var lossSum = 0.0, accuracySum = 0.0, seen = 0
            for (i, batch) in loader.enumerated() {
                let x = Variable(batch.x), t = Variable(batch.t)
                let y = model(x)
                let loss = softmaxCrossEntropy(y, t)
                model.clearGrads()
                loss.backward()
                optimizer.update()
                let n = batch.t.shape[0]
                lossSum += loss.item() * Double(n)
                accuracySum += accuracy(y, t).item() * Double(n)
                seen += n
                bar.update(done: i + 1, loss: lossSum / Double(seen))
            }
            let (testLoss, testAccuracy) = evaluate(testLoader)
            let metrics = EpochMetrics(epoch: epoch, trainLoss: lossSum / Double(seen), trainAccuracy: accuracySum / Double(seen),
                                       testLoss: testLoss, testAccuracy: testAccuracy,
                                       seconds: Date().timeIntervalSince(start))
            bar.finish(summary: metrics.summary(of: config.epochs))
            try metricsFile.write(contentsOf: Data((metrics.jsonLine() + "\n").utf8))
            try Checkpoint.capture(config: config, epoch: epoch, model: model, optimizer: optimizer, loader: loader)
                .write(to: output.appendingPathComponent(Checkpoint.fileName))
            history.append(metrics)
        }
        return history
    }

    /// Mean loss and accuracy over a dataset, in test mode with no graph.
    func evaluate(_ loader: DataLoader) -> (loss: Double, accuracy: Double) {
        var lossSum = 0.0, accuracySum = 0.0, seen = 0
        withNoGrad {
            withTestMode {
                for batch in loader {
                    let x = Variable(batch.x), t = Variable(batch.t)
                    let y = model(x)
                    let n = batch.t.shape[0]
                    lossSum += softmaxCrossEntropy(y, t).item() * Double(n)
                    accuracySum += accuracy(y, t).item() * Double(n)
                    seen += n
                }
            }
        }
        return (lossSum / Double(max(seen, 1)), accuracySum / Double(max(seen, 1)))
    }
}
