// + - * / on arrays, with NumPy broadcasting and DESIGN.md §2's dtype promotion:
// a Swift scalar on either side never widens a float array (`x * 2.0` stays float32);
// float32 with float64 gives float64; int64 or bool with a float gives that float (a `Double`
// scalar counts as float64, a `Float` scalar as float32); `/` on integers gives float64.

extension NDArray {
    /// The dtype `+ - *` compute in: the promoted dtype, with bool lifted to int64
    /// (NumPy adds bools with logical or; counting is the more useful reading here).
    @inlinable
    static func arithmeticType(_ a: DType, _ b: DType) -> DType {
        let dt = DType.promote(a, b)
        return dt == .bool ? .int64 : dt
    }

    /// Applies an arithmetic operation to two arrays after promoting both to one dtype.
    @inlinable @inline(__always)
    static func arithmetic(_ a: NDArray, _ b: NDArray, op: String,
                           _ ff: (Float, Float) -> Float, _ fd: (Double, Double) -> Double,
                           _ fi: (Int64, Int64) -> Int64) -> NDArray {
        let dt = arithmeticType(a.dtype, b.dtype)
        let a = a.astype(dt), b = b.astype(dt)
        switch dt {
        case .float32: return ElementwiseKernels.zip(a, b, Float.self, Float.self, op: op, ff)
        case .float64: return ElementwiseKernels.zip(a, b, Double.self, Double.self, op: op, fd)
        default: return ElementwiseKernels.zip(a, b, Int64.self, Int64.self, op: op, fi)
        }
    }

    /// `a = a ∘ b`, writing into `a`'s memory when `a` keeps its shape and dtype (the common
    /// optimizer update `w -= lr * g`); otherwise the same as `a = a ∘ b`.
    @inlinable @inline(__always)
    static func arithmeticInPlace(_ a: inout NDArray, _ b: NDArray, op: String,
                                  _ ff: (Float, Float) -> Float, _ fd: (Double, Double) -> Double,
                                  _ fi: (Int64, Int64) -> Int64) {
        let dt = arithmeticType(a.dtype, b.dtype)
        guard dt == a.dtype, a.shape == b.shape || NDArray.broadcastShape(a.shape, b.shape) == a.shape else {
            a = arithmetic(a, b, op: op, ff, fd, fi)
            return
        }
        let b = b.astype(dt)
        switch dt {
        case .float32: ElementwiseKernels.zipInPlace(&a, b, Float.self, ff)
        case .float64: ElementwiseKernels.zipInPlace(&a, b, Double.self, fd)
        default: ElementwiseKernels.zipInPlace(&a, b, Int64.self, fi)
        }
    }

    /// The 0-d array a `Double` scalar becomes next to `other`: `other`'s dtype when that is
    /// a float, else float64.
    @inlinable
    static func scalarOperand(_ value: Double, like other: NDArray) -> NDArray {
        switch other.dtype {
        case .float32: ElementwiseKernels.scalarArray(Float(value), shape: [])
        default: ElementwiseKernels.scalarArray(value, shape: [])
        }
    }

    /// A `Float` scalar takes a float array's dtype, and is float32 next to int64 or bool.
    @inlinable
    static func scalarOperand(_ value: Float, like other: NDArray) -> NDArray {
        switch other.dtype {
        case .float64: ElementwiseKernels.scalarArray(Double(value), shape: [])
        default: ElementwiseKernels.scalarArray(value, shape: [])
        }
    }

    /// An `Int` scalar keeps an int64 (or bool) array integer, and takes a float array's dtype.
    @inlinable
    static func scalarOperand(_ value: Int, like other: NDArray) -> NDArray {
        switch other.dtype {
        case .float32: ElementwiseKernels.scalarArray(Float(value), shape: [])
        case .float64: ElementwiseKernels.scalarArray(Double(value), shape: [])
        default: ElementwiseKernels.scalarArray(Int64(value), shape: [])
        }
    }

    /// Elementwise sum with broadcasting: `NDArray([1, 2] as [Float]) + 1` is `[2, 3]`.
    public static func + (a: NDArray, b: NDArray) -> NDArray { arithmetic(a, b, op: "add", +, +, &+) }
    /// Elementwise difference with broadcasting.
    public static func - (a: NDArray, b: NDArray) -> NDArray { arithmetic(a, b, op: "subtract", -, -, &-) }
    /// Elementwise product with broadcasting.
    public static func * (a: NDArray, b: NDArray) -> NDArray { arithmetic(a, b, op: "multiply", *, *, &*) }

