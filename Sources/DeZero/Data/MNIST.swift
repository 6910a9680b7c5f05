import Foundation

/// MNIST (or any dataset in MNIST's IDX format) read from a directory you name.
///
/// The directory holds `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, each raw or gzip-compressed (with
/// `.gz` added to the name). Images of any size are accepted. Pixels become floats in [0, 1]
/// (DeZero's default transform: to float, divide by 255), flattened to `rows × cols` features,
/// or kept as `[1, rows, cols]` for convolutional models; labels are int64.
///
/// Bad files throw a ``DatasetError`` naming the file, what was expected and what was found.
///
/// ```swift
/// let train = try MNIST(directory: URL(fileURLWithPath: "data/mnist"))
/// train.count            // 60000
/// train[0].x.shape       // [784]
/// let cnn = try MNIST(directory: dir, train: false, flatten: false)
/// cnn[0].x.shape         // [1, 28, 28]
/// ```
public struct MNIST: ArrayBackedDataset, Sendable {
    /// The images: `[count, rows·cols]` floats in [0, 1], or `[count, 1, rows, cols]` unflattened.
    public var data: NDArray
    /// The classes, int64, shape `[count]`.
    public var label: NDArray
    /// Applied to each input as it is read; `nil` reads the stored values.
    public var transform: Transform?
    /// Applied to each target as it is read; `nil` reads the stored values.
    public var targetTransform: Transform?
    /// True for the training split (`train-*` files), false for the test split (`t10k-*`).
    public let train: Bool

    /// Reads one split from `directory`; `dtype` is `.float32` or `.float64`.
    public init(directory: URL, train: Bool = true, flatten: Bool = true, dtype: DType = .float32,
                transform: Transform? = nil, targetTransform: Transform? = nil) throws(DatasetError) {
        let names = MNIST.fileNames(train: train)
        let imagesURL = try MNIST.locate(names.images, in: directory)
        let labelsURL = try MNIST.locate(names.labels, in: directory)
        let images = try IDX.read(from: imagesURL, dimensions: 3)
        let labels = try IDX.read(from: labelsURL, dimensions: 1)
        (data, label) = try LabeledImages.arrays(images: images, imagesPath: imagesURL.path, labels: labels,
                                                 labelsPath: labelsURL.path, flatten: flatten, dtype: dtype)
        self.train = train
        self.transform = transform
        self.targetTransform = targetTransform
    }

    /// MNIST's file names (without `.gz`) for a split.
    static func fileNames(train: Bool) -> (images: String, labels: String) {
        let prefix = train ? "train" : "t10k"
        return ("\(prefix)-images-idx3-ubyte", "\(prefix)-labels-idx1-ubyte")
    }

    /// The raw file if present, else the `.gz` one.
    static func locate(_ name: String, in directory: URL) throws(DatasetError) -> URL {
        let raw = directory.appendingPathComponent(name)
        let gz = directory.appendingPathComponent(name + ".gz")
        if FileManager.default.fileExists(atPath: raw.path) { return raw }
        if FileManager.default.fileExists(atPath: gz.path) { return gz }
        throw .missingFile(path: raw.path, alsoTried: [gz.path])
    }
}
