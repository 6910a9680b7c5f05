/// Stochastic gradient descent: `W ← W − lr · ∂L/∂W` (DeZero's `SGD`).
///
/// ```swift
/// let optimizer = SGD(lr: 0.2).setup(model)
/// optimizer.update()
/// ```
public final class SGD: Optimizer {
    /// Learning rate.
    public var lr: Double

    /// - Parameter lr: the learning rate (DeZero's default, 0.01).
    public init(lr: Double = 0.01) {
        self.lr = lr
        super.init(stateNames: SGDKernel.stateNames)
    }

    /// `W ← W − lr · g`.
    public override func updateOne(_ param: Parameter) { apply(SGDKernel(lr: lr), to: param) }
}

struct SGDKernel: UpdateKernel {
    static let stateNames: [String] = []
    let lr: Double
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state _: UnsafeMutablePointer<T>?, _: UnsafeMutablePointer<T>?) {
        let lr = T(lr)
        for i in range { p[i] -= lr * g[i] }
    }
}
