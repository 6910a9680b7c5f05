// Activation functions: sigmoid, relu, leakyRelu, softmax and logSoftmax, each forward beside
// its gradient formula (written once for arrays and variables; see `UnaryGradient`).

/// The logistic function `1 / (1 + e⁻ˣ)`; its derivative is `y(1 − y)`.
public final class Sigmoid: UnaryFunction, UnaryGradient {
    // The array kernel never overflows (it uses eˣ / (1 + eˣ) for negative x), the same
    // stability DeZero gets from `tanh(x/2)/2 + 1/2`, in one pass.
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sigmoid(x) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy * y * (1 - y) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `max(x, 0)`; the gradient passes where `x > 0`.
public final class ReLU: UnaryFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { maximum(x, 0.0) }
    // The mask is a constant (the derivative of a piecewise-linear function is piecewise
    // constant), so the gradient is linear in gy and differentiates again.
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { T.reluGradient(gy, input: x.value) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `gy · [x > 0]` on arrays: ReLU's gradient in one pass when `gy` and `x` are float arrays of
/// one shape and dtype (the mask is multiplied, not selected, so an infinite or NaN `gy`
/// gives NaN where `x ≤ 0` exactly as the three-step formula does); otherwise those steps.
package func reluGradient(_ gy: NDArray, input x: NDArray) -> NDArray {
    guard gy.shape == x.shape, gy.dtype == x.dtype else { return gy * (x .> 0.0).astype(gy.dtype) }
    switch gy.dtype {
    case .float32: return reluGradient(gy, x, Float.self)
    case .float64: return reluGradient(gy, x, Double.self)
    default: return gy * (x .> 0.0).astype(gy.dtype)
    }
}

private func reluGradient<T: NDFloat>(_ gy: NDArray, _ x: NDArray, _ t: T.Type) -> NDArray {
    gy.withUnsafeBufferPointer(as: T.self) { g in
        x.withUnsafeBufferPointer(as: T.self) { s in
            NDArray.make(T.self, shape: gy.shape) { d in
                guard let gp = g.baseAddress, let sp = s.baseAddress, let dp = d.baseAddress else { return }
                let p = UncheckedSendable((gp, sp, dp))
                Parallel.forRanges(d.count, grain: Parallel.memoryBoundGrain) { range in
                    let (gp, sp, dp) = p.value
                    for i in range { dp[i] = gp[i] * (sp[i] > 0 ? 1 : 0) }
                }
            }
        }
    }
}

/// `x` where `x > 0`, else `slope · x`.
public final class LeakyReLU: UnaryFunction, UnaryGradient {
    /// The factor applied to negative inputs.
    public let slope: Double
    /// A leaky ReLU with the given negative-side slope.
    public init(slope: Double) { self.slope = slope }
    public override func forward(_ x: NDArray) -> NDArray { NDArray.where(x .> 0.0, x, x * slope) }
    // 1 where x > 0, slope elsewhere: a constant mask.
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T {
        gy * NDArray.where(x.value .> 0.0, NDArray(1.0, dtype: gy.dtype), NDArray(slope, dtype: gy.dtype))
    }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// A one-input function along one axis (softmax and its logarithm).
public class AxisFunction: UnaryFunction {
    /// The axis (negative counts from the end).
    public let axis: Int
    /// The function along `axis`.
    public init(axis: Int) { self.axis = axis }

    /// Stops with a message naming `op` when `axis` does not exist in `x`.
    func checkAxis(of x: NDArray, op: String) {
        _ = AxisSupport.normalize(axis, ndim: x.ndim, shape: x.shape, op: op)
    }
}

/// `exp(x) / Σ exp(x)` along `axis`, computed after subtracting the maximum (no overflow).
public final class Softmax: AxisFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray {
        checkAxis(of: x, op: "softmax")
        var y = DeZeroArray.exp(x - x.max(axis: axis, keepdims: true))
        y /= y.sum(axis: axis, keepdims: true)
        return y
    }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T {
        let gx = y * gy
        return gx - y * sum(gx, axes: [axis], keepdims: true)
    }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `x − log Σ exp(x)` along `axis`: the logarithm of ``Softmax``, without its underflow.
public final class LogSoftmax: AxisFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray {
        checkAxis(of: x, op: "logSoftmax")
        return x - logsumexp(x, axis: axis, keepdims: true)
    }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy - exp(y) * sum(gy, axes: [axis], keepdims: true) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// The logistic function `1 / (1 + e⁻ˣ)` of each element, without overflow for large |x|.
///
/// ```swift
/// sigmoid(Variable(0.0))   // variable(0.5)
/// ```
public func sigmoid(_ x: Variable) -> Variable { Sigmoid()(x) }

/// `max(x, 0)` of each element (the rectified linear unit).
///
/// ```swift
/// relu(Variable([-1.0, 2.0]))   // variable([0. 2.])
/// ```
public func relu(_ x: Variable) -> Variable { ReLU()(x) }

/// `x` where `x > 0`, else `slope · x` (DeZero's default slope is 0.2).
///
/// ```swift
/// leakyRelu(Variable([-1.0, 2.0]))   // variable([-0.2  2. ])
/// ```
public func leakyRelu(_ x: Variable, slope: Double = 0.2) -> Variable {
    LeakyReLU(slope: slope)(x)
}

/// Softmax along `axis` (DeZero's default, 1: the class axis of a `(N, C)` batch; negative
/// axes count from the end). Each slice along `axis` sums to 1.
///
/// ```swift
/// softmax(Variable(NDArray([[0, 0], [0, 1000]] as [[Double]])))   // [[0.5, 0.5], [0, 1]]
/// ```
public func softmax(_ x: Variable, axis: Int = 1) -> Variable {
    Softmax(axis: axis)(x)
}

/// The logarithm of ``softmax(_:axis:)``, computed stably (`x − logsumexp(x)`), so very
/// unlikely classes get large negative values instead of `log(0)`.
///
/// ```swift
/// logSoftmax(Variable(NDArray([[0, 1000]] as [[Double]])))   // [[-1000, 0]]
/// ```
public func logSoftmax(_ x: Variable, axis: Int = 1) -> Variable {
    LogSoftmax(axis: axis)(x)
}
