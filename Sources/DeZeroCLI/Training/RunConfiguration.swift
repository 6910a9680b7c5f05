import DeZero
import Foundation

/// Everything that defines a training run, with the per-dataset defaults filled in.
/// Stored as JSON in the weight file's metadata, so `dezero eval` can rebuild the model.
struct RunConfiguration: Codable, Equatable {
    var dataset: String
    var dataDirectory: String?
    var model: String
    var hidden: [Int]
    var activation: String
    var epochs: Int
    var batchSize: Int
    var optimizer: String
    var lr: Double
    var seed: UInt64
    /// L2 weight decay added to the gradients (0: none).
    var weightDecay: Double = 0
    /// Input features and classes of the dataset (set once the data is loaded).
    var inputSize: Int = 0
    var classes: Int = 0

    /// Defaults chosen per dataset so that `dezero train` with no options trains well
    /// (measured values are in the closing notes of the training issue).
    static func defaults(for dataset: DatasetChoice) -> RunConfiguration {
        switch dataset {
        case .digits:
            RunConfiguration(dataset: "digits", model: "mlp", hidden: [256], activation: "relu", epochs: 60,
                             batchSize: 32, optimizer: "adam", lr: 0.001, seed: 0, weightDecay: 0.001)
        case .spiral:
            RunConfiguration(dataset: "spiral", model: "mlp", hidden: [30], activation: "sigmoid", epochs: 300,
                             batchSize: 30, optimizer: "adam", lr: 0.01, seed: 0)
        case .mnist:
            RunConfiguration(dataset: "mnist", model: "mlp", hidden: [1000], activation: "relu", epochs: 5,
                             batchSize: 100, optimizer: "adam", lr: 0.001, seed: 0)
        }
    }

    /// The configuration as one JSON string (sorted keys, so equal runs give equal files).
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

/// The datasets `dezero train` knows.
enum DatasetChoice: String, CaseIterable {
    case digits, spiral, mnist
}
