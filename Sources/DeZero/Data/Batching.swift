/// Memory-copy helpers that turn examples into batches: whole rows move with `memcpy`,
/// never element by element.
enum Batching {
    /// Batches needed for `count` examples, `batchSize` at a time (the last one partial):
    /// DeZero's `max_iter`.
    static func batchCount(of count: Int, batchSize: Int) -> Int { (count + batchSize - 1) / batchSize }

    /// Example `index` of `array` (its first axis) as a zero-copy view.
    static func row(_ array: NDArray, _ index: Int) -> NDArray {
        array.view(shape: Array(array.shape.dropFirst()), strides: Array(array.strides.dropFirst()),
                   offset: array.offset + index * array.strides[0])
    }

    /// Rows `indices` of `array`, in that order, as a new contiguous array of shape
    /// `[indices.count] + array.shape.dropFirst()`. Runs of consecutive indices (an unshuffled
    /// loader) are copied with one `memcpy` each.
    static func gather(_ array: NDArray, _ indices: [Int]) -> NDArray {
        let source = array.contiguous()
        let rowShape = Array(source.shape.dropFirst())
        let rowBytes = rowShape.reduce(1, *) * source.dtype.itemSize
        return NDArray.makeRaw(dtype: source.dtype, shape: [indices.count] + rowShape) { dst, _ in
            guard rowBytes > 0 else { return }
            source.withUnsafeRawPointer { src in
                var k = 0
                while k < indices.count {
                    var end = k + 1
                    while end < indices.count && indices[end] == indices[end - 1] + 1 { end += 1 }
                    (dst + k * rowBytes).copyMemory(from: src + indices[k] * rowBytes, byteCount: (end - k) * rowBytes)
                    k = end
                }
            }
        }
    }

    /// Stacks equally shaped arrays along a new first axis (NumPy's `np.stack(arrays)`).
    static func stack(_ arrays: [NDArray]) -> NDArray {
        guard let first = arrays.first else { return NDArray.makeRaw(dtype: .float32, shape: [0]) { _, _ in } }
        for (i, a) in arrays.enumerated() where a.shape != first.shape || a.dtype != first.dtype {
            dezeroFailure("DataLoader: example \(i) has shape \(shapeDescription(a.shape)) and dtype \(a.dtype), "
                          + "example 0 has \(shapeDescription(first.shape)) and \(first.dtype); a batch needs equal shapes")
        }
        let rowBytes = first.count * first.dtype.itemSize
        return NDArray.makeRaw(dtype: first.dtype, shape: [arrays.count] + first.shape) { dst, _ in
            guard rowBytes > 0 else { return }
            for (k, a) in arrays.enumerated() {
                a.contiguous().withUnsafeRawPointer { (dst + k * rowBytes).copyMemory(from: $0, byteCount: rowBytes) }
            }
        }
    }
}
