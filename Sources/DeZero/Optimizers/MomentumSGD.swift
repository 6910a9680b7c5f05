/// Gradient descent with momentum (DeZero's `MomentumSGD`):
/// `v ← momentum · v − lr · ∂L/∂W`, then `W ← W + v`, with `v` kept per parameter from zero.
///
/// ```swift
/// let optimizer = MomentumSGD(lr: 0.01, momentum: 0.9).setup(model)
/// ```
public final class MomentumSGD: Optimizer {
    /// Learning rate.
    public var lr: Double
    /// The fraction of the last step kept.
    public var momentum: Double

    /// - Parameters:
    ///   - lr: the learning rate (DeZero's default, 0.01).
    ///   - momentum: the fraction of the last step kept (DeZero's default, 0.9).
    public init(lr: Double = 0.01, momentum: Double = 0.9) {
        (self.lr, self.momentum) = (lr, momentum)
        super.init(stateNames: MomentumKernel.stateNames)
    }

    /// One momentum step for `param`, its velocity `v` carried over.
    public override func updateOne(_ param: Parameter) { apply(MomentumKernel(lr: lr, momentum: momentum), to: param) }
}

struct MomentumKernel: UpdateKernel {
    /// The velocity.
    static let stateNames = ["v"]
    let lr: Double, momentum: Double
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state s0: UnsafeMutablePointer<T>?, _: UnsafeMutablePointer<T>?) {
        let v = s0!
        let (lr, momentum) = (T(lr), T(momentum))
        for i in range {
            let vi = momentum * v[i] - lr * g[i]
            v[i] = vi
            p[i] += vi
        }
    }
}
