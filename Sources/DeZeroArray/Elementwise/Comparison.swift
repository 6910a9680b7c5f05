// Elementwise comparisons giving bool arrays, spelled like Swift's SIMD comparisons
// (`.==`, `.<`, …) because NDArray's `==` compares whole arrays (Equatable).
// Operands are promoted as for `+`; bool arrays compare as 0 and 1; a Double scalar takes a
// float array's dtype (float64 next to integers, so `ints .< 2.5` compares exactly).

extension NDArray {
    @usableFromInline
    enum ComparisonKind { case equal, notEqual, less, lessEqual, greater, greaterEqual }

    @usableFromInline
    static func compare(_ a: NDArray, _ b: NDArray, _ kind: ComparisonKind) -> NDArray {
        var dt = DType.promote(a.dtype, b.dtype)
        if dt == .bool && kind != .equal && kind != .notEqual { dt = .int64 }
        let a = a.astype(dt), b = b.astype(dt)
        switch dt {
        case .float32: return compareOrdered(a, b, Float.self, kind)
        case .float64: return compareOrdered(a, b, Double.self, kind)
        case .int64: return compareOrdered(a, b, Int64.self, kind)
        case .bool:
            return kind == .equal
                ? ElementwiseKernels.zip(a, b, EqualElements<Bool>(), op: "equal")
                : ElementwiseKernels.zip(a, b, NotEqualElements<Bool>(), op: "not_equal")
        }
    }

    @inlinable
    static func compareOrdered<T: NDScalar & Comparable>(_ a: NDArray, _ b: NDArray, _ t: T.Type,
                                                         _ kind: ComparisonKind) -> NDArray {
        switch kind {
        case .equal: ElementwiseKernels.zip(a, b, EqualElements<T>(), op: "equal")
        case .notEqual: ElementwiseKernels.zip(a, b, NotEqualElements<T>(), op: "not_equal")
        case .less: ElementwiseKernels.zip(a, b, LessElements<T>(), op: "less")
        case .lessEqual: ElementwiseKernels.zip(a, b, LessEqualElements<T>(), op: "less_equal")
        case .greater: ElementwiseKernels.zip(a, b, GreaterElements<T>(), op: "greater")
        case .greaterEqual: ElementwiseKernels.zip(a, b, GreaterEqualElements<T>(), op: "greater_equal")
        }
    }

    /// Elementwise `a == b` as a bool array (NaN is unequal to everything).
    ///
    /// ```swift
    /// NDArray([1, 2, 3]) .== NDArray([1, 0, 3])   // [true, false, true]
    /// ```
    public static func .== (a: NDArray, b: NDArray) -> NDArray { compare(a, b, .equal) }
    /// Elementwise `a != b` as a bool array.
    public static func .!= (a: NDArray, b: NDArray) -> NDArray { compare(a, b, .notEqual) }
    /// Elementwise `a < b` as a bool array: `NDArray([1, 5]) .< 3` is `[true, false]`.
    public static func .< (a: NDArray, b: NDArray) -> NDArray { compare(a, b, .less) }
    /// Elementwise `a <= b` as a bool array.
    public static func .<= (a: NDArray, b: NDArray) -> NDArray { compare(a, b, .lessEqual) }
    /// Elementwise `a > b` as a bool array (the mask of ReLU's backward: `x .> 0`).
    public static func .> (a: NDArray, b: NDArray) -> NDArray { compare(a, b, .greater) }
    /// Elementwise `a >= b` as a bool array.
    public static func .>= (a: NDArray, b: NDArray) -> NDArray { compare(a, b, .greaterEqual) }

    /// Elementwise `a == b` against the scalar `b`, as a bool array.
    public static func .== (a: NDArray, b: Double) -> NDArray { compare(a, scalarOperand(b, like: a), .equal) }
    /// Elementwise `a != b` against the scalar `b`, as a bool array.
    public static func .!= (a: NDArray, b: Double) -> NDArray { compare(a, scalarOperand(b, like: a), .notEqual) }
    /// Elementwise `a < b` against the scalar `b`, as a bool array.
    public static func .< (a: NDArray, b: Double) -> NDArray { compare(a, scalarOperand(b, like: a), .less) }
    /// Elementwise `a <= b` against the scalar `b`, as a bool array.
    public static func .<= (a: NDArray, b: Double) -> NDArray { compare(a, scalarOperand(b, like: a), .lessEqual) }
    /// Elementwise `a > b` against the scalar `b`, as a bool array.
    public static func .> (a: NDArray, b: Double) -> NDArray { compare(a, scalarOperand(b, like: a), .greater) }
    /// Elementwise `a >= b` against the scalar `b`, as a bool array.
    public static func .>= (a: NDArray, b: Double) -> NDArray { compare(a, scalarOperand(b, like: a), .greaterEqual) }

    /// Elementwise `a == b` against the scalar `a`, as a bool array.
    public static func .== (a: Double, b: NDArray) -> NDArray { compare(scalarOperand(a, like: b), b, .equal) }
    /// Elementwise `a != b` against the scalar `a`, as a bool array.
    public static func .!= (a: Double, b: NDArray) -> NDArray { compare(scalarOperand(a, like: b), b, .notEqual) }
    /// Elementwise `a < b` against the scalar `a`, as a bool array.
    public static func .< (a: Double, b: NDArray) -> NDArray { compare(scalarOperand(a, like: b), b, .less) }
    /// Elementwise `a <= b` against the scalar `a`, as a bool array.
    public static func .<= (a: Double, b: NDArray) -> NDArray { compare(scalarOperand(a, like: b), b, .lessEqual) }
    /// Elementwise `a > b` against the scalar `a`, as a bool array.
    public static func .> (a: Double, b: NDArray) -> NDArray { compare(scalarOperand(a, like: b), b, .greater) }
    /// Elementwise `a >= b` against the scalar `a`, as a bool array.
    public static func .>= (a: Double, b: NDArray) -> NDArray { compare(scalarOperand(a, like: b), b, .greaterEqual) }
}

@usableFromInline struct EqualElements<T: NDScalar>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> Bool { a == b }
}

@usableFromInline struct NotEqualElements<T: NDScalar>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> Bool { a != b }
}

@usableFromInline struct LessElements<T: NDScalar & Comparable>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> Bool { a < b }
}

@usableFromInline struct LessEqualElements<T: NDScalar & Comparable>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> Bool { a <= b }
}

@usableFromInline struct GreaterElements<T: NDScalar & Comparable>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> Bool { a > b }
}

@usableFromInline struct GreaterEqualElements<T: NDScalar & Comparable>: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: T, _ b: T) -> Bool { a >= b }
}
