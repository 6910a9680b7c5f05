/// Gradient clipping by global norm (DeZero's `ClipGrad`): when the L2 norm of all gradients
/// together exceeds `maxNorm`, every gradient is scaled by `maxNorm / (norm + 1e-6)`.
///
/// ```swift
/// optimizer.addHook(ClipGrad(maxNorm: 5))
/// ```
public struct ClipGrad: OptimizerHook {
    /// The largest norm let through.
    public let maxNorm: Double

    /// - Parameter maxNorm: the largest global L2 norm of the gradients let through.
    public init(maxNorm: Double) { self.maxNorm = maxNorm }

    /// Scales every gradient by `maxNorm / (norm + 1e-6)` when the global norm exceeds `maxNorm`.
    public func callAsFunction(_ params: [Parameter]) {
        let norm = ClipGrad.globalNorm(params)
        let rate = maxNorm / (norm + 1e-6)
        guard rate < 1 else { return }
        for p in params {
            guard let g = p.grad else { continue }
            // A new variable: `g` may be shared with another parameter (see OptimizerHook).
            p.grad = Variable(g.data * rate)
        }
    }

    /// √(Σ g²) over every element of every gradient, summed in float64.
    public static func globalNorm(_ params: [Parameter]) -> Double {
        var total = 0.0
        for p in params {
            guard let g = p.grad else { continue }
            total += sumOfSquares(g.data)
        }
        return total.squareRoot()
    }

    private static func sumOfSquares(_ x: NDArray) -> Double {
        switch x.dtype {
        case .float32:
            return x.withUnsafeBufferPointer(as: Float.self) { b in b.reduce(0.0) { $0 + Double($1) * Double($1) } }
        case .float64:
            return x.withUnsafeBufferPointer(as: Double.self) { b in b.reduce(0.0) { $0 + $1 * $1 } }
        default:
            let d = x.astype(.float64)
            return d.withUnsafeBufferPointer(as: Double.self) { b in b.reduce(0.0) { $0 + $1 * $1 } }
        }
    }
}
