extension NDArray {
    /// An array of `shape` and `dtype` with every element equal to `value`.
    static func filled(_ value: Double, shape: [Int], dtype: DType) -> NDArray {
        switch dtype {
        case .float32: return NDArray.make(Float.self, shape: shape) { $0.initialize(repeating: Float(value)) }
        case .float64: return NDArray.make(Double.self, shape: shape) { $0.initialize(repeating: value) }
        case .int64: return NDArray.make(Int64.self, shape: shape) { $0.initialize(repeating: Int64(value)) }
        case .bool: return NDArray.make(Bool.self, shape: shape) { $0.initialize(repeating: value != 0) }
        }
    }
}
