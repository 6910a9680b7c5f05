import Foundation

/// Adam (DeZero's `Adam`). Per parameter, from zero, at step `t` (``Optimizer/iteration``):
///
///     m ← m + (1 − beta1) · (g − m)
///     v ← v + (1 − beta2) · (g² − v)
///     W ← W − lr_t · m / (√v + eps),   lr_t = lr · √(1 − beta2ᵗ) / (1 − beta1ᵗ)
///
/// `lr_t` corrects the bias of `m` and `v` towards zero in the first steps, as DeZero does
/// (its `alpha` is `lr` here).
///
/// ```swift
/// let optimizer = Adam(lr: 0.001).setup(model)
/// ```
public final class Adam: Optimizer {
    /// The step size before bias correction (DeZero's `alpha`).
    public var lr: Double
    /// Decay of the mean of gradients.
    public var beta1: Double
    /// Decay of the mean of squared gradients.
    public var beta2: Double
    /// Keeps the division finite.
    public var eps: Double

    /// - Parameters:
    ///   - lr: the step size before bias correction (DeZero's `alpha`, default 0.001).
    ///   - beta1: decay of the mean of gradients (0.9).
    ///   - beta2: decay of the mean of squared gradients (0.999).
    ///   - eps: added to √v (1e-8).
    public init(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
        (self.lr, self.beta1, self.beta2, self.eps) = (lr, beta1, beta2, eps)
        super.init(stateNames: AdamKernel.stateNames)
    }

    /// The bias-corrected step size of the current step, lr · √(1 − beta2ᵗ) / (1 − beta1ᵗ)
    /// (DeZero's `Adam.lr`); before the first update, the value for t = 1.
    public var correctedLR: Double {
        let t = Double(max(iteration, 1))
        return lr * (1 - Foundation.pow(beta2, t)).squareRoot() / (1 - Foundation.pow(beta1, t))
    }

    /// One Adam step for `param`, its moments `m` and `v` carried over.
    public override func updateOne(_ param: Parameter) {
        apply(AdamKernel(lr: correctedLR, beta1: beta1, beta2: beta2, eps: eps), to: param)
    }
}

struct AdamKernel: UpdateKernel {
    /// The moments: the mean of gradients and the mean of squared gradients.
    static let stateNames = ["m", "v"]
    let lr: Double, beta1: Double, beta2: Double, eps: Double
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state s0: UnsafeMutablePointer<T>?, _ s1: UnsafeMutablePointer<T>?) {
        let (m, v) = (s0!, s1!)
        let (lr, eps) = (T(lr), T(eps))
        let (a1, a2) = (T(1 - beta1), T(1 - beta2))
        for i in range {
            let gi = g[i]
            let mi = m[i] + a1 * (gi - m[i])
            let vi = v[i] + a2 * (gi * gi - v[i])
            m[i] = mi
            v[i] = vi
            p[i] -= lr * mi / (vi.magnitude.squareRoot() + eps)
        }
    }
}
