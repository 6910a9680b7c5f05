/// AdaDelta (DeZero's `AdaDelta`), which needs no learning rate. Per parameter, from zero:
///
///     msg  ← rho · msg + (1 − rho) · g²
///     dx   ← √((msdx + eps) / (msg + eps)) · g
///     msdx ← rho · msdx + (1 − rho) · dx²
///     W    ← W − dx
///
/// ```swift
/// let optimizer = AdaDelta(rho: 0.95).setup(model)
/// ```
public final class AdaDelta: Optimizer {
    /// Decay of the running averages.
    public var rho: Double
    /// Keeps the ratio finite at the start.
    public var eps: Double

    /// - Parameters:
    ///   - rho: decay of the running averages (DeZero's default, 0.95).
    ///   - eps: added to both running averages (DeZero's default, 1e-6).
    public init(rho: Double = 0.95, eps: Double = 1e-6) {
        (self.rho, self.eps) = (rho, eps)
        super.init(stateNames: AdaDeltaKernel.stateNames)
    }

    /// One AdaDelta step for `param`, its running means `msg` and `msdx` carried over.
    public override func updateOne(_ param: Parameter) { apply(AdaDeltaKernel(rho: rho, eps: eps), to: param) }
}

struct AdaDeltaKernel: UpdateKernel {
    /// The running means of squared gradients and of squared steps.
    static let stateNames = ["msg", "msdx"]
    let rho: Double, eps: Double
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state s0: UnsafeMutablePointer<T>?, _ s1: UnsafeMutablePointer<T>?) {
        let (msg, msdx) = (s0!, s1!)
        let (rho, eps) = (T(rho), T(eps))
        let keep = 1 - rho
        for i in range {
            let gi = g[i]
            let m = rho * msg[i] + keep * gi * gi
            msg[i] = m
            let dx = ((msdx[i] + eps) / (m + eps)).magnitude.squareRoot() * gi
            msdx[i] = rho * msdx[i] + keep * dx * dx
            p[i] -= dx
        }
    }
}