    /// True division with broadcasting: integer operands give float64, as in NumPy
    /// (`NDArray([1, 2]) / 2` is `[0.5, 1.0]`).
    public static func / (a: NDArray, b: NDArray) -> NDArray {
        let (a, b) = divisionOperands(a, b)
        return arithmetic(a, b, op: "divide", /, /, { $1 == 0 ? 0 : $0 / $1 })
    }

    /// Division needs a float: an integer side takes the other side's float dtype, or float64.
    @inlinable
    static func divisionOperands(_ a: NDArray, _ b: NDArray) -> (NDArray, NDArray) {
        if a.dtype.isFloatingPoint && b.dtype.isFloatingPoint { return (a, b) }
        let a2 = a.dtype.isFloatingPoint ? a : a.astype(b.dtype.floatResult)
        let b2 = b.dtype.isFloatingPoint ? b : b.astype(a2.dtype)
        return (a2, b2)
    }

    /// Elementwise negation; bool arrays have no negative (NumPy raises too).
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

    public static func + (a: NDArray, b: Float) -> NDArray { a + scalarOperand(b, like: a) }
    public static func + (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    public static func - (a: NDArray, b: Float) -> NDArray { a - scalarOperand(b, like: a) }
    public static func - (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    public static func * (a: NDArray, b: Float) -> NDArray { a * scalarOperand(b, like: a) }
    public static func * (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    public static func / (a: NDArray, b: Float) -> NDArray { a / scalarOperand(b, like: a) }
    public static func / (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    public static func + (a: NDArray, b: Int) -> NDArray { a + scalarOperand(b, like: a) }
    public static func + (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    public static func - (a: NDArray, b: Int) -> NDArray { a - scalarOperand(b, like: a) }
    public static func - (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    public static func * (a: NDArray, b: Int) -> NDArray { a * scalarOperand(b, like: a) }
    public static func * (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    public static func / (a: NDArray, b: Int) -> NDArray { a / scalarOperand(b, like: a) }
    public static func / (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    /// In-place sum: writes into `a`'s memory when the result keeps `a`'s shape and dtype.
    public static func += (a: inout NDArray, b: NDArray) { arithmeticInPlace(&a, b, op: "add", +, +, &+) }
    /// In-place difference (the optimizer step `w -= lr * g` allocates nothing for `w`).
    public static func -= (a: inout NDArray, b: NDArray) { arithmeticInPlace(&a, b, op: "subtract", -, -, &-) }
    /// In-place product.
    public static func *= (a: inout NDArray, b: NDArray) { arithmeticInPlace(&a, b, op: "multiply", *, *, &*) }
    /// In-place division when `a` is a float array; an integer `a` becomes float64.
    public static func /= (a: inout NDArray, b: NDArray) {
        if a.dtype.isFloatingPoint {
            arithmeticInPlace(&a, b.dtype.isFloatingPoint ? b : b.astype(a.dtype), op: "divide", /, /, { $1 == 0 ? 0 : $0 / $1 })
        } else {
            a = a / b
        }
    }
    public static func += (a: inout NDArray, b: Double) { a += scalarOperand(b, like: a) }
    public static func -= (a: inout NDArray, b: Double) { a -= scalarOperand(b, like: a) }
    public static func *= (a: inout NDArray, b: Double) { a *= scalarOperand(b, like: a) }
    public static func /= (a: inout NDArray, b: Double) { a /= scalarOperand(b, like: a) }
}

extension ElementwiseKernels {
    /// `a[i] = f(a[i], b[i])` with `b` broadcast to `a`'s shape; `a` is made unique and
    /// contiguous first (copy-on-write), so no other array sees the change.
    @inlinable @inline(__always)
    static func zipInPlace<T: NDScalar>(_ a: inout NDArray, _ b: NDArray, _ t: T.Type, _ f: (T, T) -> T) {
        let n = a.count, shape = a.shape
        b.withUnsafeRawPointer { rb in
            let pb = rb.assumingMemoryBound(to: T.self)
            a.withUnsafeMutableBufferPointer(as: T.self) { buf in
                guard n > 0, let dst = buf.baseAddress else { return }
                if b.count == n && b.isContiguous {
                    Parallel.forRanges(n, grain: Parallel.memoryBoundGrain) { r in
                        for i in r { dst[i] = f(dst[i], pb[i]) }
                    }
                } else if b.count == 1 {
                    let s = pb[0]
                    Parallel.forRanges(n, grain: Parallel.memoryBoundGrain) { r in
                        for i in r { dst[i] = f(dst[i], s) }
                    }
                } else {
                    let plan = StridedPlan(shape: shape, NDArray.rowMajorStrides(shape), b.broadcastStrides(to: shape))
                    stridedZip(plan, UnsafePointer(dst), pb, dst, grain: Parallel.memoryBoundGrain, f)
                }
            }
        }
    }
}
