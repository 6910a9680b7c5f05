import DeZero
import Foundation

/// Runs the epochs of a classification training run and writes its outputs.
struct Trainer {
    let config: RunConfiguration
    let data: TrainingData
    let model: Model
    let optimizer: Optimizer
    let output: URL
    /// Randomness used while training (dropout masks), seeded from the run's seed and saved in
    /// each checkpoint, so a run is reproducible and a resumed run continues the same stream.
    var noise: RandomSource

    /// The loader of the training data; its random state goes into each checkpoint.
    static func makeLoader(_ config: RunConfiguration, _ data: TrainingData) -> DataLoader {
        DataLoader(data.train, batchSize: config.batchSize, shuffle: true, seed: config.seed)
    }

    /// Trains from epoch `done + 1` to the configured last epoch, writing a metrics line and a
    /// checkpoint after each; returns the metrics of every epoch, earlier ones included.
    func run(loader: DataLoader, done: Int = 0) throws -> [EpochMetrics] {
        try withRandomSource(noise) { try runEpochs(loader: loader, done: done) }
    }

    private func runEpochs(loader: DataLoader, done: Int) throws -> [EpochMetrics] {
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
            if config.isSequence {
                let (trainLoss, testLoss) = sequenceEpoch(epoch)
                let metrics = EpochMetrics(epoch: epoch, trainLoss: trainLoss, trainAccuracy: nil, testLoss: testLoss,
                                           testAccuracy: nil, seconds: Date().timeIntervalSince(start))
                try finishEpoch(metrics, file: metricsFile, loader: loader)
                history.append(metrics)
                continue
            }
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
            let (testLoss, testAccuracy) = Self.evaluate(model, testLoader)
            let metrics = EpochMetrics(epoch: epoch, trainLoss: lossSum / Double(seen), trainAccuracy: accuracySum / Double(seen),
                                       testLoss: testLoss, testAccuracy: testAccuracy,
                                       seconds: Date().timeIntervalSince(start))
            bar.finish(summary: metrics.summary(of: config.epochs))
            try finishEpoch(metrics, file: metricsFile, loader: loader)
            history.append(metrics)
        }
        return history
    }

    /// Appends the epoch's metrics line, then writes the checkpoint (in that order: a line
    /// written after the last checkpoint is dropped on resume).
    private func finishEpoch(_ metrics: EpochMetrics, file: FileHandle, loader: DataLoader) throws {
        try file.write(contentsOf: Data((metrics.jsonLine() + "\n").utf8))
        try Checkpoint.capture(config: config, epoch: metrics.epoch, model: model, optimizer: optimizer, loader: loader, noise: noise)
            .write(to: output.appendingPathComponent(Checkpoint.fileName))
    }

    /// One epoch over a time series (the book's Steps 59–60): the batch holds `batchSize`
    /// positions spread along the series, the loss of `bpttLength` steps is backpropagated
    /// at a time, then the graph is cut (truncated BPTT). Returns train and test mean losses.
    private func sequenceEpoch(_ epoch: Int) -> (train: Double, test: Double) {
        guard let model = model as? SequenceLSTM else { dezeroFailure("sequence training needs a recurrent model") }
        let loader = SeqDataLoader(data.train, batchSize: config.batchSize)
        let bar = ProgressBar(total: loader.batchCount, label: "epoch \(epoch)/\(config.epochs)")
        model.resetState()
        var window: Variable?
        var total = 0.0, count = 0
        for (x, t) in loader {
            let step = meanSquaredError(model(Variable(x)), Variable(t))
            window = window.map { $0 + step } ?? step
            count += 1
            if count % config.bpttLength == 0 || count == loader.batchCount, let loss = window {
                model.clearGrads()
                loss.backward()
                loss.unchainBackward()
                optimizer.update()
                total += loss.item()
                window = nil
                bar.update(done: count, loss: total / Double(count))
            }
        }
        let test = Self.sequenceTestLoss(model, on: data.test)
        bar.finish(summary: EpochMetrics(epoch: epoch, trainLoss: total / Double(max(count, 1)), trainAccuracy: nil,
                                         testLoss: test, testAccuracy: nil, seconds: 0).summary(of: config.epochs))
        return (total / Double(max(count, 1)), test)
    }

    /// Mean squared error of one-step-ahead predictions along the test series.
    static func sequenceTestLoss(_ model: SequenceLSTM, on test: any Dataset) -> Double {
        model.resetState()
        var total = 0.0, count = 0
        withNoGrad {
            withTestMode {
                for (x, t) in SeqDataLoader(test, batchSize: 1) {
                    total += meanSquaredError(model(Variable(x)), Variable(t)).item()
                    count += 1
                }
            }
        }
        model.resetState()
        return total / Double(max(count, 1))
    }

    /// Mean loss and accuracy of `model` over a dataset, in test mode with no graph.
    static func evaluate(_ model: Model, _ loader: DataLoader) -> (loss: Double, accuracy: Double) {
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
