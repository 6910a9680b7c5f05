extension NDArray {
    /// A copy converted to `dtype` (NumPy's `astype`): floats to int64 truncate toward zero
    /// (NaN and out-of-range values clamp instead of trapping), anything to bool is
    /// `value != 0`, bool to numbers is 0 or 1. Returns `self` unchanged when the dtype
    /// already matches.
    ///
    /// ```swift
    /// NDArray([1.7, -1.7] as [Double]).astype(.int64)   // [1, -1]
    /// ```
    public func astype(_ dtype: DType) -> NDArray {
        if dtype == self.dtype { return self }
        switch self.dtype {
        case .float32: return converted(from: Float.self, to: dtype)
        case .float64: return converted(from: Double.self, to: dtype)
        case .int64: return converted(from: Int64.self, to: dtype)
        case .bool: return converted(from: Bool.self, to: dtype)
        }
    }

    @inlinable
    func converted<A: ElementConvertible>(from: A.Type, to dtype: DType) -> NDArray {
        switch dtype {
        case .float32: ElementwiseKernels.map(self, ConvertElement<A, Float>())
        case .float64: ElementwiseKernels.map(self, ConvertElement<A, Double>())
        case .int64: ElementwiseKernels.map(self, ConvertElement<A, Int64>())
        case .bool: ElementwiseKernels.map(self, ConvertElement<A, Bool>())
        }
    }
}

@usableFromInline struct ConvertElement<A: ElementConvertible, B: ElementConvertible>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: A) -> B { x.converted(to: B.self) }
}
