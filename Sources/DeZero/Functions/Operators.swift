// Operators on variables, with a Variable, NDArray, Double, Float or Int on either side.
// Each overload is concrete (no generic BinaryFloatingPoint overloads): the type checker then
// settles long expressions such as the book's Goldstein-Price function quickly.

precedencegroup ExponentiationPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}
/// Constant power, DeZero's `x ** 2`.
infix operator ** : ExponentiationPrecedence

extension Variable {
    /// A constant next to `self`: a Swift scalar takes this variable's float dtype and never widens it.
    @usableFromInline
    func constant(_ value: Double) -> Variable {
        Variable(NDArray(value, dtype: dtype.isFloatingPoint ? dtype : .float64))
    }

    public static func + (a: Variable, b: Variable) -> Variable { apply(a, b, Add.init, direct: +) }
    public static func - (a: Variable, b: Variable) -> Variable { apply(a, b, Subtract.init, direct: -) }
    public static func * (a: Variable, b: Variable) -> Variable { apply(a, b, Multiply.init, direct: *) }
    public static func / (a: Variable, b: Variable) -> Variable { apply(a, b, Divide.init, direct: /) }
    public static prefix func - (x: Variable) -> Variable { apply(x, Negate.init, direct: -) }
    public static func ** (x: Variable, c: Double) -> Variable {
        apply(x, { Power(exponent: c) }, direct: { powNDArray($0, c) })
    }
    public static func ** (x: Variable, c: Int) -> Variable { x ** Double(c) }
    public static func ** (x: Variable, c: Float) -> Variable { x ** Double(c) }

    public static func + (a: Variable, b: NDArray) -> Variable { a + Variable(b) }
    public static func + (a: NDArray, b: Variable) -> Variable { Variable(a) + b }
    public static func - (a: Variable, b: NDArray) -> Variable { a - Variable(b) }
    public static func - (a: NDArray, b: Variable) -> Variable { Variable(a) - b }
    public static func * (a: Variable, b: NDArray) -> Variable { a * Variable(b) }
    public static func * (a: NDArray, b: Variable) -> Variable { Variable(a) * b }
    public static func / (a: Variable, b: NDArray) -> Variable { a / Variable(b) }
    public static func / (a: NDArray, b: Variable) -> Variable { Variable(a) / b }

    public static func + (a: Variable, b: Double) -> Variable { a + a.constant(b) }
    public static func + (a: Double, b: Variable) -> Variable { b.constant(a) + b }
    public static func - (a: Variable, b: Double) -> Variable { a - a.constant(b) }
    public static func - (a: Double, b: Variable) -> Variable { b.constant(a) - b }
    public static func * (a: Variable, b: Double) -> Variable { a * a.constant(b) }
    public static func * (a: Double, b: Variable) -> Variable { b.constant(a) * b }
    public static func / (a: Variable, b: Double) -> Variable { a / a.constant(b) }
    public static func / (a: Double, b: Variable) -> Variable { b.constant(a) / b }

    public static func + (a: Variable, b: Float) -> Variable { a + a.constant(Double(b)) }
    public static func + (a: Float, b: Variable) -> Variable { b.constant(Double(a)) + b }
    public static func - (a: Variable, b: Float) -> Variable { a - a.constant(Double(b)) }
    public static func - (a: Float, b: Variable) -> Variable { b.constant(Double(a)) - b }
    public static func * (a: Variable, b: Float) -> Variable { a * a.constant(Double(b)) }
    public static func * (a: Float, b: Variable) -> Variable { b.constant(Double(a)) * b }
    public static func / (a: Variable, b: Float) -> Variable { a / a.constant(Double(b)) }
    public static func / (a: Float, b: Variable) -> Variable { b.constant(Double(a)) / b }

    public static func + (a: Variable, b: Int) -> Variable { a + a.constant(Double(b)) }
    public static func + (a: Int, b: Variable) -> Variable { b.constant(Double(a)) + b }
    public static func - (a: Variable, b: Int) -> Variable { a - a.constant(Double(b)) }
    public static func - (a: Int, b: Variable) -> Variable { b.constant(Double(a)) - b }
    public static func * (a: Variable, b: Int) -> Variable { a * a.constant(Double(b)) }
    public static func * (a: Int, b: Variable) -> Variable { b.constant(Double(a)) * b }
    public static func / (a: Variable, b: Int) -> Variable { a / a.constant(Double(b)) }
    public static func / (a: Int, b: Variable) -> Variable { b.constant(Double(a)) / b }
}
