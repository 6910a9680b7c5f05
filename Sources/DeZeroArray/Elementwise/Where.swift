// where(mask, a, b): choose elementwise between two arrays by a bool mask.

extension NDArray {
    /// `a` where `mask` is true, else `b`, with all three broadcast together. `a` and `b` are
    /// promoted as for `+` (bool with bool stays bool); a non-bool mask is read as `!= 0`.
    ///
    /// ```swift
    /// let x = NDArray([-1, 2, -3] as [Float])
    /// NDArray.where(x .> 0, x, NDArray(Float(0)))   // [0., 2., 0.]
    /// ```
    public static func `where`(_ mask: NDArray, _ a: NDArray, _ b: NDArray) -> NDArray {
        let dt = DType.promote(a.dtype, b.dtype)
        let m = mask.astype(.bool), a = a.astype(dt), b = b.astype(dt)
        switch dt {
        case .float32: return ElementwiseKernels.select(m, a, b, Float.self, op: "where")
        case .float64: return ElementwiseKernels.select(m, a, b, Double.self, op: "where")
        case .int64: return ElementwiseKernels.select(m, a, b, Int64.self, op: "where")
        case .bool: return ElementwiseKernels.select(m, a, b, Bool.self, op: "where")
        }
    }

    /// `where` with a scalar for the false case; the scalar takes `a`'s float dtype.
    public static func `where`(_ mask: NDArray, _ a: NDArray, _ b: Double) -> NDArray {
        NDArray.where(mask, a, scalarOperand(b, like: a))
    }

    /// `where` with a scalar for the true case; the scalar takes `b`'s float dtype.
    public static func `where`(_ mask: NDArray, _ a: Double, _ b: NDArray) -> NDArray {
        NDArray.where(mask, scalarOperand(a, like: b), b)
    }
}

/// `a` where `mask` is true, else `b`, broadcast together; the same as ``NDArray/where(_:_:_:)-(_,NDArray,NDArray)``
/// (`where` is a keyword, so a call puts the name in backquotes; `NDArray.where(mask, a, b)` needs none).
public func `where`(_ mask: NDArray, _ a: NDArray, _ b: NDArray) -> NDArray { NDArray.where(mask, a, b) }
