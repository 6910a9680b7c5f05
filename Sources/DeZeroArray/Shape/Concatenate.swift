// concatenate and stack: join arrays along an axis, promoting dtypes as arithmetic does.

/// Joins arrays along an existing axis. All arrays need the same rank and the same sizes on
/// every other axis; the result's dtype is the promotion of all inputs' dtypes.
///
/// ```swift
/// let a = NDArray([[1, 2], [3, 4]] as [[Double]])
/// let b = NDArray([[5, 6]] as [[Double]])
/// concatenate([a, b]).shape            // [3, 2]
/// concatenate([a, a], axis: 1).shape   // [2, 4]
/// ```
public func concatenate(_ arrays: [NDArray], axis: Int = 0) -> NDArray {
    dezeroCheck(!arrays.isEmpty, "concatenate: need at least one array to concatenate")
    let first = arrays[0]
    dezeroCheck(first.ndim > 0, "concatenate: zero-dimensional arrays cannot be concatenated")
    let ax = ShapeIndexSupport.axis(axis, ndim: first.ndim, op: "concatenate")
    var shape = first.shape
    shape[ax] = 0
    var dtype = first.dtype
    for (i, a) in arrays.enumerated() {
        dezeroCheck(a.ndim == first.ndim,
                    "concatenate: all arrays must have the same number of dimensions, array 0 has shape \(shapeDescription(first.shape)) and array \(i) has shape \(shapeDescription(a.shape))")
        for d in 0..<a.ndim where d != ax {
            dezeroCheck(a.shape[d] == first.shape[d],
                        "concatenate: sizes must match except on axis \(ax), array 0 has shape \(shapeDescription(first.shape)) and array \(i) has shape \(shapeDescription(a.shape))")
        }
        shape[ax] += a.shape[ax]
        dtype = DType.promote(dtype, a.dtype)
    }
    // Each input fills a slab of the result: the result's strides, starting at the slab.
    let outStrides = NDArray.rowMajorStrides(shape)
    let item = dtype.itemSize
    return NDArray.makeRaw(dtype: dtype, shape: shape) { dst, _ in
        var start = 0
        for a in arrays {
            let part = a.astype(dtype)
            StridedTransfer.copy(part, into: dst + start * outStrides[ax] * item, dstStrides: outStrides)
            start += a.shape[ax]
        }
    }
}

/// Joins arrays of one shape along a new axis `axis` of the result (which has one more
/// dimension than the inputs). dtypes promote as in ``concatenate(_:axis:)``.
///
/// ```swift
/// let a = NDArray([1, 2, 3] as [Double]), b = NDArray([4, 5, 6] as [Double])
/// stack([a, b]).shape            // [2, 3]
/// stack([a, b], axis: 1).shape   // [3, 2]
/// ```
public func stack(_ arrays: [NDArray], axis: Int = 0) -> NDArray {
    dezeroCheck(!arrays.isEmpty, "stack: need at least one array to stack")
    let first = arrays[0]
    let ax = ShapeIndexSupport.axis(axis, ndim: first.ndim + 1, op: "stack")
    for (i, a) in arrays.enumerated() {
        dezeroCheck(a.shape == first.shape,
                    "stack: all input arrays must have the same shape, array 0 has shape \(shapeDescription(first.shape)) and array \(i) has shape \(shapeDescription(a.shape))")
    }
    return concatenate(arrays.map { $0.expandDims(axis: ax) }, axis: ax)
}
