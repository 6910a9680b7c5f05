// log(sum(exp(x))) without overflow: the largest value is subtracted first.

/// `log(Σ exp(x))` over all axes (`axis: nil`) or one axis, computed stably as
/// `m + log(Σ exp(x - m))` with `m` the maximum (0 where that is infinite, so rows of
/// `-inf` give `-inf`). Integer input gives float64; an empty extent gives `-inf`.
///
/// ```swift
/// logsumexp(NDArray([1000, 1000] as [Double]))   // array(1000.6931471805599)
/// ```
public func logsumexp(_ x: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    logsumexp(x, axes: axis.map { [$0] } ?? Array(0..<x.ndim), keepdims: keepdims)
}

/// `log(Σ exp(x))` over several axes, stably; see ``logsumexp(_:axis:keepdims:)``.
public func logsumexp(_ x: NDArray, axes: [Int], keepdims: Bool = false) -> NDArray {
    let xf = x.dtype.isFloatingPoint ? x : x.astype(.float64)
    let ax = xf.normalizedAxes(axes, op: "logsumexp")
    let outShape = xf.reducedShape(ax, keepdims: keepdims)
    if ax.contains(where: { xf.shape[$0] == 0 }) {
        return xf.dtype == .float32
            ? NDArray.make(Float.self, shape: outShape) { $0.initialize(repeating: -.infinity) }
            : NDArray.make(Double.self, shape: outShape) { $0.initialize(repeating: -.infinity) }
    }
    let m = xf.max(axes: ax, keepdims: true)
    let shift = xf.dtype == .float32
        ? ElementwiseKernels.map(m, FiniteOrZeroElement<Float>())
        : ElementwiseKernels.map(m, FiniteOrZeroElement<Double>())
    let r = log(exp(xf - shift).sum(axes: ax, keepdims: true)) + shift
    // r is freshly allocated and row-major, so dropping the reduced dimensions is a view.
    return r.view(shape: outShape, strides: NDArray.rowMajorStrides(outShape), offset: 0)
}

/// The value where it is finite, else 0 (the shift logsumexp subtracts).
@usableFromInline struct FiniteOrZeroElement<T: ElementArithmetic & FloatingPoint>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { x.isFinite ? x : 0 }
}
