// Loss functions: mean squared error and the three cross entropies. softmaxCrossEntropy and
// sigmoidCrossEntropy are fused functions computed stably from the logits;
// binaryCrossEntropy takes probabilities and is built from other functions, as DeZero's is.

// MARK: - Mean squared error

/// `Σ (x0 − x1)² / N` with `N` the length of the first axis of the broadcast difference
/// (DeZero's `len(diff)`).
public final class MeanSquaredError: BinaryFunction, BinaryGradient {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray {
        let diff = a - b
        return (diff * diff).sum() / Double(lossDivisor(diff.shape))
    }
    // Each input gets the gradient of its own shape back (DeZero returns the broadcast shape).
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?) {
        let diff = a - b
        let g = diff * (gy * (2.0 / Double(lossDivisor(diff.shape))))
        return (needsGradient(ofInput: 0) ? sumTo(g, shape: a.shape) : nil,
                needsGradient(ofInput: 1) ? sumTo(-g, shape: b.shape) : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// The `N` that DeZero's losses divide by: the length of the first axis (1 for a scalar).
func lossDivisor(_ shape: [Int]) -> Int { shape.first ?? 1 }

/// The mean squared error `Σ (x0 − x1)² / N`, with `N` the length of the first axis (as
/// DeZero divides by `len(diff)`; for `(N, 1)` predictions this is the plain mean).
///
/// The two inputs broadcast against each other, as in DeZero and PyTorch: Step 59 compares a
/// `(1, 1)` prediction with a `(1,)` target. Mind the classic trap this allows: `(N, 1)`
/// predictions against `(N,)` targets broadcast to `(N, N)` and give a wrong loss without
/// complaint (PyTorch warns about it) — reshape the targets to `(N, 1)` first. Each gradient
/// has its own input's shape.
///
/// ```swift
/// let y = Variable(NDArray([1, 2, 4] as [Double], shape: [3, 1]))
/// let t = Variable(NDArray([1, 1, 1] as [Double], shape: [3, 1]))
/// meanSquaredError(y, t)   // variable(3.3333333333333335): (0 + 1 + 9) / 3
/// ```
public func meanSquaredError(_ x0: Variable, _ x1: Variable) -> Variable {
    _ = NDArray.broadcastShape(x0.shape, x1.shape, op: "meanSquaredError")
    return MeanSquaredError()(x0, x1)
}

// MARK: - Softmax cross entropy

/// The mean over a batch of `−log softmax(y)[t]`, from logits `y` of shape `(N, C)` and int64
/// labels `t` of shape `(N,)` or `(N, 1)`. Forward uses `logsumexp`, so any finite logits
/// give a finite loss; backward is `(softmax(y) − onehot(t)) · gy / N`.
public final class SoftmaxCrossEntropy: BinaryFunction, BinaryGradient {
    @exclusivity(unchecked) private var labels: [Int] = []

    public override func forward(_ y: NDArray, _ t: NDArray) -> NDArray {
        labels = Self.checkedLabels(y, t)
        return Self.meanLoss(y, logsumexp(y, axis: 1, keepdims: true), labels)
    }

    // The labels get no gradient.
    func gradient<T: Tensor>(_ gy: T, _ y: T, _ t: T) -> (T?, T?) {
        let oneHot = T.constant(Self.oneHot(labels, classes: y.shape[1], dtype: y.dtype))
        return ((softmax(y, axis: 1) - oneHot) * (gy / Double(labels.count)), nil)
    }

    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }

    /// The labels as integers, after checking the shapes, the dtype and the range.
    static func checkedLabels(_ y: NDArray, _ t: NDArray) -> [Int] {
        let shapes = "logits of shape \(shapeDescription(y.shape)), labels of shape \(shapeDescription(t.shape))"
        dezeroCheck(y.ndim == 2, "softmaxCrossEntropy: logits must be (N, C), got \(shapes)")
        dezeroCheck(y.dtype.isFloatingPoint, "softmaxCrossEntropy: logits must be float32 or float64, got \(y.dtype)")
        dezeroCheck(t.dtype == .int64, "softmaxCrossEntropy: labels must be int64, got \(t.dtype) (\(shapes))")
        let n = y.shape[0], classes = y.shape[1]
        dezeroCheck(t.shape == [n] || t.shape == [n, 1],
                    "softmaxCrossEntropy: need one label per row, (\(n),) or (\(n), 1); got \(shapes)")
        let labels = t.scalars(as: Int64.self).map { Int($0) }
        for (i, label) in labels.enumerated() where label < 0 || label >= classes {
            dezeroFailure("softmaxCrossEntropy: label \(label) at position \(i) is out of range for \(classes) classes")
        }
        return labels
    }

    /// `mean(logZ[i] − y[i, t[i]])` as a 0-d array of `y`'s dtype.
    static func meanLoss(_ y: NDArray, _ logZ: NDArray, _ labels: [Int]) -> NDArray {
        y.dtype == .float32 ? meanLoss(y, logZ, labels, Float.self) : meanLoss(y, logZ, labels, Double.self)
    }

    /// ``meanLoss(_:_:_:)`` for one element type, summed in Double.
    static func meanLoss<T: NDScalar>(_ y: NDArray, _ logZ: NDArray, _ labels: [Int], _: T.Type) -> NDArray {
        let classes = y.shape[1]
        let total = y.withUnsafeBufferPointer(as: T.self) { yv in
            logZ.withUnsafeBufferPointer(as: T.self) { z in
                var s = 0.0
                for (i, label) in labels.enumerated() {
                    s += z[i].doubleValue - yv[i * classes + label].doubleValue
                }
                return s
            }
        }
        return NDArray(labels.isEmpty ? Double.nan : total / Double(labels.count), dtype: y.dtype)
    }

    /// Rows of zeros with a 1 at each label.
    static func oneHot(_ labels: [Int], classes: Int, dtype: DType) -> NDArray {
        var h = NDArray.zeros([labels.count, classes], dtype: dtype)
        func run<T: NDScalar & BinaryFloatingPoint>(_: T.Type) {
            h.withUnsafeMutableBufferPointer(as: T.self) { buf in
                for (i, label) in labels.enumerated() { buf[i * classes + label] = 1 }
            }
        }
        if dtype == .float32 { run(Float.self) } else { run(Double.self) }
        return h
    }
}

/// Softmax cross entropy, the loss of classification: the mean over the batch of
/// `−log softmax(y)[t]`, for logits `y` of shape `(N, C)` and int64 labels `t` of shape
/// `(N,)` or `(N, 1)`. Stable for any finite logits (computed through `logsumexp`).
///
/// ```swift
/// let y = Variable(NDArray([[1000, -1000], [0, 0]] as [[Double]]))
/// let t = Variable(NDArray([1, 0]))
/// softmaxCrossEntropy(y, t)   // variable(1000.3465735902799): (2000 + log 2) / 2
/// ```
public func softmaxCrossEntropy(_ y: Variable, _ t: Variable) -> Variable {
    SoftmaxCrossEntropy()(y, t)
}

// MARK: - Sigmoid cross entropy

/// Binary cross entropy of `sigmoid(x)` against targets `t`, summed and divided by `N` (the
/// length of the first axis), computed from the logits as `max(x, 0) − x·t + log(1 + e^−|x|)`.
public final class SigmoidCrossEntropy: BinaryFunction, BinaryGradient {
    public override func forward(_ x: NDArray, _ t: NDArray) -> NDArray {
        // log(1 + e^−|x|) never overflows; max(x, 0) − x·t restores the sign.
        let perElement = maximum(x, 0.0) - x * t.astype(x.dtype) + DeZeroArray.log(1 + DeZeroArray.exp(-abs(x)))
        return perElement.sum() / Double(lossDivisor(x.shape))
    }
    // Float targets may be learned too (soft labels); integer labels get no gradient.
    func gradient<T: Tensor>(_ gy: T, _ x: T, _ t: T) -> (T?, T?) {
        let scale = gy / Double(lossDivisor(x.shape))
        let target = t.dtype == x.dtype ? t : T.constant(t.value.astype(x.dtype))
        return (needsGradient(ofInput: 0) ? (sigmoid(x) - target) * scale : nil,
                t.dtype.isFloatingPoint && needsGradient(ofInput: 1) ? -x * scale : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// The logits' targets, as the losses on probabilities accept them: the same shape as `x`, or
/// the same number of elements in another shape (DeZero reshapes `(N,)` labels to `(N, 1)`).
func matchedTargets(_ x: Variable, _ t: Variable, op: String) -> Variable {
    if t.shape == x.shape { return t }
    dezeroCheck(t.count == x.count,
                "\(op): x of shape \(shapeDescription(x.shape)) and t of shape \(shapeDescription(t.shape)) do not match")
    return reshape(t, x.shape)
}

/// Cross entropy of `sigmoid(x)` against 0/1 targets `t` (int64 labels or float targets),
/// summed and divided by the length of the first axis, as DeZero's. Computed from the logits
/// directly, so it stays finite and exact for large |x| (DeZero clips the probability at
/// 1e-15 instead, capping each term near 34.5). `t` may have `x`'s shape or the same number
/// of elements (`(N,)` labels for `(N, 1)` logits).
///
/// ```swift
/// let x = Variable(NDArray([0, 0] as [Double], shape: [2, 1]))
/// sigmoidCrossEntropy(x, Variable(NDArray([1, 0])))   // variable(0.6931471805599453): log 2 per row
/// ```
public func sigmoidCrossEntropy(_ x: Variable, _ t: Variable) -> Variable {
    dezeroCheck(x.dtype.isFloatingPoint, "sigmoidCrossEntropy: logits must be float32 or float64, got \(x.dtype)")
    let target = matchedTargets(x, t, op: "sigmoidCrossEntropy")
    return SigmoidCrossEntropy()(x, target)
}

// MARK: - Binary cross entropy

/// Cross entropy of probabilities `p` against 0/1 targets `t`: `−Σ (t·log p + (1−t)·log(1−p)) / N`
/// with `N` the length of the first axis. `p` is clipped to `[1e-15, 0.999]` first, as in DeZero
/// (so the loss stays finite; where `p` is clipped the gradient is 0). `t` may be int64 labels
/// or floats, in `p`'s shape or with the same number of elements.
///
/// ```swift
/// let p = Variable(NDArray([0.5, 0.5] as [Double], shape: [2, 1]))
/// binaryCrossEntropy(p, Variable(NDArray([1, 0])))   // variable(0.6931471805599453): log 2 per row
/// ```
public func binaryCrossEntropy(_ p: Variable, _ t: Variable) -> Variable {
    dezeroCheck(p.dtype.isFloatingPoint, "binaryCrossEntropy: probabilities must be float32 or float64, got \(p.dtype)")
    var target = matchedTargets(p, t, op: "binaryCrossEntropy")
    if target.dtype != p.dtype { target = Variable(target.data.astype(p.dtype)) }
    let q = clip(p, min: 1e-15, max: 0.999)
    let logLikelihood = target * log(q) + (1 - target) * log(1 - q)
    return -sum(logLikelihood) / Double(lossDivisor(p.shape))
}
