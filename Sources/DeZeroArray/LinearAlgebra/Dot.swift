/// NumPy's `dot`: the inner product of vectors, the matrix product of matrices, and a sum
/// product over the last axis of `a` and the second-to-last of `b` for more dimensions.
///
/// - 0-d operand: elementwise multiplication.
/// - `(k,) · (k,)` → `()`; `(m, k) · (k, n)` → `(m, n)`; `(..., k) · (k,)` → `(...)`.
/// - N-D with M-D (M ≥ 2): `dot(a, b)[i, j, p, q] = sum(a[i, j, :] * b[p, :, q])`, shape
///   `a.shape.dropLast() + b.shape` without its second-to-last dimension. Unlike
///   ``matmul(_:_:backend:maxThreads:)``, leading dimensions are combined, not broadcast.
///
/// ```swift
/// let v = NDArray([1, 2, 3] as [Double])
/// dot(v, v).item()           // 14.0
/// ```
///
/// - Note: Stops with `dot: shapes (2, 3) and (4, 5) do not align` when the summed
///   dimensions differ.
public func dot(_ a: NDArray, _ b: NDArray) -> NDArray {
    if a.ndim == 0 || b.ndim == 0 { return a * b }
    // Up to two dimensions each, or a vector on either side, `dot` and `matmul` agree.
    if (a.ndim <= 2 && b.ndim <= 2) || a.ndim == 1 || b.ndim == 1 {
        return MatrixProduct.compute(a, b, op: "dot", backend: .automatic, maxThreads: nil)
    }
    let k = a.shape[a.ndim - 1]
    dezeroCheck(b.shape[b.ndim - 2] == k,
                "dot: shapes \(shapeDescription(a.shape)) and \(shapeDescription(b.shape)) do not align")
    // a as (rows, k); b with its summed axis moved to the front, as (k, columns).
    let rows = a.shape.dropLast().reduce(1, *)
    let aRows = a.contiguous()
    let a2 = aRows.view(shape: [rows, k], strides: [k, 1], offset: aRows.offset)
    var order = Array(0..<b.ndim)
    order.remove(at: b.ndim - 2)
    order.insert(b.ndim - 2, at: 0)
    let bMoved = b.view(shape: order.map { b.shape[$0] }, strides: order.map { b.strides[$0] }, offset: b.offset)
        .contiguousCopy()
    let cols = order.dropFirst().reduce(1) { $0 * b.shape[$1] }
    let b2 = bMoved.view(shape: [k, cols], strides: [cols, 1], offset: bMoved.offset)
    let product = MatrixProduct.compute(a2, b2, op: "dot", backend: .automatic, maxThreads: nil)
    let outShape = Array(a.shape.dropLast()) + Array(order.dropFirst().map { b.shape[$0] })
    return product.view(shape: outShape, strides: NDArray.rowMajorStrides(outShape), offset: product.offset)
}

extension NDArray {
    /// NumPy's `a.dot(b)`: see ``dot(_:_:)``.
    public func dot(_ other: NDArray) -> NDArray { DeZeroArray.dot(self, other) }
}
