// Batch normalisation (the book's Step 55 family; DeZero's `F.batch_norm`). In training the
// batch is normalised with its own per-channel mean and variance, and exponential moving
// averages of those are kept; in test mode the moving averages are used instead.
//
// DeZero's backward always uses the training formula with the inverse standard deviation of
// the last training batch, so a backward pass after a test-mode forward gives wrong gradients
// (or fails). Here the function records which statistics it used: with the running ones they
// are constants, and the gradient is that of a plain per-channel affine map.

/// `y = γ·(x − μ)/√(σ² + ε) + β` per channel (DeZero's `BatchNorm` function; the class has the
/// long name because ``BatchNorm`` is the layer), with `x` of shape `(N, C)` or `(N, C, H, W)` and
/// `γ`, `β` of shape `(C,)`. The statistics μ and 1/√(σ² + ε) are fixed when the function is
/// made: ``batchNorm(_:_:_:runningMean:runningVar:decay:eps:)`` passes the batch's own (and
/// marks them so) in training, the running averages in test mode.
public final class BatchNormalization: Function, GradientFormula {
    /// True when μ and σ are the input batch's statistics (so they depend on `x`).
    public let usesBatchStatistics: Bool
    /// The ε added to the variance.
    public let eps: Double
    /// Per-channel mean μ, `(C,)`.
    public let mean: [Double]
    /// Per-channel 1/√(σ² + ε), `(C,)`.
    public let invStd: [Double]

    /// Normalization with the given per-channel statistics.
    public init(mean: [Double], invStd: [Double], usesBatchStatistics: Bool, eps: Double) {
        self.mean = mean
        self.invStd = invStd
        self.usesBatchStatistics = usesBatchStatistics
        self.eps = eps
    }

    /// `γ·(x − μ)·σ⁻¹ + β`, folded into `x·(γσ⁻¹) + (β − μγσ⁻¹)` per channel.
    public override func forward(_ xs: [NDArray]) -> [NDArray] {
        let (x, gamma, beta) = (xs[0], xs[1], xs[2])
        let g = gamma.astype(.float64).scalars(as: Double.self), b = beta.astype(.float64).scalars(as: Double.self)
        let scale = (0..<g.count).map { g[$0] * invStd[$0] }
        let shift = (0..<g.count).map { b[$0] - mean[$0] * scale[$0] }
        return [BatchNormKernels.affine(x, BatchNormLayout(x.shape), scale: scale, shift: shift)]
    }

    // One formula for both kinds of backward. (A fused two-pass kernel for the plain backward
    // measured slower than this formula on arrays in the release "batchnorm" workload, so it
    // was removed.)
    public override func backward(_ gys: [Variable]) -> [Variable?] { differentiate(gys) }

    /// The gradients of `x`, `γ` and `β`. With batch statistics, μ and σ are recomputed from
    /// `x`, so second derivatives see their dependence on `x`; running statistics are constants.
    func gradient<T: Tensor>(_ gy: T, _ xs: [T]) -> [T?] {
        let (x, gamma) = (xs[0], xs[1])
        let rank = x.shape.count, c = gamma.shape[0]
        let axes = BatchNormLayout.reducedAxes(rank: rank)
        let cshape = BatchNormLayout.channelShape(rank: rank, channels: c)
        let m = Double(BatchNormLayout(x.shape).perChannel)
        let xHat: T, inverseStd: T
        if usesBatchStatistics {
            let centred = x - sum(x, axes: axes, keepdims: true) / m
            let variance = sum(centred * centred, axes: axes, keepdims: true) / m
            inverseStd = (variance + eps) ** -0.5
            xHat = centred * inverseStd
        } else {
            inverseStd = T.constant(NDArray(invStd, shape: cshape).astype(x.dtype))
            xHat = (x - T.constant(NDArray(mean, shape: cshape).astype(x.dtype))) * inverseStd
        }
        let gbeta = sum(gy, axes: axes)
        let ggamma = sum(xHat * gy, axes: axes)
        let scale = reshape(gamma, cshape) * inverseStd
        let gx = usesBatchStatistics
            ? (gy - reshape(gbeta, cshape) / m - xHat * reshape(ggamma, cshape) / m) * scale
            : gy * scale
        return [gx, ggamma, gbeta]
    }
}

/// The old name of ``BatchNormalization``.
@available(*, deprecated, renamed: "BatchNormalization")
public typealias BatchNormFunction = BatchNormalization

