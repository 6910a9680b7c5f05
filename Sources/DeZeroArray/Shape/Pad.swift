// pad: constant padding around an array (zero padding for convolution).

/// A copy of `x` with `widths[i].0` elements of `value` before and `widths[i].1` after it on
/// axis `i`. `widths` holds one pair per axis, or a single pair used for every axis.
///
/// ```swift
/// let x = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
/// pad(x, [(1, 1), (0, 2)]).shape   // [4, 4]
/// pad(x, [(1, 1)], value: -1).shape // [4, 4], bordered with -1
/// ```
public func pad(_ x: NDArray, _ widths: [(Int, Int)], value: Double = 0) -> NDArray {
    let pairs = widths.count == 1 && x.ndim != 1 ? Array(repeating: widths[0], count: x.ndim) : widths
    dezeroCheck(pairs.count == x.ndim,
                "pad: \(widths.count) width pairs given for array of shape \(shapeDescription(x.shape)); need 1 or \(x.ndim)")
    for (b, a) in pairs {
        dezeroCheck(b >= 0 && a >= 0, "pad: widths must be non-negative, got \(pairs.map { "(\($0.0), \($0.1))" }.joined(separator: ", "))")
    }
    let shape = zip(x.shape, pairs).map { $0 + $1.0 + $1.1 }
    let strides = NDArray.rowMajorStrides(shape)
    var start = 0
    for (s, p) in zip(strides, pairs) { start += s * p.0 }
    let item = x.dtype.itemSize
    return NDArray.makeRaw(dtype: x.dtype, shape: shape) { dst, n in
        StridedTransfer.fill(dst, count: n, value: value, dtype: x.dtype)
        StridedTransfer.copy(x, into: dst + start * item, dstStrides: strides)
    }
}
