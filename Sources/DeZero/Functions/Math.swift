// Elementwise math functions of the book's Stages 1–3. Each backward is written with
// Variable operations, so `createGraph: true` differentiates through it again. When no graph
// is being recorded (a plain backward), the same formula runs on the arrays directly: one
// result variable instead of one per intermediate, which is most of a scalar op's cost.

/// `x²`.
public final class Square: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { x * x }
    public override func backward(_ gy: Variable) -> Variable {
        if !Config.enableBackprop { return Variable(2 * input.data * gy.data) }
        return 2 * input * gy
    }
}

/// `eˣ`; its derivative is its own output.
public final class Exp: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.exp(x) }
    public override func backward(_ gy: Variable) -> Variable {
        if !Config.enableBackprop { return Variable(gy.data * output!.data) }
        return gy * output!
    }
}

/// Natural logarithm.
public final class Log: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.log(x) }
    public override func backward(_ gy: Variable) -> Variable { gy / input }
}

/// Sine.
public final class Sin: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sin(x) }
    public override func backward(_ gy: Variable) -> Variable {
        if !Config.enableBackprop { return Variable(gy.data * DeZeroArray.cos(input.data)) }
        return gy * cos(input)
    }
}

/// Cosine.
public final class Cos: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.cos(x) }
    public override func backward(_ gy: Variable) -> Variable {
        if !Config.enableBackprop { return Variable(gy.data * -DeZeroArray.sin(input.data)) }
        return gy * -sin(input)
    }
}

/// Hyperbolic tangent; its derivative is `1 − y²`.
public final class Tanh: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.tanh(x) }
    public override func backward(_ gy: Variable) -> Variable {
        let y = output!
        if !Config.enableBackprop { return Variable(gy.data * (1 - y.data * y.data)) }
        return gy * (1 - y * y)
    }
}

/// Square root; its derivative is `1 / (2√x)`.
public final class Sqrt: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sqrt(x) }
    public override func backward(_ gy: Variable) -> Variable { gy / (2 * output!) }
}

/// `x²` of each element.
public func square(_ x: Variable) -> Variable { apply(x, Square.init, direct: { $0 * $0 }) }
/// `eˣ` of each element.
public func exp(_ x: Variable) -> Variable { apply(x, Exp.init, direct: DeZeroArray.exp) }
/// Natural logarithm of each element.
public func log(_ x: Variable) -> Variable { apply(x, Log.init, direct: DeZeroArray.log) }
/// Sine of each element.
public func sin(_ x: Variable) -> Variable { apply(x, Sin.init, direct: DeZeroArray.sin) }
/// Cosine of each element.
public func cos(_ x: Variable) -> Variable { apply(x, Cos.init, direct: DeZeroArray.cos) }
/// Hyperbolic tangent of each element.
public func tanh(_ x: Variable) -> Variable { apply(x, Tanh.init, direct: DeZeroArray.tanh) }
/// Square root of each element.
public func sqrt(_ x: Variable) -> Variable { apply(x, Sqrt.init, direct: DeZeroArray.sqrt) }
