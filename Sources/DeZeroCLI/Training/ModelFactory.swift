import DeZero

/// Builds the network and optimizer a configuration describes.
enum ModelFactory {
    static let activationNames = ["relu", "sigmoid", "tanh"]
    static let optimizerNames = ["sgd", "momentum", "adagrad", "adadelta", "adam"]

    /// Arrays the optimizer keeps per parameter (for the memory estimate).
    static func slotCount(optimizer: String) -> Int {
        switch optimizer {
        case "momentum", "adagrad": 1
        case "adadelta", "adam": 2
        default: 0
        }
    }

    static func activation(named name: String) -> ((Variable) -> Variable)? {
        switch name {
        case "relu": relu
        case "sigmoid": sigmoid
        case "tanh": tanh
        default: nil
        }
    }

    /// The model, its parameters created (by one forward pass on zeros) from the seed, so that
    /// the same seed gives the same initial weights. `config` must have passed
    /// `validate()` and `fit(to:memoryLimit:)`: its sizes are allocated as they are.
    static func model(_ config: RunConfiguration) throws -> Model {
        guard let activation = activation(named: config.activation) else {
            throw CLIFailure("unknown activation '\(config.activation)'; available: \(activationNames.joined(separator: ", "))")
        }
        let model: Model = try withRandomSource(seed: config.seed) {
            switch config.model {
            case "mlp":
                return MLP(config.hidden + [config.classes], activation: activation)
            case "cnn":
                // fit(to:memoryLimit:) made sure of at least 4×4 pixels (two 2×2 poolings).
                guard config.imageSize.count == 2 else {
                    throw CLIFailure("--model cnn needs square images; \(config.dataset) has \(config.inputSize) features per sample")
                }
                return SmallCNN(height: config.imageSize[0], width: config.imageSize[1], channels: config.channels,
                                hidden: config.hidden, classes: config.classes, dropoutRatio: config.dropout)
            case "lstm":
                return SequenceLSTM(hiddenSize: config.hidden.first ?? 100, outSize: config.inputSize, recurrent: .lstm)
            case "rnn":
                return SequenceLSTM(hiddenSize: config.hidden.first ?? 100, outSize: config.inputSize, recurrent: .rnn)
            default:
                throw CLIFailure("unknown model '\(config.model)'; available: mlp, cnn, lstm, rnn")
            }
        }
        // One forward pass on zeros creates the lazily sized weights from the seed.
        withRandomSource(seed: config.seed) {
            withNoGrad {
                withTestMode { _ = model(Variable(NDArray.zeros([1, config.inputSize], dtype: .float32))) }
            }
        }
        (model as? SequenceLSTM)?.resetState()
        return model
    }

    static func optimizer(_ config: RunConfiguration, for model: Model) throws -> Optimizer {
        let lr = config.lr
        let optimizer: Optimizer = switch config.optimizer {
        case "sgd": SGD(lr: lr)
        case "momentum": MomentumSGD(lr: lr)
        case "adagrad": AdaGrad(lr: lr)
        case "adadelta": AdaDelta()
        case "adam": Adam(lr: lr)
        default: throw CLIFailure("unknown optimizer '\(config.optimizer)'; available: \(optimizerNames.joined(separator: ", "))")
        }
        optimizer.setup(model)
        if config.weightDecay > 0 { optimizer.addHook(WeightDecay(rate: config.weightDecay)) }
        return optimizer
    }
}
