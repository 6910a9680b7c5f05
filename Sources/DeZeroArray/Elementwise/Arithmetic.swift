// + - * / on arrays, with NumPy broadcasting and docs/DESIGN.md §2's dtype promotion:
// a Swift scalar on either side never widens a float array (`x * 2.0` stays float32);
// float32 with float64 gives float64; int64 or bool with a float gives that float (a `Double`
// scalar counts as float64, a `Float` scalar as float32); `/` on integers gives float64.
// In-place forms (`a -= b`) keep `a`'s shape and dtype, as NumPy's same-kind casting does.
//
// Type-checking speed: a literal such as the `2` in `a * 2` fits the Int, Double and Float
// overloads alike, and when two of them are equally good the type checker tries every
// combination over a long expression (exponential in its literals). The Double and Float
// overloads are therefore `@_disfavoredOverload`: an integer literal picks Int (so an int64
// array stays int64, as `np.array([1, 2]) * 2` does), a float literal picks Double (the only
// remaining choice that fits, after Float, which is disfavored too and not the default).
// A variable of type Double or Float still reaches its own overload: it is the only one that fits.

extension NDArray {
    /// The dtype `+ - *` compute in: the promoted dtype, with bool lifted to int64
    /// (NumPy adds bools with logical or; counting is the more useful reading here).
    @inlinable
    static func arithmeticType(_ a: DType, _ b: DType) -> DType {
        let dt = DType.promote(a, b)
        return dt == .bool ? .int64 : dt
    }

    /// Applies `f32`, `f64` or `i64` after promoting both operands to one dtype.
    @inlinable @inline(__always)
    static func arithmetic<F32: ElementZip, F64: ElementZip, I64: ElementZip>(
        _ a: NDArray, _ b: NDArray, op: String, _ f32: F32, _ f64: F64, _ i64: I64
    ) -> NDArray where F32.In == Float, F64.In == Double, I64.In == Int64 {
        // Same dtype (the common case): no conversion, and no copies of the operands.
        if a.dtype == b.dtype {
            switch a.dtype {
            case .float32: return ElementwiseKernels.zip(a, b, f32, op: op)
            case .float64: return ElementwiseKernels.zip(a, b, f64, op: op)
            case .int64: return ElementwiseKernels.zip(a, b, i64, op: op)
            case .bool: break
            }
        }
        let dt = arithmeticType(a.dtype, b.dtype)
        return arithmetic(a.astype(dt), b.astype(dt), op: op, f32, f64, i64)
    }

    /// `a = a ∘ b` in place, as NumPy's `a -= b`: the result keeps `a`'s shape and dtype.
    ///
    /// The operation runs in the promoted dtype and the result is cast back to `a`'s when that
    /// is the same kind (float64 into float32, as NumPy's `same_kind` casting allows), so a
    /// float32 parameter stays float32 after `p -= lr * g` with a float64 `g`. A float result
    /// into an int64 or bool array, or a `b` that does not broadcast to `a`'s shape, stops with
    /// a message. When no cast is needed the result is written into `a`'s memory.
    @inlinable @inline(__always)
    static func arithmeticInPlace<F32: ElementZip, F64: ElementZip, I64: ElementZip>(
        _ a: inout NDArray, _ b: NDArray, op: String, _ f32: F32, _ f64: F64, _ i64: I64
    ) where F32.In == Float, F32.Out == Float, F64.In == Double, F64.Out == Double, I64.In == Int64, I64.Out == Int64 {
        let dt = arithmeticType(a.dtype, b.dtype)
        checkInPlace(a, b, result: dt, op: op)
        guard dt == a.dtype else {
            a = arithmetic(a, b, op: op, f32, f64, i64).astype(a.dtype)
            return
        }
        let b = b.astype(dt)
        switch dt {
        case .float32: ElementwiseKernels.zipInPlace(&a, b, f32)
        case .float64: ElementwiseKernels.zipInPlace(&a, b, f64)
        default: ElementwiseKernels.zipInPlace(&a, b, i64)
        }
    }

