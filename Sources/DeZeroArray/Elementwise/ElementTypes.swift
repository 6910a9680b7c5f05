// Per-element-type behaviour the elementwise operations are written against: conversion
// between any two dtypes (astype), and arithmetic with NumPy's integer semantics (wrapping).

/// An element type that converts from every other, with NumPy's `astype` rules: floats to
/// int64 truncate toward zero (NaN and out-of-range values clamp instead of trapping),
/// anything to bool is `value != 0`, bool to numbers is 0 or 1.
@usableFromInline
protocol ElementConvertible: NDScalar {
    init(element x: Float)
    init(element x: Double)
    init(element x: Int64)
    init(element x: Bool)
    /// `B(element: self)`, resolved statically for this type (double dispatch).
    func converted<B: ElementConvertible>(to type: B.Type) -> B
}

extension Float: ElementConvertible {
    @inlinable init(element x: Float) { self = x }
    @inlinable init(element x: Double) { self = Float(x) }
    @inlinable init(element x: Int64) { self = Float(x) }
    @inlinable init(element x: Bool) { self = x ? 1 : 0 }
    @inlinable func converted<B: ElementConvertible>(to type: B.Type) -> B { B(element: self) }
}

extension Double: ElementConvertible {
    @inlinable init(element x: Float) { self = Double(x) }
    @inlinable init(element x: Double) { self = x }
    @inlinable init(element x: Int64) { self = Double(x) }
    @inlinable init(element x: Bool) { self = x ? 1 : 0 }
    @inlinable func converted<B: ElementConvertible>(to type: B.Type) -> B { B(element: self) }
}

extension Int64: ElementConvertible {
    @inlinable init(element x: Float) { self = Int64(fromDouble: Double(x)) }
    @inlinable init(element x: Double) { self = Int64(fromDouble: x) }
    @inlinable init(element x: Int64) { self = x }
    @inlinable init(element x: Bool) { self = x ? 1 : 0 }
    @inlinable func converted<B: ElementConvertible>(to type: B.Type) -> B { B(element: self) }
}

extension Bool: ElementConvertible {
    @inlinable init(element x: Float) { self = x != 0 }
    @inlinable init(element x: Double) { self = x != 0 }
    @inlinable init(element x: Int64) { self = x != 0 }
    @inlinable init(element x: Bool) { self = x }
    @inlinable func converted<B: ElementConvertible>(to type: B.Type) -> B { B(element: self) }
}

/// Numeric element types (float32, float64, int64): arithmetic that never traps (integers
/// wrap, as NumPy's do), ordering, and a NaN test that is constant false for integers.
@usableFromInline
protocol ElementArithmetic: ElementConvertible, Comparable {
    static func elementAdd(_ a: Self, _ b: Self) -> Self
    static func elementSubtract(_ a: Self, _ b: Self) -> Self
    static func elementMultiply(_ a: Self, _ b: Self) -> Self
    static var zero: Self { get }
    static var one: Self { get }
    var isNaNElement: Bool { get }
}

extension Float: ElementArithmetic {
    @inlinable static func elementAdd(_ a: Float, _ b: Float) -> Float { a + b }
    @inlinable static func elementSubtract(_ a: Float, _ b: Float) -> Float { a - b }
    @inlinable static func elementMultiply(_ a: Float, _ b: Float) -> Float { a * b }
    @inlinable static var one: Float { 1 }
    @inlinable var isNaNElement: Bool { isNaN }
}

extension Double: ElementArithmetic {
    @inlinable static func elementAdd(_ a: Double, _ b: Double) -> Double { a + b }
    @inlinable static func elementSubtract(_ a: Double, _ b: Double) -> Double { a - b }
    @inlinable static func elementMultiply(_ a: Double, _ b: Double) -> Double { a * b }
    @inlinable static var one: Double { 1 }
    @inlinable var isNaNElement: Bool { isNaN }
}

extension Int64: ElementArithmetic {
    @inlinable static func elementAdd(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inlinable static func elementSubtract(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    @inlinable static func elementMultiply(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    @inlinable static var one: Int64 { 1 }
    @inlinable var isNaNElement: Bool { false }
}
