// Activation functions: sigmoid, relu, leakyRelu, softmax and logSoftmax. Masks in backward
// are constants (the derivative of a piecewise-linear function is piecewise constant);
// everything else is written with variable operations, so it differentiates again.

/// The logistic function `1 / (1 + e⁻ˣ)`; its derivative is `y(1 − y)`.
public final class Sigmoid: UnaryFunction {
    // The array kernel never overflows (it uses eˣ / (1 + eˣ) for negative x), the same
    // stability DeZero gets from `tanh(x/2)/2 + 1/2`, in one pass.
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sigmoid(x) }
    public override func backward(_ gy: Variable) -> Variable {
        let y = output!
        return gy * y * (1 - y)
    }
}

/// `max(x, 0)`; the gradient passes where `x > 0`.
public final class ReLU: UnaryFunction {
    public override func forward(_ x: NDArray) -> NDArray { maximum(x, 0.0) }
    public override func backward(_ gy: Variable) -> Variable {
        // Without createGraph the gradient is one fused pass (gy where x > 0); with it, the same
        // product of variables, so it can be differentiated again.
        if !Config.enableBackprop, let gx = Self.passWherePositive(gy.data, input.data) { return Variable(gx) }
        return gy * Variable((input.data .> 0.0).astype(gy.dtype))
    }

    /// `gy` where `x > 0`, else 0, in one loop; `nil` when the operands do not fit that loop.
    static func passWherePositive(_ gy: NDArray, _ x: NDArray) -> NDArray? {
        guard gy.shape == x.shape, gy.dtype == x.dtype else { return nil }
        switch gy.dtype {
        case .float32: return passWherePositive(gy, x, Float.self)
        case .float64: return passWherePositive(gy, x, Double.self)
        default: return nil
        }
    }

    private static func passWherePositive<T: NDFloat>(_ gy: NDArray, _ x: NDArray, _ type: T.Type) -> NDArray {
        gy.withUnsafeBufferPointer(as: T.self) { g in
            x.withUnsafeBufferPointer(as: T.self) { v in
                NDArray.make(T.self, shape: gy.shape) { out in
                    for i in 0..<out.count { out[i] = v[i] > 0 ? g[i] : 0 }
                }
            }
        }
    }
}

/// `x` where `x > 0`, else `slope · x`.
public final class LeakyReLU: UnaryFunction {
    public let slope: Double
    public init(slope: Double) { self.slope = slope }
    public override func forward(_ x: NDArray) -> NDArray {
        NDArray.where(x .> 0.0, x, x * slope)
    }
    public override func backward(_ gy: Variable) -> Variable {
        // 1 where x > 0, slope elsewhere.
        let positive = (input.data .> 0.0).astype(gy.dtype)
        return gy * Variable(positive * (1 - slope) + slope)
    }
}

/// `exp(x) / Σ exp(x)` along `axis`, computed after subtracting the maximum (no overflow).
public final class Softmax: UnaryFunction {
    public let axis: Int
    public init(axis: Int) { self.axis = axis }
    public override func forward(_ x: NDArray) -> NDArray { Self.compute(x, axis: axis) }
    public override func backward(_ gy: Variable) -> Variable {
        let y = output!
        let gx = y * gy
        return gx - y * sum(gx, axis: axis, keepdims: true)
    }

    static func compute(_ x: NDArray, axis: Int) -> NDArray {
        _ = AxisSupport.normalize(axis, ndim: x.ndim, shape: x.shape, op: "softmax")
        var y = DeZeroArray.exp(x - x.max(axis: axis, keepdims: true))
        y /= y.sum(axis: axis, keepdims: true)
        return y
    }
}

/// `x − log Σ exp(x)` along `axis`: the logarithm of ``Softmax``, without its underflow.
public final class LogSoftmax: UnaryFunction {
    public let axis: Int
    public init(axis: Int) { self.axis = axis }
    public override func forward(_ x: NDArray) -> NDArray { Self.compute(x, axis: axis) }
    public override func backward(_ gy: Variable) -> Variable {
        gy - exp(output!) * sum(gy, axis: axis, keepdims: true)
    }

    static func compute(_ x: NDArray, axis: Int) -> NDArray {
        _ = AxisSupport.normalize(axis, ndim: x.ndim, shape: x.shape, op: "logSoftmax")
        return x - logsumexp(x, axis: axis, keepdims: true)
    }
}

/// The logistic function `1 / (1 + e⁻ˣ)` of each element, without overflow for large |x|.
///
/// ```swift
/// sigmoid(Variable(0.0))   // variable(0.5)
/// ```
public func sigmoid(_ x: Variable) -> Variable { apply(x, Sigmoid.init, direct: DeZeroArray.sigmoid) }

/// `max(x, 0)` of each element (the rectified linear unit).
///
/// ```swift
/// relu(Variable([-1.0, 2.0]))   // variable([0. 2.])
/// ```
public func relu(_ x: Variable) -> Variable { apply(x, ReLU.init, direct: { maximum($0, 0.0) }) }

/// `x` where `x > 0`, else `slope · x` (DeZero's default slope is 0.2).
///
/// ```swift
/// leakyRelu(Variable([-1.0, 2.0]))   // variable([-0.2  2. ])
/// ```
public func leakyRelu(_ x: Variable, slope: Double = 0.2) -> Variable {
    apply(x, { LeakyReLU(slope: slope) }, direct: { NDArray.where($0 .> 0.0, $0, $0 * slope) })
}

/// Softmax along `axis` (DeZero's default, 1: the class axis of a `(N, C)` batch; negative
/// axes count from the end). Each slice along `axis` sums to 1.
///
/// ```swift
/// softmax(Variable(NDArray([[0, 0], [0, 1000]] as [[Double]])))   // [[0.5, 0.5], [0, 1]]
/// ```
public func softmax(_ x: Variable, axis: Int = 1) -> Variable {
    apply(x, { Softmax(axis: axis) }, direct: { Softmax.compute($0, axis: axis) })
}

/// The logarithm of ``softmax(_:axis:)``, computed stably (`x − logsumexp(x)`), so very
/// unlikely classes get large negative values instead of `log(0)`.
///
/// ```swift
/// logSoftmax(Variable(NDArray([[0, 1000]] as [[Double]])))   // [[-1000, 0]]
/// ```
public func logSoftmax(_ x: Variable, axis: Int = 1) -> Variable {
    apply(x, { LogSoftmax(axis: axis) }, direct: { LogSoftmax.compute($0, axis: axis) })
}
