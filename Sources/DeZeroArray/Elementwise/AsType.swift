extension NDArray {
    /// A copy converted to `dtype` (NumPy's `astype`): floats to int64 truncate toward zero,
    /// anything to bool is `value != 0`. Returns `self` unchanged when the dtype already matches.
    public func astype(_ dtype: DType) -> NDArray {
        if dtype == self.dtype { return self }
        switch (self.dtype, dtype) {
        case (.float32, .float64): return ElementwiseKernels.map(self, Float.self, Double.self) { Double($0) }
        case (.float64, .float32): return ElementwiseKernels.map(self, Double.self, Float.self) { Float($0) }
        case (.int64, .float32): return ElementwiseKernels.map(self, Int64.self, Float.self) { Float($0) }
        case (.int64, .float64): return ElementwiseKernels.map(self, Int64.self, Double.self) { Double($0) }
        case (.float32, .int64): return ElementwiseKernels.map(self, Float.self, Int64.self) { Int64(fromDouble: Double($0)) }
        case (.float64, .int64): return ElementwiseKernels.map(self, Double.self, Int64.self) { Int64(fromDouble: $0) }
        case (.bool, .float32): return ElementwiseKernels.map(self, Bool.self, Float.self) { $0 ? 1 : 0 }
        case (.bool, .float64): return ElementwiseKernels.map(self, Bool.self, Double.self) { $0 ? 1 : 0 }
        case (.bool, .int64): return ElementwiseKernels.map(self, Bool.self, Int64.self) { $0 ? 1 : 0 }
        case (.float32, .bool): return ElementwiseKernels.map(self, Float.self, Bool.self) { $0 != 0 }
        case (.float64, .bool): return ElementwiseKernels.map(self, Double.self, Bool.self) { $0 != 0 }
        case (.int64, .bool): return ElementwiseKernels.map(self, Int64.self, Bool.self) { $0 != 0 }
        default: return self
        }
    }
}
