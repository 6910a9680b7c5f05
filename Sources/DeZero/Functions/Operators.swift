// Operators on variables, with a Variable, NDArray, Double, Float or Int on either side.
// An NDArray or scalar operand is data: wrapped with `requiresGrad: false`, it gets no gradient.
//
// Type-checking speed (docs/DESIGN.md §4: the book's Goldstein-Price must compile as one
// unannotated expression). Every overload is concrete, but concreteness alone is not enough:
// a literal such as `14` in `14 * x` fits the Double, Float and Int overloads equally well,
// and with no type annotation on the result the type checker compares every combination of
// choices across the expression's literals, which grows exponentially (Goldstein-Price has 30
// literals and did not type-check at all). So exactly one scalar overload per operator is
// preferred — Double, the type DeZero's Python floats have — and the Float and Int overloads
// are `@_disfavoredOverload`: a literal then settles on Double at once, while a variable of
// type Float or Int still reaches its own overload, the only one that fits it. All three give
// the same value: a scalar takes the variable's float dtype. `Tests/DeZeroTests/Compile`
// type-checks the book's longer expressions under a time limit to keep it so.

precedencegroup ExponentiationPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}
/// Constant power, DeZero's `x ** 2`.
infix operator ** : ExponentiationPrecedence

extension Variable {
    /// A constant next to `self`: a Swift scalar takes this variable's float dtype and never
    /// widens it. It is data (``requiresGrad`` false): no gradient is computed for it.
    @usableFromInline
    func constant(_ value: Double) -> Variable {
        Variable(NDArray(value, dtype: dtype.isFloatingPoint ? dtype : .float64), requiresGrad: false)
    }

    /// Sum of two variables with broadcasting, recorded as ``Add``.
    public static func + (a: Variable, b: Variable) -> Variable { Add()(a, b) }
    /// Difference of two variables with broadcasting, recorded as ``Subtract``.
    public static func - (a: Variable, b: Variable) -> Variable { Subtract()(a, b) }
    /// Elementwise product of two variables with broadcasting, recorded as ``Multiply``.
    public static func * (a: Variable, b: Variable) -> Variable { Multiply()(a, b) }
    /// Elementwise quotient of two variables with broadcasting, recorded as ``Divide``.
    public static func / (a: Variable, b: Variable) -> Variable { Divide()(a, b) }
    /// Negation, recorded as ``Negate``.
    public static prefix func - (x: Variable) -> Variable { Negate()(x) }
    /// `x` to the constant power `c` (a `Double` exponent), recorded as ``Power``.
    public static func ** (x: Variable, c: Double) -> Variable { Power(exponent: c)(x) }
    /// `x` to the constant power `c` (an `Int` exponent), recorded as ``Power``.
    @_disfavoredOverload public static func ** (x: Variable, c: Int) -> Variable { x ** Double(c) }
    /// `x` to the constant power `c` (a `Float` exponent), recorded as ``Power``.
    @_disfavoredOverload public static func ** (x: Variable, c: Float) -> Variable { x ** Double(c) }

    /// Sum with a constant array on the right.
    public static func + (a: Variable, b: NDArray) -> Variable { a + Variable(b, requiresGrad: false) }
    /// Sum with a constant array on the left.
    public static func + (a: NDArray, b: Variable) -> Variable { Variable(a, requiresGrad: false) + b }
    /// Difference with a constant array on the right.
    public static func - (a: Variable, b: NDArray) -> Variable { a - Variable(b, requiresGrad: false) }
    /// Difference with a constant array on the left.
    public static func - (a: NDArray, b: Variable) -> Variable { Variable(a, requiresGrad: false) - b }
    /// Elementwise product with a constant array on the right.
    public static func * (a: Variable, b: NDArray) -> Variable { a * Variable(b, requiresGrad: false) }
    /// Elementwise product with a constant array on the left.
    public static func * (a: NDArray, b: Variable) -> Variable { Variable(a, requiresGrad: false) * b }
    /// Elementwise quotient with a constant array on the right.
    public static func / (a: Variable, b: NDArray) -> Variable { a / Variable(b, requiresGrad: false) }
    /// Elementwise quotient with a constant array on the left.
    public static func / (a: NDArray, b: Variable) -> Variable { Variable(a, requiresGrad: false) / b }

    /// Sum with a `Double` scalar on the right, which takes the variable's float dtype.
    public static func + (a: Variable, b: Double) -> Variable { a + a.constant(b) }
    /// Sum with a `Double` scalar on the left, which takes the variable's float dtype.
    public static func + (a: Double, b: Variable) -> Variable { b.constant(a) + b }
    /// Difference with a `Double` scalar on the right, which takes the variable's float dtype.
    public static func - (a: Variable, b: Double) -> Variable { a - a.constant(b) }
    /// Difference with a `Double` scalar on the left, which takes the variable's float dtype.
    public static func - (a: Double, b: Variable) -> Variable { b.constant(a) - b }
    /// Elementwise product with a `Double` scalar on the right, which takes the variable's float dtype.
    public static func * (a: Variable, b: Double) -> Variable { a * a.constant(b) }
    /// Elementwise product with a `Double` scalar on the left, which takes the variable's float dtype.
    public static func * (a: Double, b: Variable) -> Variable { b.constant(a) * b }
    /// Elementwise quotient with a `Double` scalar on the right, which takes the variable's float dtype.
    public static func / (a: Variable, b: Double) -> Variable { a / a.constant(b) }
    /// Elementwise quotient with a `Double` scalar on the left, which takes the variable's float dtype.
    public static func / (a: Double, b: Variable) -> Variable { b.constant(a) / b }