    /// Stops unless `a ∘= b` can keep `a`'s shape and dtype (NumPy raises in the same cases).
    @usableFromInline
    static func checkInPlace(_ a: NDArray, _ b: NDArray, result: DType, op: String) {
        dezeroCheck(a.shape == b.shape || broadcastShape(a.shape, b.shape) == a.shape,
                    "\(op) (in place): operand of shape \(shapeDescription(b.shape)) does not broadcast to the array's shape \(shapeDescription(a.shape))")
        dezeroCheck(a.dtype.isFloatingPoint || result == a.dtype,
                    "\(op) (in place): cannot cast the \(result) result to the array's dtype \(a.dtype); convert the array first (astype)")
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
    public static func + (a: NDArray, b: NDArray) -> NDArray {
        arithmetic(a, b, op: "add", AddElements<Float>(), AddElements<Double>(), AddElements<Int64>())
    }
    /// Elementwise difference with broadcasting.
    public static func - (a: NDArray, b: NDArray) -> NDArray {
        arithmetic(a, b, op: "subtract", SubtractElements<Float>(), SubtractElements<Double>(), SubtractElements<Int64>())
    }
    /// Elementwise product with broadcasting.
    public static func * (a: NDArray, b: NDArray) -> NDArray {
        arithmetic(a, b, op: "multiply", MultiplyElements<Float>(), MultiplyElements<Double>(), MultiplyElements<Int64>())
    }

    /// True division with broadcasting: integer operands give float64, as in NumPy
    /// (`NDArray([1, 2]) / 2` is `[0.5, 1.0]`).
    public static func / (a: NDArray, b: NDArray) -> NDArray {
        let (a, b) = divisionOperands(a, b)
        if a.dtype == .float32 && b.dtype == .float32 { return ElementwiseKernels.zip(a, b, DivideElements<Float>(), op: "divide") }
        return ElementwiseKernels.zip(a.astype(.float64), b.astype(.float64), DivideElements<Double>(), op: "divide")
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
        case .float32: return ElementwiseKernels.map(x, NegateElement<Float>())
        case .float64: return ElementwiseKernels.map(x, NegateElement<Double>())
        case .int64: return ElementwiseKernels.map(x, NegateElement<Int64>())
        case .bool: dezeroFailure("negative: the unary minus is not supported for bool arrays")
        }
    }

    /// Elementwise `a + b` with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func + (a: NDArray, b: Double) -> NDArray { a + scalarOperand(b, like: a) }
    /// Elementwise `a + b` with a scalar `a` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func + (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    /// Elementwise `a - b` with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func - (a: NDArray, b: Double) -> NDArray { a - scalarOperand(b, like: a) }
    /// Elementwise `a - b` with a scalar `a` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func - (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    /// Elementwise `a * b` with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func * (a: NDArray, b: Double) -> NDArray { a * scalarOperand(b, like: a) }
    /// Elementwise `a * b` with a scalar `a` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func * (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    /// Elementwise `a / b` with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func / (a: NDArray, b: Double) -> NDArray { a / scalarOperand(b, like: a) }
    /// Elementwise `a / b` with a scalar `a` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func / (a: Double, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    /// Elementwise `a + b` with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func + (a: NDArray, b: Float) -> NDArray { a + scalarOperand(b, like: a) }
    /// Elementwise `a + b` with a scalar `a` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func + (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    /// Elementwise `a - b` with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func - (a: NDArray, b: Float) -> NDArray { a - scalarOperand(b, like: a) }
    /// Elementwise `a - b` with a scalar `a` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func - (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    /// Elementwise `a * b` with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func * (a: NDArray, b: Float) -> NDArray { a * scalarOperand(b, like: a) }
    /// Elementwise `a * b` with a scalar `a` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func * (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    /// Elementwise `a / b` with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func / (a: NDArray, b: Float) -> NDArray { a / scalarOperand(b, like: a) }
    /// Elementwise `a / b` with a scalar `a` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func / (a: Float, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    /// Elementwise `a + b` with a scalar `b` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func + (a: NDArray, b: Int) -> NDArray { a + scalarOperand(b, like: a) }
    /// Elementwise `a + b` with a scalar `a` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func + (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) + b }
    /// Elementwise `a - b` with a scalar `b` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func - (a: NDArray, b: Int) -> NDArray { a - scalarOperand(b, like: a) }
    /// Elementwise `a - b` with a scalar `a` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func - (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) - b }
    /// Elementwise `a * b` with a scalar `b` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func * (a: NDArray, b: Int) -> NDArray { a * scalarOperand(b, like: a) }
    /// Elementwise `a * b` with a scalar `a` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func * (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) * b }
    /// Elementwise `a / b` with a scalar `b` (true division: int64 gives float64, floats keep their dtype).
    public static func / (a: NDArray, b: Int) -> NDArray { a / scalarOperand(b, like: a) }
    /// Elementwise `a / b` with a scalar `a` (true division: int64 gives float64, floats keep their dtype).
    public static func / (a: Int, b: NDArray) -> NDArray { scalarOperand(a, like: b) / b }

