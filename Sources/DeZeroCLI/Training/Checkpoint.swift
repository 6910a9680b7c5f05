import DeZero
import Foundation

/// What `--resume` needs to continue a run exactly where it stopped: the weights, the
/// optimizer's state, the number of epochs done and the data loader's random state. Written
/// atomically after every epoch as one safetensors file (weights under `model/`, optimizer
/// slots under `optimizer/`, the rest in its metadata).
struct Checkpoint {
    static let fileName = "checkpoint.safetensors"

    var config: RunConfiguration
    var epoch: Int
    var loaderState: [UInt64]
    var noiseState: [UInt64]
    var optimizerState: OptimizerState
    var weights: [String: NDArray]

    static func capture(config: RunConfiguration, epoch: Int, model: Model, optimizer: Optimizer, loader: DataLoader,
                        noise: RandomSource) -> Checkpoint {
        Checkpoint(config: config, epoch: epoch, loaderState: loader.generator.state, noiseState: noise.currentGenerator.state,
                   optimizerState: optimizer.state,
                   weights: Dictionary(uniqueKeysWithValues: model.namedParams.map { ($0.key, $0.parameter.data) }))
    }

    func write(to url: URL) throws {
        var tensors: [(key: String, value: NDArray)] = weights.sorted { $0.key < $1.key }.map { ("model/" + $0.key, $0.value) }
        tensors += optimizerState.flattened.sorted { $0.key < $1.key }.map { ("optimizer/" + $0.key, $0.value) }
        let metadata = [
            "dezero.config": config.json(),
            "dezero.epoch": String(epoch),
            "dezero.loader_state": loaderState.map(String.init).joined(separator: ","),
            "dezero.noise_state": noiseState.map(String.init).joined(separator: ","),
            "dezero.optimizer_iteration": String(optimizerState.iteration),
        ]
        try Safetensors.write(tensors, metadata: metadata, to: url)
    }

    /// Reads and checks a checkpoint. Every field of its metadata is checked against its range
    /// (``parse(metadata:tensors:path:)``); the tensors are checked when they are restored.
    static func read(from url: URL) throws -> Checkpoint {
        let (tensors, metadata) = try Safetensors.read(from: url)
        return try parse(metadata: metadata, tensors: tensors, path: url.path)
    }

    /// The checkpoint that `metadata` and `tensors` describe, or a ``SavedFileError`` naming the
    /// first field that is missing, malformed or out of range. Never traps, whatever the input.
    static func parse(metadata: [String: String], tensors: [String: NDArray], path: String) throws(SavedFileError) -> Checkpoint {
        func damaged(_ problem: String) -> SavedFileError {
            SavedFileError(path: path, problem: problem, remedy: "start the run again without --resume")
        }
        func field(_ key: String) throws(SavedFileError) -> String {
            guard let value = metadata[key] else {
                throw SavedFileError(path: path, problem: "not a dezero checkpoint (no \(key) in its metadata)",
                                     remedy: "pass the folder or checkpoint.safetensors of a run")
            }
            return value
        }
        let config = try RunConfiguration.saved(in: metadata, path: path, remedy: "start the run again without --resume")
        let epochText = try field("dezero.epoch")
        guard let epoch = Int(epochText), (0...config.epochs).contains(epoch) else {
            throw damaged("dezero.epoch is \(quotedForMessage(epochText)); it must be a whole number from 0 to the run's \(config.epochs) epochs")
        }
        let iterationText = try field("dezero.optimizer_iteration")
        guard let iteration = Int(iterationText), (0...RunConfiguration.maxOptimizerIteration).contains(iteration) else {
            throw damaged("dezero.optimizer_iteration is \(quotedForMessage(iterationText)); it must be a whole number from 0 to 2^53")
        }
        let loaderState = try generatorState(field("dezero.loader_state"), key: "dezero.loader_state", damaged: damaged)
        let noiseState = try generatorState(field("dezero.noise_state"), key: "dezero.noise_state", damaged: damaged)
        var weights: [String: NDArray] = [:], slots: [String: NDArray] = [:]
        for (key, value) in tensors {
            if key.hasPrefix("model/") { weights[String(key.dropFirst(6))] = value }
            else if key.hasPrefix("optimizer/") { slots[String(key.dropFirst(10))] = value }
        }
        return Checkpoint(config: config, epoch: epoch, loaderState: loaderState, noiseState: noiseState,
                          optimizerState: OptimizerState(iteration: iteration, flattened: slots), weights: weights)
    }

    /// A random generator's state: four unsigned 64-bit words, not all zero, comma-separated.
    private static func generatorState(_ text: String, key: String,
                                       damaged: (String) -> SavedFileError) throws(SavedFileError) -> [UInt64] {
        let words = text.split(separator: ",", omittingEmptySubsequences: false).map { UInt64($0) }
        guard words.count == 4, words.allSatisfy({ $0 != nil }), words.contains(where: { $0 != 0 }) else {
            throw damaged("\(key) is \(quotedForMessage(text)); it must be four unsigned 64-bit numbers, not all zero")
        }
        return words.map { $0! }
    }

    /// Puts the saved state back into a freshly built model, optimizer and loader; returns the
    /// training randomness to continue with.
    func restore(model: Model, optimizer: Optimizer, loader: DataLoader, source: URL) throws -> RandomSource {
        try model.loadWeights(weights, path: source.path)
        do { try optimizer.loadState(optimizerState) } catch {
            throw CLIFailure("\(source.path): \(error)")
        }
        guard let generator = RandomGenerator(state: loaderState) else {
            throw CLIFailure("\(source.path): the checkpoint's data-loader state is damaged; start the run again without --resume")
        }
        loader.generator = generator
        guard let noise = RandomGenerator(state: noiseState) else {
            throw CLIFailure("\(source.path): the checkpoint's random state is damaged; start the run again without --resume")
        }
        return RandomSource(noise)
    }
}
