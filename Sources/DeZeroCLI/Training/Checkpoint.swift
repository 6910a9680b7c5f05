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

    static func read(from url: URL) throws -> Checkpoint {
        let (tensors, metadata) = try Safetensors.read(from: url)
        func field(_ key: String) throws -> String {
            guard let value = metadata[key] else {
                throw CLIFailure("\(url.path): not a dezero checkpoint (no \(key) in its metadata); pass the checkpoint.safetensors of a run")
            }
            return value
        }
        guard let config = try? JSONDecoder().decode(RunConfiguration.self, from: Data(try field("dezero.config").utf8)),
              let epoch = Int(try field("dezero.epoch")), epoch >= 0,
              let iteration = Int(try field("dezero.optimizer_iteration")) else {
            throw CLIFailure("\(url.path): the checkpoint's metadata is damaged; start the run again without --resume")
        }
        let loaderState = try field("dezero.loader_state").split(separator: ",").compactMap { UInt64($0) }
        let noiseState = try field("dezero.noise_state").split(separator: ",").compactMap { UInt64($0) }
        var weights: [String: NDArray] = [:], slots: [String: NDArray] = [:]
        for (key, value) in tensors {
            if key.hasPrefix("model/") { weights[String(key.dropFirst(6))] = value }
            else if key.hasPrefix("optimizer/") { slots[String(key.dropFirst(10))] = value }
        }
        return Checkpoint(config: config, epoch: epoch, loaderState: loaderState, noiseState: noiseState,
                          optimizerState: OptimizerState(iteration: iteration, flattened: slots), weights: weights)
    }

    /// Puts the saved state back into a freshly built model, optimizer and loader; returns the
    /// training randomness to continue with.
    func restore(model: Model, optimizer: Optimizer, loader: DataLoader, source: URL) throws -> RandomSource {
        try model.loadWeights(weights, source: source.path)
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
