// Elementwise maximum / minimum of two arrays (or an array and a scalar), and clip.
// NaN propagates, as in NumPy: if either value is NaN the result is NaN.

/// The larger of each pair of elements, with broadcasting and the promotion of `+` (bool
/// with bool stays bool: logical or).
///
/// ```swift
/// maximum(NDArray([1, 5] as [Float]), NDArray([3, 2] as [Float]))   // [3., 5.]
/// maximum(x, 0)                                                      // ReLU; keeps x's dtype
/// ```
public func maximum(_ a: NDArray, _ b: NDArray) -> NDArray { extremumOfPairs(a, b, isMax: true) }

/// The smaller of each pair of elements, with broadcasting and the promotion of `+` (bool
/// with bool stays bool: logical and).
public func minimum(_ a: NDArray, _ b: NDArray) -> NDArray { extremumOfPairs(a, b, isMax: false) }

/// `maximum` with a scalar, which takes a float array's dtype (float64 next to integers).
public func maximum(_ a: NDArray, _ b: Double) -> NDArray { maximum(a, NDArray.scalarOperand(b, like: a)) }
/// `maximum` with the scalar first; the same result as with it second.
public func maximum(_ a: Double, _ b: NDArray) -> NDArray { maximum(NDArray.scalarOperand(a, like: b), b) }
/// `minimum` with a scalar, which takes a float array's dtype (float64 next to integers).
public func minimum(_ a: NDArray, _ b: Double) -> NDArray { minimum(a, NDArray.scalarOperand(b, like: a)) }
/// `minimum` with the scalar first; the same result as with it second.
public func minimum(_ a: Double, _ b: NDArray) -> NDArray { minimum(NDArray.scalarOperand(a, like: b), b) }
/// `maximum` with an integer scalar: int64 arrays stay int64, float arrays keep their dtype.
public func maximum(_ a: NDArray, _ b: Int) -> NDArray { maximum(a, NDArray.scalarOperand(b, like: a)) }
/// `maximum` with the scalar first; the same result as with it second.
public func maximum(_ a: Int, _ b: NDArray) -> NDArray { maximum(NDArray.scalarOperand(a, like: b), b) }
/// `minimum` with an integer scalar: int64 arrays stay int64, float arrays keep their dtype.
public func minimum(_ a: NDArray, _ b: Int) -> NDArray { minimum(a, NDArray.scalarOperand(b, like: a)) }
/// `minimum` with the scalar first; the same result as with it second.
public func minimum(_ a: Int, _ b: NDArray) -> NDArray { minimum(NDArray.scalarOperand(a, like: b), b) }

/// Each element limited to `[min, max]` (NumPy's `clip`: `minimum(maximum(x, min), max)`,
/// so `min > max` gives `max` everywhere; NaN stays NaN). Float arrays keep their dtype;
/// int64 and bool arrays give float64 (use the `Int` overload to stay integer).
///
/// ```swift
/// clip(NDArray([-2, 0.5, 3] as [Float]), min: 0, max: 1)   // [0., 0.5, 1.]
/// ```
public func clip(_ x: NDArray, min: Double, max: Double) -> NDArray {
    switch x.dtype {
    case .float32: ElementwiseKernels.map(x, ClipElement(lo: Float(min), hi: Float(max)))
    case .float64: ElementwiseKernels.map(x, ClipElement(lo: min, hi: max))
    default: clip(x.astype(.float64), min: min, max: max)
    }
}

/// `clip` with integer bounds: int64 and bool arrays give int64, float arrays keep their dtype.
public func clip(_ x: NDArray, min: Int, max: Int) -> NDArray {
    if x.dtype.isFloatingPoint { return clip(x, min: Double(min), max: Double(max)) }
    return ElementwiseKernels.map(x.astype(.int64), ClipElement(lo: Int64(min), hi: Int64(max)))
}

@usableFromInline
func extremumOfPairs(_ a: NDArray, _ b: NDArray, isMax: Bool) -> NDArray {
    let op = isMax ? "maximum" : "minimum"
    let dt = DType.promote(a.dtype, b.dtype)
    let a = a.astype(dt), b = b.astype(dt)
    switch (dt, isMax) {
    case (.float32, true): return ElementwiseKernels.zip(a, b, MaximumElements<Float>(), op: op)
    case (.float32, false): return ElementwiseKernels.zip(a, b, MinimumElements<Float>(), op: op)
    case (.float64, true): return ElementwiseKernels.zip(a, b, MaximumElements<Double>(), op: op)
    case (.float64, false): return ElementwiseKernels.zip(a, b, MinimumElements<Double>(), op: op)
    case (.int64, true): return ElementwiseKernels.zip(a, b, MaximumElements<Int64>(), op: op)
    case (.int64, false): return ElementwiseKernels.zip(a, b, MinimumElements<Int64>(), op: op)
    case (.bool, true): return ElementwiseKernels.zip(a, b, LogicalOrElements(), op: op)
    case (.bool, false): return ElementwiseKernels.zip(a, b, LogicalAndElements(), op: op)
    }
}

@usableFromInline struct MaximumElements<T: ElementArithmetic>: ElementZip {
    @inlinable init() {}
    // a NaN `a` is kept; a NaN `b` fails `a > b` and is taken
    @inlinable func callAsFunction(_ a: T, _ b: T) -> T { a > b || a.isNaNElement ? a : b }
}

@usableFromInline struct MinimumElements<T: ElementArithmetic>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> T { a < b || a.isNaNElement ? a : b }
}

@usableFromInline struct ClipElement<T: ElementArithmetic>: ElementMap {
    @usableFromInline let lo: T, hi: T
    @inlinable init(lo: T, hi: T) { self.lo = lo; self.hi = hi }
    @inlinable func callAsFunction(_ x: T) -> T {
        let y = x < lo ? lo : x
        return y > hi ? hi : y
    }
}
