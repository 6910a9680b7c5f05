// Elementwise math functions of the book's Stages 1–3: each forward beside its gradient
// formula, written once for arrays and variables (see `UnaryGradient`).

/// `x²`.
public final class Square: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { x * x }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { 2 * x * gy }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `eˣ`; its derivative is its own output.
public final class Exp: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.exp(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy * y }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Natural logarithm.
public final class Log: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.log(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy / x }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Sine.
public final class Sin: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sin(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy * cos(x) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Cosine.
public final class Cos: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.cos(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy * -sin(x) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Hyperbolic tangent; its derivative is `1 − y²`.
public final class Tanh: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.tanh(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy * (1 - y * y) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Square root; its derivative is `1 / (2√x)`.
public final class Sqrt: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sqrt(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy / (2 * y) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `x²` of each element.
public func square(_ x: Variable) -> Variable { Square()(x) }
/// `eˣ` of each element.
public func exp(_ x: Variable) -> Variable { Exp()(x) }
/// Natural logarithm of each element.
public func log(_ x: Variable) -> Variable { Log()(x) }
/// Sine of each element.
public func sin(_ x: Variable) -> Variable { Sin()(x) }
/// Cosine of each element.
public func cos(_ x: Variable) -> Variable { Cos()(x) }
/// Hyperbolic tangent of each element.
public func tanh(_ x: Variable) -> Variable { Tanh()(x) }
/// Square root of each element.
public func sqrt(_ x: Variable) -> Variable { Sqrt()(x) }
