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

        Exit status: 0 when the run finished. 64 for a flag out of its range (--epochs 0, \
        --lr inf, --hidden ""). 1, with one line on stderr, for a problem found while running: \
        data that cannot be read, a damaged checkpoint (every saved setting is range-checked), \
        a model too big for this machine's memory (refused before allocating), or a diverged \
        run. A run diverges when a batch's loss is not a finite number (NaN or infinity, \
        usually from too high a learning rate): training stops at that batch and names it; \
        metrics.jsonl gets a line for that epoch with null for every figure that is not a \
        finite number, and the checkpoint of the last good epoch is kept unchanged.
        """
    )

    @Option(help: "Dataset to train on.")
    var dataset: DatasetChoice = .digits

    @Option(help: "For mnist: the folder with the MNIST files (train-images-idx3-ubyte[.gz], …).")
    var data: String?

    @Option(help: "Model, one that fits the dataset (\(DatasetChoice.modelsPerDataset)). Default: the first listed for the dataset.")
    var model: ModelChoice?

    @Option(help: "Hidden layer sizes, comma-separated (e.g. 100,100); one size for lstm and rnn. Sizes that would need more memory than the machine has are refused.")
    var hidden: String?

    @Option(help: "Activation of the hidden layers (default per dataset).")
    var activation: ActivationChoice?

    @Option(help: "Number of passes over the training data (1 to 1000000).")
    var epochs: Int?

    @Option(help: "Samples per update (at least 1; more than the training set gives one batch of the whole set).")
    var batchSize: Int?

    @Option(help: "Optimizer.")
    var optimizer: OptimizerChoice = .adam

    @Option(help: "Learning rate (a positive finite number).")
    var lr: Double?

    @Option(help: "L2 weight decay rate added to the gradients (a finite number; 0 for none).")
    var weightDecay: Double?

    @Option(help: "Random seed: the same seed gives the same run.")
    var seed: UInt64 = 0

    @Option(name: .shortAndLong, help: "Output folder (default runs/<dataset>-<model>).")
    var output: String?

    @Option(help: ArgumentHelp("Continue a run from its checkpoint: the run's folder or its checkpoint.safetensors. The run's settings come from the checkpoint, and each is range-checked; --epochs may raise the number of epochs.", valueName: "path"))
    var resume: String?

    /// Flag values on their own: syntax and fixed ranges (the parser's exit status 64; it has
    /// already refused names that are not among a choice's cases). What depends on the data or
    /// the machine is checked in `run()` (exit status 1).
    func validate() throws {
        if let model, !dataset.models.contains(model) {
            throw ValidationError("--model \(model) does not fit --dataset \(dataset); choose one of \(ModelChoice.list(dataset.models))")
        }
        do {
            if let hidden { _ = try Self.parseHidden(hidden) }
            try resolvedConfiguration().validate()
        } catch {
            throw ValidationError(error.flagMessage)
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
            // Saves killed midway (a run stopped with SIGKILL) leave their temporary files here.
            let stale = removeStaleTemporaryFiles(in: url.deletingLastPathComponent())
            if !stale.isEmpty {
                FileHandle.standardError.write(Data("note: removed \(stale.count) temporary file(s) left by killed saves\n".utf8))
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
        let setup = try RunSetup(config, checkpoint: checkpointURL)
        for note in setup.notes { say(note) }
        config = setup.config
        let (data, network, optimizer, loader) = (setup.data, setup.model, setup.optimizer, setup.loader)
        do {
            try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure("cannot create the output folder \(outputURL.path): \(error.localizedDescription)")
        }
        var noise = RandomSource(seed: config.seed ^ 0x5EED_0F_D20F)
        if let checkpoint, let checkpointURL {
            noise = try checkpoint.restore(model: network, optimizer: optimizer, loader: loader, source: checkpointURL)
            say("resuming after epoch \(checkpoint.epoch) of \(config.epochs) from \(checkpointURL.path)")
        } else {
            // A fresh run starts a fresh metrics file.
            try? FileManager.default.removeItem(at: outputURL.appendingPathComponent("metrics.jsonl"))
        }
        say("training \(config.model) \(config.isSequence || config.model == .cnn ? "" : ([config.inputSize] + config.hidden + [config.classes]).map(String.init).joined(separator: "-") + " ")on \(config.dataset) (\(data.train.count) train, \(data.test.count) test), \(config.optimizer) lr \(config.lr), batch \(config.batchSize), \(config.epochs) epochs")
        var trainer = Trainer(config: config, data: data, model: network, optimizer: optimizer, output: outputURL, noise: noise)
        trainer.resumedFrom = checkpointURL
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
        var config = RunConfiguration.defaults(for: dataset, model: model ?? dataset.defaultModel)
        config.dataDirectory = data
        config.optimizer = optimizer
        config.seed = seed
        if let hidden, let sizes = try? Self.parseHidden(hidden) { config.hidden = sizes }
        if let activation { config.activation = activation }
        if let epochs { config.epochs = epochs }
        if let batchSize { config.batchSize = batchSize }
        if let lr { config.lr = lr }
        if let weightDecay { config.weightDecay = weightDecay }
        return config
    }

    /// `--hidden 100,50`: one or more whole numbers of at least 1, separated by commas.
    /// An empty list or an empty entry (`""`, `,,`, `10,,20`) is refused, not skipped.
    static func parseHidden(_ text: String) throws(SettingError) -> [Int] {
        func refuse(_ why: String) -> SettingError {
            SettingError(field: "hidden", flag: "--hidden", value: quotedForMessage(text), requirement: why)
        }
        let usage = "give layer sizes separated by commas, like 100,100"
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("lists no sizes; " + usage) }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { (entry) throws(SettingError) -> Int in
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw refuse("has an empty entry; " + usage) }
            guard let size = Int(trimmed) else { throw refuse("\(quotedForMessage(trimmed)) is not a whole number; " + usage) }
            guard size >= 1 else { throw refuse("sizes must be at least 1, got \(size)") }
            return size
        }
    }
}
