/// The datasets `dezero train` knows (`--dataset`).
enum DatasetChoice: String, SettingChoice {
    case digits, spiral, mnist, sincurve

    /// The models that can train on it: classifiers for images and points, recurrent models
    /// for the time series.
    var models: [ModelChoice] {
        switch self {
        case .digits, .mnist: [.mlp, .cnn]
        case .spiral: [.mlp]
        case .sincurve: [.lstm, .rnn]
        }
    }

    /// The model trained when `--model` is not given.
    var defaultModel: ModelChoice { models[0] }

    /// True for the time series, trained with truncated BPTT and no accuracy.
    var isSequence: Bool { self == .sincurve }

    /// `digits: mlp, cnn; spiral: mlp; …`, for the help of `--model`.
    static var modelsPerDataset: String {
        allCases.map { "\($0): \(ModelChoice.list($0.models))" }.joined(separator: "; ")
    }
}
