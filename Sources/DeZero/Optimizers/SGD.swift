/// Stochastic gradient descent: `W ← W − lr · ∂L/∂W` (DeZero's `SGD`).
///
/// ```swift
/// let optimizer = SGD(lr: 0.2).setup(model)
/// optimizer.update()
/// ```
public final class SGD: Optimizer {
    /// Learning rate.
    public var lr: Double

    public init(lr: Double = 0.01) {
        self.lr = lr
        super.init()
    }

    public override func updateOne(_ param: Parameter) {
        // float32 weights with float64 gradients (a float64 input, as in the book's Steps
        // 44–47): DeZero's `param.data -= lr * grad` computes in float64 and rounds once into
        // float32; the fused kernel would round the gradient first.
        if let grad = param.grad?.data, grad.dtype != param.dtype, grad.shape == param.shape {
            param.data -= lr * grad
            return
        }
        apply(SGDKernel(lr: lr), to: param)
    }
}

struct SGDKernel: UpdateKernel {
    let lr: Double
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state _: UnsafeMutablePointer<T>?, _: UnsafeMutablePointer<T>?) {
        let lr = T(lr)
        for i in range { p[i] -= lr * g[i] }
    }
}