    /// Sum with a `Float` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func + (a: Variable, b: Float) -> Variable { a + a.constant(Double(b)) }
    /// Sum with a `Float` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func + (a: Float, b: Variable) -> Variable { b.constant(Double(a)) + b }
    /// Difference with a `Float` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func - (a: Variable, b: Float) -> Variable { a - a.constant(Double(b)) }
    /// Difference with a `Float` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func - (a: Float, b: Variable) -> Variable { b.constant(Double(a)) - b }
    /// Elementwise product with a `Float` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func * (a: Variable, b: Float) -> Variable { a * a.constant(Double(b)) }
    /// Elementwise product with a `Float` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func * (a: Float, b: Variable) -> Variable { b.constant(Double(a)) * b }
    /// Elementwise quotient with a `Float` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func / (a: Variable, b: Float) -> Variable { a / a.constant(Double(b)) }
    /// Elementwise quotient with a `Float` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func / (a: Float, b: Variable) -> Variable { b.constant(Double(a)) / b }

    /// Sum with a `Int` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func + (a: Variable, b: Int) -> Variable { a + a.constant(Double(b)) }
    /// Sum with a `Int` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func + (a: Int, b: Variable) -> Variable { b.constant(Double(a)) + b }
    /// Difference with a `Int` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func - (a: Variable, b: Int) -> Variable { a - a.constant(Double(b)) }
    /// Difference with a `Int` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func - (a: Int, b: Variable) -> Variable { b.constant(Double(a)) - b }
    /// Elementwise product with a `Int` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func * (a: Variable, b: Int) -> Variable { a * a.constant(Double(b)) }
    /// Elementwise product with a `Int` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func * (a: Int, b: Variable) -> Variable { b.constant(Double(a)) * b }
    /// Elementwise quotient with a `Int` scalar on the right, which takes the variable's float dtype.
    @_disfavoredOverload public static func / (a: Variable, b: Int) -> Variable { a / a.constant(Double(b)) }
    /// Elementwise quotient with a `Int` scalar on the left, which takes the variable's float dtype.
    @_disfavoredOverload public static func / (a: Int, b: Variable) -> Variable { b.constant(Double(a)) / b }

    // Compound assignment makes a new variable and rebinds the name, as Python's `x += y`
    // does on a DeZero Variable (which defines no in-place operators): the graph keeps the old
    // variable, and `x.data` of the old one is untouched.
    /// `a = a + b` with a `Variable` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func += (a: inout Variable, b: Variable) { a = a + b }
    /// `a = a - b` with a `Variable` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func -= (a: inout Variable, b: Variable) { a = a - b }
    /// `a = a * b` with a `Variable` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func *= (a: inout Variable, b: Variable) { a = a * b }
    /// `a = a / b` with a `Variable` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func /= (a: inout Variable, b: Variable) { a = a / b }
    /// `a = a + b` with a `NDArray` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func += (a: inout Variable, b: NDArray) { a = a + b }
    /// `a = a - b` with a `NDArray` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func -= (a: inout Variable, b: NDArray) { a = a - b }
    /// `a = a * b` with a `NDArray` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func *= (a: inout Variable, b: NDArray) { a = a * b }
    /// `a = a / b` with a `NDArray` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func /= (a: inout Variable, b: NDArray) { a = a / b }
    /// `a = a + b` with a `Double` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func += (a: inout Variable, b: Double) { a = a + b }
    /// `a = a - b` with a `Double` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func -= (a: inout Variable, b: Double) { a = a - b }
    /// `a = a * b` with a `Double` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func *= (a: inout Variable, b: Double) { a = a * b }
    /// `a = a / b` with a `Double` on the right: a new variable bound to `a`, the old one left in the graph.
    public static func /= (a: inout Variable, b: Double) { a = a / b }
    /// `a = a + b` with a `Float` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func += (a: inout Variable, b: Float) { a = a + b }
    /// `a = a - b` with a `Float` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func -= (a: inout Variable, b: Float) { a = a - b }
    /// `a = a * b` with a `Float` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func *= (a: inout Variable, b: Float) { a = a * b }
    /// `a = a / b` with a `Float` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func /= (a: inout Variable, b: Float) { a = a / b }
    /// `a = a + b` with a `Int` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func += (a: inout Variable, b: Int) { a = a + b }
    /// `a = a - b` with a `Int` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func -= (a: inout Variable, b: Int) { a = a - b }
    /// `a = a * b` with a `Int` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func *= (a: inout Variable, b: Int) { a = a * b }
    /// `a = a / b` with a `Int` on the right: a new variable bound to `a`, the old one left in the graph.
    @_disfavoredOverload public static func /= (a: inout Variable, b: Int) { a = a / b }
}

extension NDArray {
    /// Each element to the constant power `c`, NumPy's `x ** c` (the book's `gx2(x.data)` of
    /// Step 29 computes `12 * x ** 2 - 4` on an array). An integer exponent keeps an int64 array
    /// int64, as NumPy does; float arrays keep their dtype.
    ///
    /// ```swift
    /// NDArray([1, 2, 3]) ** 2                  // array([1, 4, 9])
    /// NDArray([4, 9] as [Double]) ** 0.5       // array([2., 3.])
    /// ```
    public static func ** (x: NDArray, c: Int) -> NDArray { DeZeroArray.pow(x, c) }
    // Disfavored for the same reason as the scalar operators of NDArray (see Arithmetic.swift in
    // DeZeroArray): an integer literal exponent picks the Int overload.
    /// Each element to the constant power `c` (a `Double` exponent).
    @_disfavoredOverload public static func ** (x: NDArray, c: Double) -> NDArray { DeZeroArray.pow(x, c) }
    /// Each element to the constant power `c` (a `Float` exponent).
    @_disfavoredOverload public static func ** (x: NDArray, c: Float) -> NDArray { DeZeroArray.pow(x, Double(c)) }
}
