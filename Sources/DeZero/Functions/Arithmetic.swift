// The four arithmetic operations, negation and constant powers as differentiable functions.
// Forward broadcasts as NumPy does; each gradient is summed back to its input's shape.
// An input that needs no gradient (a constant operand, data) gets `nil` and costs nothing.

/// `a + b` with broadcasting.
public final class Add: BinaryFunction, BinaryGradient {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a + b }
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?) {
        (needsGradient(ofInput: 0) ? sumTo(gy, shape: a.shape) : nil,
         needsGradient(ofInput: 1) ? sumTo(gy, shape: b.shape) : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// `a - b` with broadcasting.
public final class Subtract: BinaryFunction, BinaryGradient {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a - b }
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?) {
        (needsGradient(ofInput: 0) ? sumTo(gy, shape: a.shape) : nil,
         needsGradient(ofInput: 1) ? sumTo(-gy, shape: b.shape) : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// `a * b` (elementwise) with broadcasting.
public final class Multiply: BinaryFunction, BinaryGradient {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a * b }
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?) {
        (needsGradient(ofInput: 0) ? sumTo(gy * b, shape: a.shape) : nil,
         needsGradient(ofInput: 1) ? sumTo(gy * a, shape: b.shape) : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// `a / b` (elementwise) with broadcasting.
public final class Divide: BinaryFunction, BinaryGradient {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a / b }
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?) {
        (needsGradient(ofInput: 0) ? sumTo(gy / b, shape: a.shape) : nil,
         needsGradient(ofInput: 1) ? sumTo(gy * (-a / (b * b)), shape: b.shape) : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// `-x`.
public final class Negate: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { -x }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { -gy }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `x ** c` for a constant exponent `c`.
public final class Power: UnaryFunction, UnaryGradient {
    /// The constant exponent `c`.
    public let exponent: Double
    /// The function `x ** exponent`.
    public init(exponent: Double) { self.exponent = exponent }
    public override func forward(_ x: NDArray) -> NDArray {
        // Exponents 1 and 2 skip `pow`; float dtypes are kept (`x ** 2` stays float32).
        switch exponent {
        case 1: return x
        case 2: return x * x
        default: return DeZeroArray.pow(x, exponent)
        }
    }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { exponent * x ** (exponent - 1) * gy }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}
