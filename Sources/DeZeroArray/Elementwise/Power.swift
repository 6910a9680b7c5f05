import Foundation

// Powers: x ** p for a constant p (with fast paths for the common exponents), and
// elementwise x ** y for two broadcast arrays.

/// Each element raised to the constant power `p`. Float arrays keep their dtype (`p` is
/// rounded to float32 for float32 arrays); int64 and bool arrays give float64.
/// `p` = 2, 3, 0.5, 1 and -1 take exact or faster paths (x·x, x·x·x, sqrt, copy, 1/x).
///
/// ```swift
/// pow(NDArray([1, 2, 3] as [Float]), 2)     // [1., 4., 9.]  (Int overload: stays float32)
/// pow(NDArray([4, 9] as [Double]), 0.5)     // [2., 3.]
/// ```
public func pow(_ x: NDArray, _ p: Double) -> NDArray {
    switch x.dtype {
    case .float32: return powFloat(x, p, Float.self, PowFloatElement(p: Float(p)))
    case .float64: return powFloat(x, p, Double.self, PowDoubleElement(p: p))
    default: return pow(x.astype(.float64), p)
    }
}

/// Each element raised to the integer power `p`. int64 (and bool) arrays stay int64 (wrapping
/// on overflow, as NumPy's do; a negative `p` is an error there, as in NumPy); float arrays
/// keep their dtype.
///
/// ```swift
/// pow(NDArray([2, 3]), 3)   // [8, 27]
/// ```
public func pow(_ x: NDArray, _ p: Int) -> NDArray {
    if x.dtype.isFloatingPoint { return pow(x, Double(p)) }
    dezeroCheck(p >= 0, "power: integers to negative integer powers are not allowed (exponent \(p), dtype \(x.dtype))")
    return ElementwiseKernels.map(x.astype(.int64), IntPowElement(p: Int64(p)))
}

/// Elementwise `x ** y` with broadcasting and the promotion of `+`: two integer arrays give
/// int64 (negative exponents are an error, as in NumPy), otherwise the promoted float.
public func pow(_ x: NDArray, _ y: NDArray) -> NDArray {
    let dt = NDArray.arithmeticType(x.dtype, y.dtype)
    let a = x.astype(dt), b = y.astype(dt)
    switch dt {
    case .float32: return ElementwiseKernels.zip(a, b, PowFloatZip(), op: "power", grain: Parallel.scalarMathGrain)
    case .float64: return ElementwiseKernels.zip(a, b, PowDoubleZip(), op: "power", grain: Parallel.scalarMathGrain)
    default: return ElementwiseKernels.zip(a, b, IntPowZip(), op: "power")
    }
}

/// The float cases of `pow(x, p)`: fast paths by exponent, else `general` per element.
@inlinable
func powFloat<T: ElementArithmetic & BinaryFloatingPoint, G: ElementMap>(_ x: NDArray, _ p: Double, _ t: T.Type,
                                                                         _ general: G) -> NDArray
where G.In == T, G.Out == T {
    switch p {
    case 1: return x
    case 2: return ElementwiseKernels.map(x, SquareElement<T>())
    case 3: return ElementwiseKernels.map(x, CubeElement<T>())
    case 0.5: return sqrt(x)
    case -1: return ElementwiseKernels.map(x, ReciprocalElement<T>())
    default: return ElementwiseKernels.map(x, general, grain: Parallel.scalarMathGrain)
    }
}

@usableFromInline struct SquareElement<T: ElementArithmetic>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { T.elementMultiply(x, x) }
}

@usableFromInline struct CubeElement<T: ElementArithmetic>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { T.elementMultiply(T.elementMultiply(x, x), x) }
}

@usableFromInline struct ReciprocalElement<T: ElementArithmetic & FloatingPoint>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { 1 / x }
}

@usableFromInline struct PowFloatElement: ElementMap {
    @usableFromInline let p: Float
    @inlinable init(p: Float) { self.p = p }
    @inlinable func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, p) }
}

@usableFromInline struct PowDoubleElement: ElementMap {
    @usableFromInline let p: Double
    @inlinable init(p: Double) { self.p = p }
    @inlinable func callAsFunction(_ x: Double) -> Double { Foundation.pow(x, p) }
}

@usableFromInline struct PowFloatZip: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
}

@usableFromInline struct PowDoubleZip: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

/// x ** p for integers by repeated squaring, wrapping on overflow.
@inlinable
func integerPower(_ x: Int64, _ p: Int64) -> Int64 {
    var result: Int64 = 1, base = x, e = p
    while e > 0 {
        if e & 1 == 1 { result = result &* base }
        base = base &* base
        e >>= 1
    }
    return result
}

@usableFromInline struct IntPowElement: ElementMap {
    @usableFromInline let p: Int64
    @inlinable init(p: Int64) { self.p = p }
    @inlinable func callAsFunction(_ x: Int64) -> Int64 { integerPower(x, p) }
}

@usableFromInline struct IntPowZip: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Int64, _ y: Int64) -> Int64 {
        if y < 0 { dezeroFailure("power: integers to negative integer powers are not allowed (exponent \(y))") }
        return integerPower(x, y)
    }
}
