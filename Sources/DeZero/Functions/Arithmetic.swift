// The four arithmetic operations, negation and constant powers as differentiable functions.
// Forward broadcasts as NumPy does; backward sums each gradient back to its input's shape.

/// `a + b` with broadcasting.
public final class Add: BinaryFunction {
    @exclusivity(unchecked) private var shapes: ([Int], [Int]) = ([], [])
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray {
        shapes = (a.shape, b.shape)
        return a + b
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) {
        (sumTo(gy, shape: shapes.0), sumTo(gy, shape: shapes.1))
    }
}

/// `a - b` with broadcasting.
public final class Subtract: BinaryFunction {
    @exclusivity(unchecked) private var shapes: ([Int], [Int]) = ([], [])
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray {
        shapes = (a.shape, b.shape)
        return a - b
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) {
        (sumTo(gy, shape: shapes.0), sumTo(-gy, shape: shapes.1))
    }
}

/// `a * b` (elementwise) with broadcasting.
public final class Multiply: BinaryFunction {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a * b }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) {
        let (a, b) = operands
        return (sumTo(gy * b, shape: a.shape), sumTo(gy * a, shape: b.shape))
    }
}

/// `a / b` (elementwise) with broadcasting.
public final class Divide: BinaryFunction {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a / b }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) {
        let (a, b) = operands
        let ga = gy / b
        let gb = gy * (-a / (b * b))
        return (sumTo(ga, shape: a.shape), sumTo(gb, shape: b.shape))
    }
}

/// `-x`.
public final class Negate: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { -x }
    public override func backward(_ gy: Variable) -> Variable { -gy }
}

/// `x ** c` for a constant exponent `c`.
public final class Power: UnaryFunction {
    public let exponent: Double
    public init(exponent: Double) { self.exponent = exponent }
    public override func forward(_ x: NDArray) -> NDArray { powNDArray(x, exponent) }
    public override func backward(_ gy: Variable) -> Variable {
        let c = exponent
        return c * (input ** (c - 1)) * gy
    }
}

/// Raises every element to `c`, keeping float dtypes (`x ** 2` stays float32).
func powNDArray(_ x: NDArray, _ c: Double) -> NDArray {
    if c == 2 { return x * x }
    if c == 1 { return x }
    return DeZeroArray.pow(x, c)
}
