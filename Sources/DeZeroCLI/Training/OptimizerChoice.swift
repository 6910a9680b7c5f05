import DeZero

/// The optimizers `dezero train` offers (`--optimizer`).
enum OptimizerChoice: String, SettingChoice {
    case sgd, momentum, adagrad, adadelta, adam

    /// Arrays the optimizer keeps per parameter (for the memory estimate).
    var slotCount: Int {
        switch self {
        case .sgd: 0
        case .momentum, .adagrad: 1
        case .adadelta, .adam: 2
        }
    }

    /// Whether `--lr` means anything to it (AdaDelta has no learning rate).
    var hasLearningRate: Bool { self != .adadelta }

    /// The optimizer a configuration describes, set up on `model`, with its weight decay.
    static func make(_ config: RunConfiguration, for model: Model) -> Optimizer {
        let lr = config.lr
        let optimizer: Optimizer = switch config.optimizer {
        case .sgd: SGD(lr: lr)
        case .momentum: MomentumSGD(lr: lr)
        case .adagrad: AdaGrad(lr: lr)
        case .adadelta: AdaDelta()
        case .adam: Adam(lr: lr)
        }
        optimizer.setup(model)
        if config.weightDecay > 0 { optimizer.addHook(WeightDecay(rate: config.weightDecay)) }
        return optimizer
    }
}
