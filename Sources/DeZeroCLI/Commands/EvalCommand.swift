import ArgumentParser
import DeZero
import Foundation

/// `dezero eval`: rebuilds a trained model from its weight file and measures it on the test split.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model saved by `dezero train` on its dataset's test split.",
        discussion: "The model's configuration is read from the metadata of the weight file (model.safetensors or checkpoint.safetensors of a run)."
    )

    @Option(help: "The weight file written by dezero train (model.safetensors).")
    var weights: String

    @Option(help: "For mnist: the folder with the MNIST files, if it moved since training.")
    var data: String?

    func run() throws {
        let url = URL(fileURLWithPath: weights)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIFailure("\(url.path): no such file; pass the model.safetensors of a run")
        }
        let tensors: [String: NDArray], metadata: [String: String]
        do { (tensors, metadata) = try Safetensors.read(from: url) } catch {
            throw CLIFailure("\(error)")
        }
        let remedy = "only files written by dezero train can be evaluated"
        var config = try RunConfiguration.saved(in: metadata, path: url.path, remedy: remedy)
        if let data { config.dataDirectory = data }
        let dataset = try TrainingData.load(config)
        // Input size, classes and image size come from the data, as in training; the weights
        // must then fit them. Sizes are checked against memory before the model is built.
        do { _ = try config.fit(to: dataset, memoryLimit: MachineMemory.available) } catch let error as SettingError {
            throw SavedFileError(path: url.path, problem: "dezero.config: " + error.savedMessage, remedy: remedy)
        }
        let model = try ModelChoice.make(config)
        // A checkpoint keeps the weights under model/; a model file at the top level.
        let modelTensors = tensors.keys.contains { $0.hasPrefix("model/") }
            ? Dictionary(uniqueKeysWithValues: tensors.filter { $0.key.hasPrefix("model/") }.map { (String($0.key.dropFirst(6)), $0.value) })
            : tensors
        do { try model.loadWeights(modelTensors, path: url.path) } catch { throw CLIFailure("\(error)") }
        if let sequenceModel = model as? SequenceModel {
            let loss = Trainer.sequenceTestLoss(sequenceModel, on: dataset.test)
            say(String(format: "%@ on %@ test (%d steps): loss %.4f", config.model.rawValue, config.dataset.rawValue, dataset.test.count, loss))
            return
        }
        let (loss, accuracy) = Trainer.evaluate(model, DataLoader(dataset.test, batchSize: 1000, shuffle: false))
        say(String(format: "%@ on %@ test (%d samples): loss %.4f, accuracy %.4f", config.model.rawValue, config.dataset.rawValue, dataset.test.count, loss, accuracy))
    }
}
