import DeZero
import Foundation

/// Everything that defines a training run, with the per-dataset defaults filled in.
/// Stored as JSON in the weight file's metadata, so `dezero eval` can rebuild the model; the
/// choices (dataset, model, activation, optimizer) are saved by name.
struct RunConfiguration: Codable, Equatable {
    var dataset: DatasetChoice
    var dataDirectory: String?
    var model: ModelChoice
    var hidden: [Int]
    var activation: ActivationChoice
    var epochs: Int
    var batchSize: Int
    var optimizer: OptimizerChoice
    var lr: Double
    var seed: UInt64
    /// L2 weight decay added to the gradients (0: none).
    var weightDecay: Double = 0
    /// Input features and classes of the dataset (set once the data is loaded); `classes`
    /// is 0 for regression (a time series).
    var inputSize: Int = 0
    var classes: Int = 0
    /// Height and width of image inputs (for the CNN); empty for other data.
    var imageSize: [Int] = []
    /// Steps of truncated backpropagation through time (recurrent models).
    var bpttLength: Int = 30
    /// Output channels of the CNN's two convolutions.
    var channels: [Int] = [16, 32]
    /// Dropout ratio before the CNN's classifier.
    var dropout: Double = 0.25

    enum CodingKeys: String, CodingKey {
        case dataset, dataDirectory, model, hidden, activation, epochs, batchSize, optimizer, lr, seed, weightDecay
        case inputSize, classes, imageSize, bpttLength, channels, dropout
    }

    /// Defaults chosen per dataset and model so that `dezero train` with no options trains well
    /// (measured values are in the closing notes of the training issues).
    static func defaults(for dataset: DatasetChoice, model: ModelChoice) -> RunConfiguration {
        switch (dataset, model) {
        case (.digits, .cnn):
            RunConfiguration(dataset: .digits, model: .cnn, hidden: [], activation: .relu, epochs: 30,
                             batchSize: 32, optimizer: .adam, lr: 0.002, seed: 0, weightDecay: 0.0001)
        case (.mnist, .cnn):
            RunConfiguration(dataset: .mnist, model: .cnn, hidden: [128], activation: .relu, epochs: 8,
                             batchSize: 64, optimizer: .adam, lr: 0.001, seed: 0, channels: [32, 64], dropout: 0.5)
        case (.digits, _):
            RunConfiguration(dataset: .digits, model: model, hidden: [256], activation: .relu, epochs: 60,
                             batchSize: 32, optimizer: .adam, lr: 0.001, seed: 0, weightDecay: 0.001)
        case (.spiral, _):
            RunConfiguration(dataset: .spiral, model: model, hidden: [30], activation: .sigmoid, epochs: 300,
                             batchSize: 30, optimizer: .adam, lr: 0.01, seed: 0)
        case (.mnist, _):
            RunConfiguration(dataset: .mnist, model: model, hidden: [1000], activation: .relu, epochs: 5,
                             batchSize: 100, optimizer: .adam, lr: 0.001, seed: 0)
        case (.sincurve, _):
            // The book's Step 60: LSTM with 100 units, batch 30, BPTT 30, Adam, 100 epochs.
            RunConfiguration(dataset: .sincurve, model: model, hidden: [100], activation: .tanh, epochs: 100,
                             batchSize: 30, optimizer: .adam, lr: 0.001, seed: 0)
        }
    }

    /// True for the time-series datasets, trained with truncated BPTT and no accuracy.
    var isSequence: Bool { dataset.isSequence }

    /// The configuration as one JSON string (sorted keys, so equal runs give equal files).
    /// Encoding cannot fail: every configuration written has passed `validate()`, which keeps
    /// its numbers finite.
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

extension RunConfiguration {
    /// Decodes every field (all required but `dataDirectory`), so that a value that does not
    /// convert names its field: Foundation's decoder reports a number that does not fit its
    /// type (`1.5` or `1e400` for an `Int`, `1e400` for a `Double`) as invalid JSON, with no
    /// field at all.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func field<T: Decodable>(_ key: CodingKeys) throws -> T {
            do { return try c.decode(T.self, forKey: key) } catch let error as DecodingError {
                throw error
            } catch {
                // The parser's own error (`numberIsNotRepresentableInSwift`), without a field.
                throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "\(error)"))
            }
        }
        /// A choice saved by name; an unknown name is a ``SettingError`` listing the names.
        func choice<T: SettingChoice>(_ key: CodingKeys, flag: String) throws -> T {
            let name: String = try field(key)
            guard let value = T(rawValue: name) else {
                throw SettingError(field: key.stringValue, flag: flag, value: quotedForMessage(name),
                                   requirement: "must be one of \(T.valueList)")
            }
            return value
        }
        dataset = try choice(.dataset, flag: "--dataset")
        dataDirectory = try c.contains(.dataDirectory) && !c.decodeNil(forKey: .dataDirectory) ? field(.dataDirectory) : nil
        model = try choice(.model, flag: "--model")
        hidden = try field(.hidden)
        activation = try choice(.activation, flag: "--activation")
        epochs = try field(.epochs)
        batchSize = try field(.batchSize)
        optimizer = try choice(.optimizer, flag: "--optimizer")
        lr = try field(.lr)
        seed = try field(.seed)
        weightDecay = try field(.weightDecay)
        inputSize = try field(.inputSize)
        classes = try field(.classes)
        imageSize = try field(.imageSize)
        bpttLength = try field(.bpttLength)
        channels = try field(.channels)
        dropout = try field(.dropout)
    }
}
