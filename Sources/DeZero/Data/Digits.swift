/// Real handwritten digits, 8×8 pixels, embedded in the library: works offline with no set-up.
///
/// 1,797 digits from the UCI "Optical Recognition of Handwritten Digits" dataset (E. Alpaydin,
/// C. Kaynak, 1998; CC BY 4.0), as scikit-learn ships them: 1,500 for training, 297 for testing,
/// stored in MNIST's IDX format (see `Resources/digits8x8/README.md`). Pixels become floats in
/// [0, 1], flattened to 64 features or kept as `[1, 8, 8]`; labels are int64 0…9.
///
/// ```swift
/// let train = Digits()                 // 1500 examples
/// train[0].x.shape                     // [64]
/// let test = Digits(train: false)      // 297 examples
/// ```
public struct Digits: ArrayBackedDataset, Sendable {
    /// The images: `[count, 64]` floats in [0, 1], or `[count, 1, 8, 8]` unflattened.
    public var data: NDArray
    /// The digits shown, int64 0…9, shape `[count]`.
    public var label: NDArray
    /// Applied to each input as it is read; `nil` reads the stored values.
    public var transform: Transform?
    /// Applied to each target as it is read; `nil` reads the stored values.
    public var targetTransform: Transform?
    /// True for the training split.
    public let train: Bool

    /// Decodes one split from the embedded files; `dtype` is `.float32` or `.float64`.
    public init(train: Bool = true, flatten: Bool = true, dtype: DType = .float32,
                transform: Transform? = nil, targetTransform: Transform? = nil) {
        let names = MNIST.fileNames(train: train)
        let imageBytes = train ? PackageResources.train_images_idx3_ubyte_gz : PackageResources.t10k_images_idx3_ubyte_gz
        let labelBytes = train ? PackageResources.train_labels_idx1_ubyte_gz : PackageResources.t10k_labels_idx1_ubyte_gz
        let imagesPath = "digits8x8/\(names.images).gz (embedded)"
        let labelsPath = "digits8x8/\(names.labels).gz (embedded)"
        do {
            let images = try IDX.parse(imageBytes, path: imagesPath, dimensions: 3)
            let labels = try IDX.parse(labelBytes, path: labelsPath, dimensions: 1)
            (data, label) = try LabeledImages.arrays(images: images, imagesPath: imagesPath, labels: labels,
                                                     labelsPath: labelsPath, flatten: flatten, dtype: dtype)
        } catch {
            // The files are part of the library and checked by its tests: this is a build error.
            dezeroFailure("Digits: the embedded dataset is damaged: \(error)")
        }
        self.train = train
        self.transform = transform
        self.targetTransform = targetTransform
    }
}
