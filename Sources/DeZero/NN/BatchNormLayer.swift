/// Batch normalisation as a layer: DeZero's `L.BatchNorm`. It owns the scale `gamma`, the shift
/// `beta` and the running statistics `avg_mean` and `avg_var`, all of shape `(C,)`, created at
/// the first call from the input's channel count (axis 1) and dtype: `gamma` ones, `beta`
/// zeros, `avg_mean` zeros, `avg_var` ones.
///
/// In training (the default) it normalises with the batch's statistics and updates the running
/// ones; in test mode it normalises with the running ones
/// (``batchNorm(_:_:_:runningMean:runningVar:decay:eps:)``).
///
/// ```swift
/// let bn = BatchNorm()
/// let x = Variable(NDArray.randomNormal([32, 16], dtype: .float32))
/// let y = bn(x)                       // train mode: batch statistics, running ones updated
/// let z = withTestMode { bn(x) }      // the running statistics
/// bn.namedParams.map(\.key)   // ["avg_mean", "avg_var", "gamma", "beta"]
/// ```
///
/// The running statistics are parameters, as in DeZero, so they are saved and loaded with the
/// weights under DeZero's keys. They never take part in the graph, so their gradient stays
/// `nil` and optimizers (which skip parameters without a gradient) leave them alone.
public final class BatchNorm: Layer {
    /// Running mean, key `avg_mean`.
    public let avgMean = Parameter(NDArray.zeros([0], dtype: .float32), name: "avg_mean")
    /// Running (unbiased) variance, key `avg_var`.
    public let avgVar = Parameter(NDArray.zeros([0], dtype: .float32), name: "avg_var")
    /// Per-channel scale.
    public let gamma = Parameter(NDArray.zeros([0], dtype: .float32), name: "gamma")
    /// Per-channel shift.
    public let beta = Parameter(NDArray.zeros([0], dtype: .float32), name: "beta")
    /// Share of the old running statistics kept at each training step.
    public let decay: Double
    /// Added to the variance before the square root.
    public let eps: Double

    /// - Parameters:
    ///   - decay: share of the old running statistics kept at each training step (DeZero: 0.9).
    ///   - eps: added to the variance (DeZero: 2e-5).
    public init(decay: Double = 0.9, eps: Double = 2e-5) {
        dezeroCheck(decay >= 0 && decay <= 1, "BatchNorm: decay must be in [0, 1], got \(decay)")
        dezeroCheck(eps >= 0, "BatchNorm: eps must be non-negative, got \(eps)")
        self.decay = decay
        self.eps = eps
        super.init()
    }

    public override func forward(_ x: Variable) -> Variable {
        dezeroCheck(x.ndim == 2 || x.ndim == 4,
                    "BatchNorm: input must have shape (N, C) or (N, C, H, W), got \(shapeDescription(x.shape))")
        createMissing(channels: x.shape[1], dtype: x.dtype)
        return batchNorm(x, gamma, beta, runningMean: &avgMean.data, runningVar: &avgVar.data, decay: decay, eps: eps)
    }

    /// Creates the parameters that are still empty (loading weights may have filled some).
    private func createMissing(channels c: Int, dtype: DType) {
        for (p, initial) in [(avgMean, 0.0), (avgVar, 1.0), (gamma, 1.0), (beta, 0.0)] where p.shape == [0] {
            p.data = NDArray.full([c], value: initial, dtype: dtype)
        }
    }

    public override func key(forProperty name: String, elementPath: [String]) -> String {
        switch name {
        case "avgMean": "avg_mean"
        case "avgVar": "avg_var"
        default: super.key(forProperty: name, elementPath: elementPath)
        }
    }
}