    /// In-place sum: writes into `a`'s memory when the result keeps `a`'s shape and dtype.
    public static func += (a: inout NDArray, b: NDArray) {
        arithmeticInPlace(&a, b, op: "add", AddElements<Float>(), AddElements<Double>(), AddElements<Int64>())
    }
    /// In-place difference (the optimizer step `w -= lr * g` allocates nothing for `w`).
    public static func -= (a: inout NDArray, b: NDArray) {
        arithmeticInPlace(&a, b, op: "subtract", SubtractElements<Float>(), SubtractElements<Double>(), SubtractElements<Int64>())
    }
    /// In-place product.
    public static func *= (a: inout NDArray, b: NDArray) {
        arithmeticInPlace(&a, b, op: "multiply", MultiplyElements<Float>(), MultiplyElements<Double>(), MultiplyElements<Int64>())
    }
    /// In-place division; `a` must be a float array (true division of integers gives floats,
    /// which an int64 array cannot hold, as in NumPy).
    public static func /= (a: inout NDArray, b: NDArray) {
        let (x, y) = divisionOperands(a, b)
        let dt = DType.promote(x.dtype, y.dtype)
        checkInPlace(a, b, result: dt, op: "divide")
        guard dt == a.dtype else { a = (a / b).astype(a.dtype); return }
        if a.dtype == .float32 {
            ElementwiseKernels.zipInPlace(&a, b.astype(.float32), DivideElements<Float>())
        } else {
            ElementwiseKernels.zipInPlace(&a, b.astype(.float64), DivideElements<Double>())
        }
    }
    /// In-place sum with a scalar `b` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func += (a: inout NDArray, b: Int) { a += scalarOperand(b, like: a) }
    /// In-place difference with a scalar `b` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func -= (a: inout NDArray, b: Int) { a -= scalarOperand(b, like: a) }
    /// In-place product with a scalar `b` (an `Int` keeps int64 integer, takes a float array's dtype).
    public static func *= (a: inout NDArray, b: Int) { a *= scalarOperand(b, like: a) }
    /// In-place division with a scalar `b`; `a` must be a float array, which keeps its dtype.
    public static func /= (a: inout NDArray, b: Int) { a /= scalarOperand(b, like: a) }
    /// In-place sum with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func += (a: inout NDArray, b: Double) { a += scalarOperand(b, like: a) }
    /// In-place difference with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func -= (a: inout NDArray, b: Double) { a -= scalarOperand(b, like: a) }
    /// In-place product with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func *= (a: inout NDArray, b: Double) { a *= scalarOperand(b, like: a) }
    /// In-place division with a scalar `b` (a `Double` takes a float array's dtype, float64 next to integers).
    @_disfavoredOverload public static func /= (a: inout NDArray, b: Double) { a /= scalarOperand(b, like: a) }
    /// In-place sum with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func += (a: inout NDArray, b: Float) { a += scalarOperand(b, like: a) }
    /// In-place difference with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func -= (a: inout NDArray, b: Float) { a -= scalarOperand(b, like: a) }
    /// In-place product with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func *= (a: inout NDArray, b: Float) { a *= scalarOperand(b, like: a) }
    /// In-place division with a scalar `b` (a `Float` takes a float array's dtype, float32 next to integers).
    @_disfavoredOverload public static func /= (a: inout NDArray, b: Float) { a /= scalarOperand(b, like: a) }
}

// MARK: - Element functions

@usableFromInline struct AddElements<T: ElementArithmetic>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> T { T.elementAdd(a, b) }
}

@usableFromInline struct SubtractElements<T: ElementArithmetic>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> T { T.elementSubtract(a, b) }
}

@usableFromInline struct MultiplyElements<T: ElementArithmetic>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> T { T.elementMultiply(a, b) }
}

@usableFromInline struct DivideElements<T: ElementArithmetic & FloatingPoint>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> T { a / b }
}

@usableFromInline struct NegateElement<T: ElementArithmetic>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { T.elementSubtract(.zero, x) }
}
