// + - * / on arrays, with NumPy broadcasting and DESIGN.md §2's dtype promotion.
// A Swift scalar on either side never widens the array: `x * 2.0` stays float32.

extension NDArray {
    /// Applies an arithmetic operation to two arrays after promoting both to one dtype.
    @inlinable @inline(__always)
    static func arithmetic(_ a: NDArray, _ b: NDArray, op: String,
                           _ ff: (Float, Float) -> Float, _ fd: (Double, Double) -> Double,
                           _ fi: (Int64, Int64) -> Int64) -> NDArray {
        if let r = scalarFastPath(a, b, ff, fd) { return r }
        var dt = DType.promote(a.dtype, b.dtype)
        if dt == .bool { dt = .int64 }
        let a = a.astype(dt), b = b.astype(dt)
        switch dt {
        case .float32: return ElementwiseKernels.zip(a, b, Float.self, Float.self, op: op, ff)
        case .float64: return ElementwiseKernels.zip(a, b, Double.self, Double.self, op: op, fd)
        default: return ElementwiseKernels.zip(a, b, Int64.self, Int64.self, op: op, fi)
        }
    }

    /// The array a Swift scalar becomes next to `other`: `other`'s dtype when that is a float,
    /// else float64 for a `Double` scalar.
    @inlinable
    static func scalarOperand(_ value: Double, like other: NDArray) -> NDArray {
        other.dtype.isFloatingPoint ? NDArray(value, dtype: other.dtype) : NDArray(value)
    }

    /// An `Int` scalar keeps an int64 array int64, and takes a float array's dtype.
    @inlinable
    static func scalarOperand(_ value: Int, like other: NDArray) -> NDArray {
        other.dtype.isFloatingPoint ? NDArray(Double(value), dtype: other.dtype) : NDArray(value)
    }

    public static func + (a: NDArray, b: NDArray) -> NDArray { arithmetic(a, b, op: "add", +, +, &+) }
    public static func - (a: NDArray, b: NDArray) -> NDArray { arithmetic(a, b, op: "subtract", -, -, &-) }
    public static func * (a: NDArray, b: NDArray) -> NDArray { arithmetic(a, b, op: "multiply", *, *, &*) }

    /// True division: integer operands give float64, as in NumPy.
    public static func / (a: NDArray, b: NDArray) -> NDArray {
        let a = a.dtype.isFloatingPoint ? a : a.astype(b.dtype.floatResult)
        let b = b.dtype.isFloatingPoint ? b : b.astype(a.dtype)
        return arithmetic(a, b, op: "divide", /, /, { $1 == 0 ? 0 : $0 / $1 })
    }

    public static prefix func - (x: NDArray) -> NDArray {
        switch x.dtype {
        case .float32: return ElementwiseKernels.map(x, Float.self, Float.self) { -$0 }
        case .float64: return ElementwiseKernels.map(x, Double.self, Double.self) { -$0 }
        case .int64: return ElementwiseKernels.map(x, Int64.self, Int64.self) { 0 &- $0 }
        case .bool: dezeroFailure("negative: the unary minus is not supported for bool arrays")
        }
    }

    public static func + (a: NDArray, b: Double) -> NDArray { a + scalarOperand(b, like: a) }
    public static func + (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    public static func - (a: NDArray, b: Double) -> NDArray { a - scalarOperand(b, like: a) }
    public static func - (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    public static func * (a: NDArray, b: Double) -> NDArray { a * scalarOperand(b, like: a) }
    public static func * (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    public static func / (a: NDArray, b: Double) -> NDArray { a / scalarOperand(b, like: a) }
    public static func / (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    public static func + (a: NDArray, b: Float) -> NDArray { a + scalarOperand(Double(b), like: a) }
    public static func + (a: Float, b: NDArray) -> NDArray { scalarOperand(Double(a), like: b) + b }
    public static func - (a: NDArray, b: Float) -> NDArray { a - scalarOperand(Double(b), like: a) }
    public static func - (a: Float, b: NDArray) -> NDArray { scalarOperand(Double(a), like: b) - b }
    public static func * (a: NDArray, b: Float) -> NDArray { a * scalarOperand(Double(b), like: a) }
    public static func * (a: Float, b: NDArray) -> NDArray { scalarOperand(Double(a), like: b) * b }
    public static func / (a: NDArray, b: Float) -> NDArray { a / scalarOperand(Double(b), like: a) }
    public static func / (a: Float, b: NDArray) -> NDArray { scalarOperand(Double(a), like: b) / b }

    public static func + (a: NDArray, b: Int) -> NDArray { a + scalarOperand(b, like: a) }
    public static func + (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    public static func - (a: NDArray, b: Int) -> NDArray { a - scalarOperand(b, like: a) }
    public static func - (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    public static func * (a: NDArray, b: Int) -> NDArray { a * scalarOperand(b, like: a) }
    public static func * (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    public static func / (a: NDArray, b: Int) -> NDArray { a / scalarOperand(b, like: a) }
    public static func / (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    public static func += (a: inout NDArray, b: NDArray) { a = a + b }
    public static func -= (a: inout NDArray, b: NDArray) { a = a - b }
    public static func *= (a: inout NDArray, b: NDArray) { a = a * b }
    public static func /= (a: inout NDArray, b: NDArray) { a = a / b }
    public static func += (a: inout NDArray, b: Double) { a = a + b }
    public static func -= (a: inout NDArray, b: Double) { a = a - b }
    public static func *= (a: inout NDArray, b: Double) { a = a * b }
    public static func /= (a: inout NDArray, b: Double) { a = a / b }
}
