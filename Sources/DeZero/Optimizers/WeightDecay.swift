/// L2 regularisation as a hook: adds `rate · W` to each gradient before the update
/// (DeZero's `WeightDecay`).
///
/// ```swift
/// optimizer.addHook(WeightDecay(rate: 1e-4))
/// ```
public struct WeightDecay: OptimizerHook {
    /// The coefficient of the decay.
    public let rate: Double

    /// - Parameter rate: the coefficient `rate` of the added `rate · W`.
    public init(rate: Double) { self.rate = rate }

    /// Adds `rate · W` to the gradient of each parameter `W`.
    public func callAsFunction(_ params: [Parameter]) {
        for p in params {
            guard let g = p.grad else { continue }
            // A new variable: `g` may be shared with another parameter (see OptimizerHook).
            p.grad = Variable(g.data + p.data * rate)
        }
    }
}
