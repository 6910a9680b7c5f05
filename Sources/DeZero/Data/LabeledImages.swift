/// Turns an images IDX file and a labels IDX file into DeZero's `data` / `label` arrays:
/// pixels divided by 255 as floats, labels as int64. Shared by ``MNIST`` and ``Digits``.
enum LabeledImages {
    static func arrays(images: IDXArray, imagesPath: String, labels: IDXArray, labelsPath: String,
                       flatten: Bool, dtype: DType) throws(DatasetError) -> (data: NDArray, label: NDArray) {
        let (n, rows, cols) = (images.shape[0], images.shape[1], images.shape[2])
        guard labels.shape[0] == n else {
            throw .countMismatch(imagesPath: imagesPath, images: n, labelsPath: labelsPath, labels: labels.shape[0])
        }
        let shape = flatten ? [n, rows * cols] : [n, 1, rows, cols]
        let data: NDArray
        switch dtype {
        case .float32: data = scaledPixels(images.bytes, shape: shape, as: Float.self)
        case .float64: data = scaledPixels(images.bytes, shape: shape, as: Double.self)
        default: dezeroFailure("image dataset: dtype must be float32 or float64, got \(dtype)")
        }
        let label = NDArray.make(Int64.self, shape: [n]) { out in
            for (i, b) in labels.bytes.enumerated() { out[i] = Int64(b) }
        }
        return (data, label)
    }

    /// Bytes 0…255 to floats 0…1 through a 256-entry table (exactly `Float(b) / 255`), split
    /// over the cores when there are millions of pixels (MNIST's 47 million).
    static func scaledPixels<T: NDFloat>(_ bytes: ArraySlice<UInt8>, shape: [Int], as: T.Type) -> NDArray {
        let table = (0..<256).map { T($0) / 255 }
        return NDArray.make(T.self, shape: shape) { out in
            bytes.withUnsafeBufferPointer { src in
                table.withUnsafeBufferPointer { lut in
                    let total = src.count
                    let chunk = 1 << 20
                    // Chunks write disjoint ranges of `out`; the pointers outlive the loop.
                    Parallel.tasks((total + chunk - 1) / chunk) { c in
                        for i in c * chunk..<min(total, (c + 1) * chunk) { out[i] = lut[Int(src[i])] }
                    }
                }
            }
        }
    }
}
