import DeZero
import Foundation

/// The train and test splits of a run's dataset.
struct TrainingData {
    let train: any Dataset
    let test: any Dataset
    let inputSize: Int
    let classes: Int
    /// Height and width of image inputs; empty for other data.
    var imageSize: [Int] = []

    /// Loads the dataset the configuration names. Throws a one-line ``CLIFailure`` for bad data.
    static func load(_ config: RunConfiguration) throws -> TrainingData {
        switch config.dataset {
        case .digits:
            return TrainingData(train: Digits(train: true), test: Digits(train: false), inputSize: 64, classes: 10, imageSize: [8, 8])
        case .spiral:
            return TrainingData(train: Spiral(train: true), test: Spiral(train: false), inputSize: 2, classes: 3)
        case .mnist:
            guard let dir = config.dataDirectory else {
                throw CLIFailure("--dataset mnist needs --data DIR, a folder with the four MNIST files (train-images-idx3-ubyte[.gz], …)")
            }
            let url = URL(fileURLWithPath: dir)
            let train: MNIST, test: MNIST
            do {
                train = try MNIST(directory: url, train: true)
                test = try MNIST(directory: url, train: false)
            } catch {
                throw CLIFailure(error.description)  // MNIST throws only DatasetError
            }
            // Any MNIST-format folder: image size and label range come from the files.
            let labels = train.label.scalars(as: Int64.self) + test.label.scalars(as: Int64.self)
            let classes = max(Int(labels.max() ?? 1) + 1, 2)
            let inputSize = train.data.count / max(train.count, 1)
            let side = Int(Double(inputSize).squareRoot())
            return TrainingData(train: train, test: test, inputSize: inputSize, classes: classes,
                                imageSize: side * side == inputSize ? [side, side] : [])
        case .sincurve:
            return TrainingData(train: SinCurve(train: true), test: SinCurve(train: false), inputSize: 1, classes: 0)
        }
    }
}
