import ArgumentParser
import DeZero
import Foundation

/// `dezero train`: the main job. With no options it trains an MLP on the embedded digits.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a network and write its metrics, curves and weights.",
        discussion: """
        With no options: an MLP on the 8×8 handwritten digits embedded in the program (no \
        download, no set-up). Epochs, hidden sizes, batch size and learning rate default per \
        dataset. Outputs go to --output (default runs/<dataset>-<model>): metrics.jsonl, \
        curves.svg (spiral adds decision.svg) and model.safetensors.
        """
    )

    @Option(help: "Dataset: \(DatasetChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: String = "digits"

    @Option(help: "For mnist: the folder with the MNIST files (train-images-idx3-ubyte[.gz], …).")
    var data: String?

    @Option(help: "Model: mlp or cnn (digits, mnist), mlp (spiral), lstm or rnn (sincurve). Default: mlp, or lstm for sincurve.")
    var model: String?

    @Option(help: "Hidden layer sizes, comma-separated (e.g. 100,100).")
    var hidden: String?

    @Option(help: "Activation of the hidden layers: relu, sigmoid, tanh.")
    var activation: String?

    @Option(help: "Number of passes over the training data.")
    var epochs: Int?

    @Option(help: "Samples per update.")
    var batchSize: Int?

    @Option(help: "Optimizer: sgd, momentum, adagrad, adadelta, adam.")
    var optimizer: String = "adam"

    @Option(help: "Learning rate.")
    var lr: Double?

    @Option(help: "L2 weight decay rate added to the gradients (0 for none).")
    var weightDecay: Double?

    @Option(help: "Random seed: the same seed gives the same run.")
    var seed: UInt64 = 0

    @Option(name: .shortAndLong, help: "Output folder (default runs/<dataset>-<model>).")
    var output: String?

    @Option(help: ArgumentHelp("Continue a run from its checkpoint: the run's folder or its checkpoint.safetensors. The run's settings come from the checkpoint; --epochs may raise the number of epochs.", valueName: "path"))
    var resume: String?

    func validate() throws {
        guard DatasetChoice(rawValue: dataset) != nil else {
            throw ValidationError("unknown dataset '\(dataset)'; choose one of \(DatasetChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let choice = DatasetChoice(rawValue: dataset)!
        if let model, !RunConfiguration.models(for: choice).contains(model) {
            throw ValidationError("--model \(model) does not fit --dataset \(dataset); choose one of \(RunConfiguration.models(for: choice).joined(separator: ", "))")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if let lr, !(lr > 0) { throw ValidationError("--lr must be positive, got \(lr)") }
        if let weightDecay, !(weightDecay >= 0) { throw ValidationError("--weight-decay must be 0 or more, got \(weightDecay)") }
        if let hidden, parseHidden(hidden) == nil {
            throw ValidationError("--hidden must be positive integers separated by commas, like 100,100; got '\(hidden)'")
        }
    }

    func run() throws {
        var config: RunConfiguration
        var checkpoint: Checkpoint?
        var checkpointURL: URL?
        var outputURL: URL
        if let resume {
            var url = URL(fileURLWithPath: resume)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                url = url.appendingPathComponent(Checkpoint.fileName)
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CLIFailure("\(url.path): no checkpoint there; pass the folder of a run started with dezero train")
            }
            let saved = try Checkpoint.read(from: url)
            config = saved.config
            if let epochs { config.epochs = epochs }
            checkpoint = saved
            checkpointURL = url
            outputURL = output.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        } else {
            config = resolvedConfiguration()
            outputURL = URL(fileURLWithPath: output ?? "runs/\(config.dataset)-\(config.model)")
        }
        let data = try TrainingData.load(config)
        config.inputSize = data.inputSize
        config.classes = data.classes
        config.imageSize = data.imageSize
        do {
            try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure("cannot create the output folder \(outputURL.path): \(error.localizedDescription)")
        }
        let network = try ModelFactory.model(config)
        let optimizer = try ModelFactory.optimizer(config, for: network)
        let loader = Trainer.makeLoader(config, data)
        var noise = RandomSource(seed: config.seed ^ 0x5EED_0F_D20F)
        if let checkpoint, let checkpointURL {
            noise = try checkpoint.restore(model: network, optimizer: optimizer, loader: loader, source: checkpointURL)
            say("resuming after epoch \(checkpoint.epoch) of \(config.epochs) from \(checkpointURL.path)")
        } else {
            // A fresh run starts a fresh metrics file.
            try? FileManager.default.removeItem(at: outputURL.appendingPathComponent("metrics.jsonl"))
        }
        say("training \(config.model) \(config.isSequence || config.model == "cnn" ? "" : ([config.inputSize] + config.hidden + [config.classes]).map(String.init).joined(separator: "-") + " ")on \(config.dataset) (\(data.train.count) train, \(data.test.count) test), \(config.optimizer) lr \(config.lr), batch \(config.batchSize), \(config.epochs) epochs")
        let trainer = Trainer(config: config, data: data, model: network, optimizer: optimizer, output: outputURL, noise: noise)
        let history = try trainer.run(loader: loader, done: checkpoint?.epoch ?? 0)
        try RunOutputs.write(history: history, config: config, model: network, data: data, to: outputURL)
        if let last = history.last {
            if let accuracy = last.testAccuracy {
                say(String(format: "final test accuracy %.4f; outputs in %@", accuracy, outputURL.path))
            } else {
                say(String(format: "final train loss %.4f, test loss %.4f; outputs in %@", last.trainLoss, last.testLoss, outputURL.path))
            }
        }
    }

    func resolvedConfiguration() -> RunConfiguration {
        let choice = DatasetChoice(rawValue: dataset)!
        var config = RunConfiguration.defaults(for: choice, model: model ?? choice.defaultModel)
        config.dataDirectory = data
        config.optimizer = optimizer
        config.seed = seed
        if let hidden { config.hidden = parseHidden(hidden)! }
        if let activation { config.activation = activation }
        if let epochs { config.epochs = epochs }
        if let batchSize { config.batchSize = batchSize }
        if let lr { config.lr = lr }
        if let weightDecay { config.weightDecay = weightDecay }
        return config
    }

    private func parseHidden(_ text: String) -> [Int]? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard sizes.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return sizes.map { $0! }
    }
}