/// Batch normalisation of `x` (`(N, C)` or `(N, C, H, W)`) with scale `gamma` and shift `beta`
/// (each `(C,)`): DeZero's `F.batch_norm`.
///
/// In training (the default mode) each channel is normalised with the batch's mean and
/// variance over all axes but the channel axis, and the running statistics move toward them:
/// `runningMean ← decay·runningMean + (1 − decay)·μ`, and the same for `runningVar` with the
/// unbiased variance (`σ²·m/(m − 1)`, `m` the elements per channel), as DeZero does. In test
/// mode (``withTestMode(_:)-(()->R)``) the running statistics normalise and are left alone.
///
/// ```swift
/// let bn = (gamma: Variable(NDArray.ones([3])), beta: Variable(NDArray.zeros([3])))
/// var mean = NDArray.zeros([3]), variance = NDArray.ones([3])
/// let x = Variable(NDArray.randomNormal([8, 3]))
/// let y = batchNorm(x, bn.gamma, bn.beta, runningMean: &mean, runningVar: &variance)
/// // y has zero mean and unit variance per column; mean and variance moved 10% toward the batch's
/// let z = withTestMode { batchNorm(x, bn.gamma, bn.beta, runningMean: &mean, runningVar: &variance) }
/// ```
///
/// - Parameters:
///   - x: the input, `(N, C)` or `(N, C, H, W)`.
///   - gamma: the scale, `(C,)`.
///   - beta: the shift, `(C,)`.
///   - runningMean: the running mean, `(C,)`, updated in place in training.
///   - runningVar: the running variance, `(C,)`, updated in place in training.
///   - decay: how much of the old running statistics to keep per training step.
///   - eps: added to the variance before the square root.
public func batchNorm(_ x: Variable, _ gamma: Variable, _ beta: Variable,
                      runningMean: inout NDArray, runningVar: inout NDArray,
                      decay: Double = 0.9, eps: Double = 2e-5) -> Variable {
    checkBatchNormOperands(x, gamma, beta, runningMean, runningVar)
    let layout = BatchNormLayout(x.shape)
    let mean: [Double], invStd: [Double]
    if Config.train {
        dezeroCheck(layout.perChannel > 0, "batchNorm: training needs a non-empty batch, got shape \(shapeDescription(x.shape))")
        let stats = BatchNormKernels.statistics(x.data, layout)
        let m = Double(layout.perChannel)
        let unbiased = m / Swift.max(m - 1, 1)
        runningMean = runningMean * decay + NDArray(stats.mean).astype(runningMean.dtype) * (1 - decay)
        runningVar = runningVar * decay + NDArray(stats.variance).astype(runningVar.dtype) * ((1 - decay) * unbiased)
        mean = stats.mean
        invStd = stats.variance.map { 1 / ($0 + eps).squareRoot() }
    } else {
        mean = runningMean.astype(.float64).scalars(as: Double.self)
        invStd = runningVar.astype(.float64).scalars(as: Double.self).map { 1 / ($0 + eps).squareRoot() }
    }
    return BatchNormalization(mean: mean, invStd: invStd, usesBatchStatistics: Config.train, eps: eps)([x, gamma, beta])[0]
}

/// Stops with a message naming the shapes when the operands of ``batchNorm`` do not fit.
private func checkBatchNormOperands(_ x: Variable, _ gamma: Variable, _ beta: Variable,
                                    _ runningMean: NDArray, _ runningVar: NDArray) {
    dezeroCheck(x.ndim == 2 || x.ndim == 4,
                "batchNorm: input must have shape (N, C) or (N, C, H, W), got \(shapeDescription(x.shape))")
    dezeroCheck(x.dtype.isFloatingPoint, "batchNorm: input must be float32 or float64, got \(x.dtype)")
    let c = x.shape[1]
    for (name, shape) in [("gamma", gamma.shape), ("beta", beta.shape), ("runningMean", runningMean.shape), ("runningVar", runningVar.shape)] {
        dezeroCheck(shape == [c],
                    "batchNorm: \(name) of shape \(shapeDescription(shape)) does not match the \(c) channels of input \(shapeDescription(x.shape))")
    }
    for (name, dtype) in [("gamma", gamma.dtype), ("beta", beta.dtype)] {
        dezeroCheck(dtype == x.dtype, "batchNorm: \(name) is \(dtype) but the input is \(x.dtype)")
    }
    for (name, dtype) in [("runningMean", runningMean.dtype), ("runningVar", runningVar.dtype)] {
        dezeroCheck(dtype.isFloatingPoint, "batchNorm: \(name) must be float32 or float64, got \(dtype)")
    }
}
