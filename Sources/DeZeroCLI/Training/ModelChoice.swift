import DeZero

/// The networks `dezero train` builds (`--model`); which fit a dataset is
/// ``DatasetChoice/models``.
enum ModelChoice: String, SettingChoice {
    case mlp, cnn, lstm, rnn

    /// The model a configuration describes, its parameters created (by one forward pass on
    /// zeros) from the seed, so that the same seed gives the same initial weights. `config`
    /// must have passed `validate()` and `fit(to:memoryLimit:)`: its sizes are allocated as
    /// they are.
    static func make(_ config: RunConfiguration) throws -> Model {
        let model: Model = try withRandomSource(seed: config.seed) { try build(config) }
        // One forward pass on zeros creates the lazily sized weights from the seed.
        withRandomSource(seed: config.seed) {
            withNoGrad {
                withTestMode { _ = model(Variable(NDArray.zeros([1, config.inputSize], dtype: .float32))) }
            }
        }
        (model as? SequenceModel)?.resetState()
        return model
    }

    /// The layers of `config.model`, before their weights exist.
    private static func build(_ config: RunConfiguration) throws -> Model {
        let hidden = config.hidden
        switch config.model {
        case .mlp:
            return MLP(hidden + [config.classes], activation: config.activation.function)
        case .cnn:
            // fit(to:memoryLimit:) made sure of at least 4×4 pixels (two 2×2 poolings).
            guard config.imageSize.count == 2 else {
                throw CLIFailure("--model cnn needs square images; \(config.dataset) has \(config.inputSize) features per sample")
            }
            return SmallCNN(height: config.imageSize[0], width: config.imageSize[1], channels: config.channels,
                            hidden: hidden, classes: config.classes, dropoutRatio: config.dropout)
        case .lstm:
            return SequenceModel(hiddenSize: hidden.first ?? 100, outSize: config.inputSize, recurrent: .lstm)
        case .rnn:
            return SequenceModel(hiddenSize: hidden.first ?? 100, outSize: config.inputSize, recurrent: .rnn)
        }
    }
}
