// Small helpers shared by the shape and indexing operations: axis normalisation and
// strided element copies. Internal; the names are prefixed so they cannot collide with
// helpers of other areas of the module.

enum ShapeIndexSupport {
    /// Maps a possibly negative `axis` into `0..<ndim`, stopping with a message naming `op`.
    @inline(__always)
    static func axis(_ axis: Int, ndim: Int, op: String) -> Int {
        guard axis >= -ndim && axis < ndim else {
            dezeroFailure("\(op): axis \(axis) is out of bounds for array of dimension \(ndim)")
        }
        return axis < 0 ? axis + ndim : axis
    }

    /// Product of the dimensions (1 for `[]`).
    @inline(__always)
    static func product(_ dims: some Collection<Int>) -> Int {
        var n = 1
        for d in dims { n &*= d }
        return n
    }
}

/// Element copies between two strided layouts of one shape. The innermost dimension runs as a
/// tight loop (a `memcpy` when both sides are unit-stride); outer dimensions advance an index.
/// Element width is all that matters for a copy, so callers dispatch on the item size only.
enum StridedTransfer {
    @inline(__always)
    static func copy<E>(_ src: UnsafePointer<E>, _ srcStrides: [Int],
                        _ dst: UnsafeMutablePointer<E>, _ dstStrides: [Int], shape: [Int]) {
        let nd = shape.count
        if nd == 0 { dst[0] = src[0]; return }
        if shape.contains(0) { return }
        let inner = shape[nd - 1], si = srcStrides[nd - 1], di = dstStrides[nd - 1]
        let outer = ShapeIndexSupport.product(shape.dropLast())
        var index = [Int](repeating: 0, count: nd)
        var s = 0, d = 0
        for _ in 0..<outer {
            if si == 1 && di == 1 {
                (dst + d).update(from: src + s, count: inner)
            } else {
                var a = s, b = d
                for _ in 0..<inner { dst[b] = src[a]; a += si; b += di }
            }
            var k = nd - 2
            while k >= 0 {
                index[k] += 1
                s += srcStrides[k]; d += dstStrides[k]
                if index[k] < shape[k] { break }
                s -= srcStrides[k] * shape[k]; d -= dstStrides[k] * shape[k]
                index[k] = 0
                k -= 1
            }
        }
    }

    /// Copies every element of `source` (any layout) into `dst`, laid out with `dstStrides`
    /// (element strides, same shape as `source`). `dst` must have `source`'s dtype.
    static func copy(_ source: NDArray, into dst: UnsafeMutableRawPointer, dstStrides: [Int]) {
        if source.count == 0 { return }
        source.withUnsafeRawPointer { src in
            switch source.dtype.itemSize {
            case 8: copy(src.assumingMemoryBound(to: UInt64.self), source.strides,
                         dst.assumingMemoryBound(to: UInt64.self), dstStrides, shape: source.shape)
            case 4: copy(src.assumingMemoryBound(to: UInt32.self), source.strides,
                         dst.assumingMemoryBound(to: UInt32.self), dstStrides, shape: source.shape)
            default: copy(src.assumingMemoryBound(to: UInt8.self), source.strides,
                          dst.assumingMemoryBound(to: UInt8.self), dstStrides, shape: source.shape)
            }
        }
    }

    /// Writes `value` (converted to `dtype`) into all `count` elements at `dst`.
    static func fill(_ dst: UnsafeMutableRawPointer, count: Int, value: Double, dtype: DType) {
        switch dtype {
        case .float32: dst.assumingMemoryBound(to: Float.self).update(repeating: Float(value), count: count)
        case .float64: dst.assumingMemoryBound(to: Double.self).update(repeating: value, count: count)
        case .int64: dst.assumingMemoryBound(to: Int64.self).update(repeating: Int64(fromDouble: value), count: count)
        case .bool: dst.assumingMemoryBound(to: Bool.self).update(repeating: value != 0, count: count)
        }
    }
}
