/// AdaGrad (DeZero's `AdaGrad`): `h ← h + g²`, then `W ← W − lr · g / (√h + eps)`, with `h`
/// kept per parameter from zero.
///
/// ```swift
/// let optimizer = AdaGrad(lr: 0.001).setup(model)
/// ```
public final class AdaGrad: Optimizer {
    /// Learning rate.
    public var lr: Double
    /// Keeps the division finite.
    public var eps: Double

    /// - Parameters:
    ///   - lr: the learning rate (DeZero's default, 0.001).
    ///   - eps: added to √h (DeZero's default, 1e-8).
    public init(lr: Double = 0.001, eps: Double = 1e-8) {
        (self.lr, self.eps) = (lr, eps)
        super.init(stateNames: AdaGradKernel.stateNames)
    }

    /// One AdaGrad step for `param`, its sum of squared gradients `h` carried over.
    public override func updateOne(_ param: Parameter) { apply(AdaGradKernel(lr: lr, eps: eps), to: param) }
}

struct AdaGradKernel: UpdateKernel {
    /// The sum of squared gradients.
    static let stateNames = ["h"]
    let lr: Double, eps: Double
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state s0: UnsafeMutablePointer<T>?, _: UnsafeMutablePointer<T>?) {
        let h = s0!
        let (lr, eps) = (T(lr), T(eps))
        for i in range {
            let gi = g[i]
            let hi = h[i] + gi * gi
            h[i] = hi
            p[i] -= lr * gi / (hi.magnitude.squareRoot() + eps)
        }
    }
}
