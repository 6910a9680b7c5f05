// max and min over all axes, one axis or several. A NaN in the reduced values gives NaN (as
// NumPy's max does); reducing an empty extent stops with a message (NumPy raises).

extension NDArray {
    /// Largest element, a 0-d array: `NDArray([3, 1, 4]).max()` is `array(4)`.
    public func max(keepdims: Bool = false) -> NDArray {
        extremum(isMax: true, over: allAxes(keepdims: keepdims))
    }

    /// Largest elements along `axis`: `NDArray([[1, 5], [3, 2]]).max(axis: 1)` is `[5, 3]`.
    public func max(axis: Int, keepdims: Bool = false) -> NDArray { max(axes: [axis], keepdims: keepdims) }

    /// Largest elements along several axes.
    public func max(axes: [Int], keepdims: Bool = false) -> NDArray {
        extremum(isMax: true, over: reducedAxes(axes, keepdims: keepdims, op: "max"))
    }

    /// Smallest element, a 0-d array.
    public func min(keepdims: Bool = false) -> NDArray {
        extremum(isMax: false, over: allAxes(keepdims: keepdims))
    }

    /// Smallest elements along `axis`.
    public func min(axis: Int, keepdims: Bool = false) -> NDArray { min(axes: [axis], keepdims: keepdims) }

    /// Smallest elements along several axes.
    public func min(axes: [Int], keepdims: Bool = false) -> NDArray {
        extremum(isMax: false, over: reducedAxes(axes, keepdims: keepdims, op: "min"))
    }

    @usableFromInline
    func extremum(isMax: Bool, over r: ReducedAxes) -> NDArray {
        let (ax, outShape) = (r.axes, r.outShape)
        let op = isMax ? "max" : "min"
        if count == 1 { return singleElement(shape: outShape) }
        switch (dtype, isMax) {
        case (.float32, true): return reduction(MaxFloat.self, axes: ax, outShape: outShape, op: op)
        case (.float32, false): return reduction(MinFloat.self, axes: ax, outShape: outShape, op: op)
        case (.float64, true): return reduction(MaxDouble.self, axes: ax, outShape: outShape, op: op)
        case (.float64, false): return reduction(MinDouble.self, axes: ax, outShape: outShape, op: op)
        case (.int64, true): return reduction(MaxInt.self, axes: ax, outShape: outShape, op: op)
        case (.int64, false): return reduction(MinInt.self, axes: ax, outShape: outShape, op: op)
        case (.bool, _): return astype(.int64).extremum(isMax: isMax, over: r).astype(.bool)
        }
    }

    /// The one element of a one-element array, reshaped to `outShape` (same dtype).
    @usableFromInline
    func singleElement(shape outShape: [Int]) -> NDArray {
        switch dtype {
        case .float32: ElementwiseKernels.scalarArray(ElementwiseKernels.scalar(self, Float.self), shape: outShape)
        case .float64: ElementwiseKernels.scalarArray(ElementwiseKernels.scalar(self, Double.self), shape: outShape)
        case .int64: ElementwiseKernels.scalarArray(ElementwiseKernels.scalar(self, Int64.self), shape: outShape)
        case .bool: ElementwiseKernels.scalarArray(ElementwiseKernels.scalar(self, Bool.self), shape: outShape)
        }
    }
}
