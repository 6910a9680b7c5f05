// sum and mean over all axes, one axis or several (negative axes count from the end).
// float32 sums accumulate in float64 and round once at the end; int64 and bool sums give
// int64; mean of integers gives float64; the sum of nothing is 0 and its mean NaN.

extension NDArray {
    /// Sum of all elements, a 0-d array (shape of ones with `keepdims`).
    ///
    /// ```swift
    /// NDArray([[1, 2], [3, 4]] as [[Float]]).sum()   // array(10., dtype=float32)
    /// ```
    public func sum(keepdims: Bool = false) -> NDArray {
        sum(over: allAxes(keepdims: keepdims))
    }

    /// Sum along `axis` (negative counts from the end), dropping it or keeping it as 1.
    ///
    /// ```swift
    /// NDArray([[1, 2], [3, 4]] as [[Float]]).sum(axis: 0)   // [4., 6.]
    /// ```
    public func sum(axis: Int, keepdims: Bool = false) -> NDArray { sum(axes: [axis], keepdims: keepdims) }

    /// Sum along several axes; `[]` sums nothing (returns the values, int64 for bool).
    public func sum(axes: [Int], keepdims: Bool = false) -> NDArray {
        sum(over: reducedAxes(axes, keepdims: keepdims, op: "sum"))
    }

    /// The sum over checked, sorted axes, shaped as their `outShape`.
    @usableFromInline
    func sum(over r: ReducedAxes) -> NDArray {
        let (ax, outShape) = (r.axes, r.outShape)
        if count == 1 { return (dtype == .bool ? astype(.int64) : self).singleElement(shape: outShape) }
        switch dtype {
        case .float32: return reduction(SumFloat.self, axes: ax, outShape: outShape, op: "sum").astype(.float32)
        case .float64: return reduction(SumDouble.self, axes: ax, outShape: outShape, op: "sum")
        case .int64: return reduction(SumInt.self, axes: ax, outShape: outShape, op: "sum")
        case .bool: return astype(.int64).reduction(SumInt.self, axes: ax, outShape: outShape, op: "sum")
        }
    }

    /// Arithmetic mean of all elements (float64 for integer arrays; NaN when empty).
    ///
    /// ```swift
    /// NDArray([1, 2, 3, 4]).mean()   // array(2.5)
    /// ```
    public func mean(keepdims: Bool = false) -> NDArray {
        mean(over: allAxes(keepdims: keepdims))
    }

    /// Mean along `axis`.
    public func mean(axis: Int, keepdims: Bool = false) -> NDArray { mean(axes: [axis], keepdims: keepdims) }

    /// Mean along several axes.
    public func mean(axes: [Int], keepdims: Bool = false) -> NDArray {
        mean(over: reducedAxes(axes, keepdims: keepdims, op: "mean"))
    }

    @usableFromInline
    func mean(over r: ReducedAxes) -> NDArray {
        let (ax, outShape) = (r.axes, r.outShape)
        let n = Double(ax.reduce(1) { $0 * shape[$1] })
        switch dtype {
        case .float32:
            if count == 1 { return sum(over: r) }
            // Divide the float64 sum before rounding to float32.
            return (reduction(SumFloat.self, axes: ax, outShape: outShape, op: "mean") / n).astype(.float32)
        case .float64:
            if count == 1 { return sum(over: r) }
            return reduction(SumDouble.self, axes: ax, outShape: outShape, op: "mean") / n
        default:
            return astype(.float64).mean(over: r)
        }
    }
}
