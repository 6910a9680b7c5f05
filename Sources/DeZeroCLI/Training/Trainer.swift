import DeZero
import Foundation

/// Runs the epochs of a training run, writing a metrics line and a checkpoint after each.
///
/// A loss that stops being a finite number ends the run with ``TrainingDiverged`` at the
/// batch where it happened; the diverged epoch gets a metrics line with `null`s and no
/// checkpoint, so the last good epoch's checkpoint stays as it was.
struct Trainer {
    let config: RunConfiguration
    let data: TrainingData
    let model: Model
    let optimizer: Optimizer
    let output: URL
    /// Randomness used while training (dropout masks), seeded from the run's seed and saved in
    /// each checkpoint, so a run is reproducible and a resumed run continues the same stream.
    var noise: RandomSource
    /// The checkpoint a resumed run started from (it may lie outside `output`).
    var resumedFrom: URL? = nil

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
            do {
                var metrics = config.isSequence ? try sequenceEpoch(epoch, start: start)
                    : try classificationEpoch(epoch, loader: loader, testLoader: testLoader, start: start)
                // Every batch's loss was finite, yet the epoch's figures may not be: the last
                // update can break the weights (test loss), or a sum can overflow.
                guard metrics.isFinite else {
                    let batches = config.isSequence ? SeqDataLoader(data.train, batchSize: config.batchSize).batchCount : loader.batchCount
                    metrics.divergedAtBatch = batches
                    let (quantity, value) = metrics.trainLoss.isFinite ? ("test loss", metrics.testLoss) : ("mean train loss", metrics.trainLoss)
                    throw StoppedEpoch(metrics: metrics, batch: batches, batches: batches, quantity: quantity, value: value)
                }
                try finishEpoch(metrics, file: metricsFile, loader: loader)
                history.append(metrics)
            } catch let stop as StoppedEpoch {
                // The diverged epoch gets its metrics line (nulls for what is not finite), but
                // no checkpoint: the previous epoch's stays as it is.
                try metricsFile.write(contentsOf: Data((stop.metrics.jsonLine() + "\n").utf8))
                let good = epoch - 1
                throw TrainingDiverged(epoch: epoch, batch: stop.batch, batches: stop.batches, quantity: stop.quantity, value: stop.value,
                                       optimizer: config.optimizer, lr: config.lr, weightDecay: config.weightDecay, lastGoodEpoch: good,
                                       checkpoint: good == done ? (resumedFrom ?? checkpointURL) : checkpointURL)
            }
        }
        return history
    }

    private var checkpointURL: URL { output.appendingPathComponent(Checkpoint.fileName) }

    /// One epoch of a classifier over shuffled batches. The loss of each batch is checked
    /// before its gradients reach the weights: a loss that is not finite stops the epoch.
    private func classificationEpoch(_ epoch: Int, loader: DataLoader, testLoader: DataLoader, start: Date) throws -> EpochMetrics {
        let bar = ProgressBar(total: loader.batchCount, label: "epoch \(epoch)/\(config.epochs)")
        var lossSum = 0.0, accuracySum = 0.0, seen = 0
        for (i, batch) in loader.nextEpoch().enumerated() {
            let x = Variable(batch.x), t = Variable(batch.t)
            let y = model(x)
            let loss = softmaxCrossEntropy(y, t)
            let lossValue = loss.item()
            guard lossValue.isFinite else {
                throw stopped(epoch, bar: bar, batch: i + 1, of: loader.batchCount, loss: lossValue, start: start, accuracy: true)
            }
            model.clearGrads()
            loss.backward()
            optimizer.update()
            let n = batch.t.shape[0]
            lossSum += lossValue * Double(n)
            accuracySum += accuracy(y, t).item() * Double(n)
            seen += n
            bar.update(done: i + 1, loss: lossSum / Double(seen))
        }
        let (testLoss, testAccuracy) = Self.evaluate(model, testLoader)
        let metrics = EpochMetrics(epoch: epoch, trainLoss: lossSum / Double(seen), trainAccuracy: accuracySum / Double(seen),
                                   testLoss: testLoss, testAccuracy: testAccuracy,
                                   seconds: Date().timeIntervalSince(start))
        bar.finish(summary: metrics.summary(of: config.epochs))
        return metrics
    }

    /// Ends the progress bar and describes an epoch stopped at a batch whose loss is not finite.
    private func stopped(_ epoch: Int, bar: ProgressBar, batch: Int, of batches: Int, loss: Double, start: Date,
                         accuracy: Bool) -> StoppedEpoch {
        bar.finish(summary: "epoch \(epoch)/\(config.epochs)  diverged at batch \(batch)/\(batches): loss \(TrainingDiverged.text(loss))")
        let metrics = EpochMetrics(epoch: epoch, trainLoss: loss, trainAccuracy: accuracy ? .nan : nil, testLoss: .nan,
                                   testAccuracy: accuracy ? .nan : nil, seconds: Date().timeIntervalSince(start), divergedAtBatch: batch)
        return StoppedEpoch(metrics: metrics, batch: batch, batches: batches, quantity: "loss", value: loss)
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
    /// at a time, then the graph is cut (truncated BPTT). Each step's loss is checked: one that
    /// is not finite stops the epoch.
    private func sequenceEpoch(_ epoch: Int, start: Date) throws -> EpochMetrics {
        guard let model = model as? SequenceModel else { dezeroFailure("sequence training needs a recurrent model") }
        let loader = SeqDataLoader(data.train, batchSize: config.batchSize)
        let bar = ProgressBar(total: loader.batchCount, label: "epoch \(epoch)/\(config.epochs)")
        model.resetState()
        var window: Variable?
        var total = 0.0, count = 0
        for (x, t) in loader {
            let step = meanSquaredError(model(Variable(x)), Variable(t))
            count += 1
            let stepLoss = step.item()
            guard stepLoss.isFinite else {
                throw stopped(epoch, bar: bar, batch: count, of: loader.batchCount, loss: stepLoss, start: start, accuracy: false)
            }
            window = window.map { $0 + step } ?? step
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
        let metrics = EpochMetrics(epoch: epoch, trainLoss: total / Double(max(count, 1)), trainAccuracy: nil,
                                   testLoss: test, testAccuracy: nil, seconds: Date().timeIntervalSince(start))
        bar.finish(summary: metrics.summary(of: config.epochs))
        return metrics
    }

    /// Mean squared error of one-step-ahead predictions along the test series.
    static func sequenceTestLoss(_ model: SequenceModel, on test: any Dataset) -> Double {
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
                for batch in loader.nextEpoch() {
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

/// An epoch that stopped because a figure was not finite (caught by the epoch loop).
private struct StoppedEpoch: Error {
    let metrics: EpochMetrics
    let batch: Int
    let batches: Int
    let quantity: String
    let value: Double
}
