// Array kernels of batch normalisation. A batch of shape (N, C) or (N, C, H, W) is read as
// N blocks of C channels of S = H·W contiguous elements (S = 1 for a matrix), so every
// statistic is a per-channel sum over N·S elements and every output is a per-channel affine
// map — one or two passes over memory instead of the eight or so that a composition of
// array operations needs. Sums are kept in float64 whatever the element type.

/// The (N, C, S) reading of a batch-norm input and the per-channel arrays it works with.
struct BatchNormLayout {
    let n: Int
    let c: Int
    let s: Int

    init(_ shape: [Int]) {
        n = shape[0]
        c = shape[1]
        s = shape.count == 4 ? shape[2] * shape[3] : 1
    }

    /// Elements per channel: the `m` of the formulas.
    var perChannel: Int { n * s }
    /// The axes a per-channel statistic reduces over, for rank 2 or 4.
    static func reducedAxes(rank: Int) -> [Int] { rank == 4 ? [0, 2, 3] : [0] }
    /// The shape that broadcasts a `(C,)` array against the input: `(1, C)` or `(1, C, 1, 1)`.
    static func channelShape(rank: Int, channels: Int) -> [Int] {
        rank == 4 ? [1, channels, 1, 1] : [1, channels]
    }
}

enum BatchNormKernels {
    /// Per-channel mean and biased variance (divided by N·S), by two passes so the variance
    /// does not suffer the cancellation of E[x²] − E[x]².
    static func statistics(_ x: NDArray, _ layout: BatchNormLayout) -> (mean: [Double], variance: [Double]) {
        switch x.dtype {
        case .float32: return x.withUnsafeBufferPointer(as: Float.self) { statistics($0, layout) }
        default: return x.withUnsafeBufferPointer(as: Double.self) { statistics($0, layout) }
        }
    }

    private static func statistics<T: NDFloat>(_ x: UnsafeBufferPointer<T>, _ layout: BatchNormLayout) -> (mean: [Double], variance: [Double]) {
        let m = Double(layout.perChannel)
        var mean = channelSums(layout) { i in Double(x[i]) }
        for k in mean.indices { mean[k] /= m }
        var variance = mean.withUnsafeBufferPointer { mu in
            channelSums(layout, channelOffset: { mu[$0] }) { i, mu in
                let d = Double(x[i]) - mu
                return d * d
            }
        }
        for k in variance.indices { variance[k] /= m }
        return (mean, variance)
    }

    /// `Σ term(i)` per channel.
    @inline(__always)
    static func channelSums(_ layout: BatchNormLayout, _ term: (Int) -> Double) -> [Double] {
        channelSums(layout, channelOffset: { _ in 0 }) { i, _ in term(i) }
    }

    /// `Σ term(i, value(c))` per channel `c`, walking memory in order.
    @inline(__always)
    static func channelSums(_ layout: BatchNormLayout, channelOffset value: (Int) -> Double,
                            _ term: (Int, Double) -> Double) -> [Double] {
        let (n, c, s) = (layout.n, layout.c, layout.s)
        var sums = [Double](repeating: 0, count: c)
        sums.withUnsafeMutableBufferPointer { acc in
            for b in 0..<n {
                let base = b * c * s
                if s == 1 {
                    for k in 0..<c { acc[k] += term(base + k, value(k)) }
                } else {
                    for k in 0..<c {
                        let v = value(k), start = base + k * s
                        var partial = 0.0
                        for i in start..<(start + s) { partial += term(i, v) }
                        acc[k] += partial
                    }
                }
            }
        }
        return sums
    }

    /// `y = p[c]·x + r[c]` (the normalisation, folded into one multiply-add per element).
    static func affine(_ x: NDArray, _ layout: BatchNormLayout, scale p: [Double], shift r: [Double]) -> NDArray {
        switch x.dtype {
        case .float32: return affine(Float.self, x, nil, layout, p, nil, r)
        default: return affine(Double.self, x, nil, layout, p, nil, r)
        }
    }

    /// `y = p[c]·u + q[c]·v + r[c]`, elementwise over two arrays of the same shape.
    static func affine(_ u: NDArray, _ v: NDArray, _ layout: BatchNormLayout,
                       _ p: [Double], _ q: [Double], _ r: [Double]) -> NDArray {
        switch u.dtype {
        case .float32: return affine(Float.self, u, v, layout, p, q, r)
        default: return affine(Double.self, u, v, layout, p, q, r)
        }
    }

    private static func affine<T: NDFloat>(_ type: T.Type, _ u: NDArray, _ v: NDArray?, _ layout: BatchNormLayout,
                                           _ p: [Double], _ q: [Double]?, _ r: [Double]) -> NDArray {
        let (n, c, s) = (layout.n, layout.c, layout.s)
        let pt = p.map { T($0) }, qt = (q ?? p).map { T($0) }, rt = r.map { T($0) }
        return u.withUnsafeBufferPointer(as: T.self) { ub in
            withOptionalBuffer(v, as: T.self) { vb in
                NDArray.make(T.self, shape: u.shape) { y in
                    for b in 0..<n {
                        for k in 0..<c {
                            let start = (b * c + k) * s
                            let (pk, qk, rk) = (pt[k], qt[k], rt[k])
                            if let vb {
                                for i in start..<(start + s) { y[i] = pk * ub[i] + qk * vb[i] + rk }
                            } else {
                                for i in start..<(start + s) { y[i] = pk * ub[i] + rk }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func withOptionalBuffer<T: NDScalar, R>(_ a: NDArray?, as type: T.Type,
                                                           _ body: (UnsafeBufferPointer<T>?) -> R) -> R {
        guard let a else { return body(nil) }
        return a.withUnsafeBufferPointer(as: T.self) { body($0) }
    }

    /// The gradients of `y = γ·(x − μ)·σ⁻¹ + β` for the incoming gradient `gy`.
    ///
    /// With `x̂ = (x − μ)·σ⁻¹`: `gβ = Σ gy`, `gγ = Σ gy·x̂`. When μ and σ are the batch's own
    /// statistics (training), `gx = γσ⁻¹·(gy − gβ/m − x̂·gγ/m)`; when they are constants (the
    /// running statistics of test mode), `gx = γσ⁻¹·gy`. Both are `p·gy + q·x + r` per channel.
    static func backward(x: NDArray, gy: NDArray, _ layout: BatchNormLayout, mean: [Double], invStd: [Double],
                         gamma: [Double], batchStatistics: Bool) -> (gx: NDArray, ggamma: [Double], gbeta: [Double]) {
        let (gbeta, centredDot) = gradientSums(x: x, gy: gy, layout, mean: mean)
        let m = Double(layout.perChannel)
        var p = [Double](repeating: 0, count: layout.c), q = p, r = p, ggamma = p
        for k in 0..<layout.c {
            ggamma[k] = centredDot[k] * invStd[k]
            p[k] = gamma[k] * invStd[k]
            if batchStatistics {
                q[k] = -p[k] * invStd[k] * ggamma[k] / m
                r[k] = p[k] * (invStd[k] * ggamma[k] * mean[k] - gbeta[k]) / m
            }
        }
        let gx = batchStatistics ? affine(gy, x, layout, p, q, r) : affine(gy, layout, scale: p, shift: r)
        return (gx, ggamma, gbeta)
    }

    /// `Σ gy` and `Σ gy·(x − μ)` per channel, in one pass.
    private static func gradientSums(x: NDArray, gy: NDArray, _ layout: BatchNormLayout, mean: [Double]) -> ([Double], [Double]) {
        switch x.dtype {
        case .float32: return gradientSums(Float.self, x, gy, layout, mean)
        default: return gradientSums(Double.self, x, gy, layout, mean)
        }
    }

    private static func gradientSums<T: NDFloat>(_ type: T.Type, _ x: NDArray, _ gy: NDArray,
                                                 _ layout: BatchNormLayout, _ mean: [Double]) -> ([Double], [Double]) {
        x.withUnsafeBufferPointer(as: T.self) { xb in
            gy.withUnsafeBufferPointer(as: T.self) { gb in
                let sums = channelSums(layout) { i in Double(gb[i]) }
                let dots = mean.withUnsafeBufferPointer { mu in
                    channelSums(layout, channelOffset: { mu[$0] }) { i, mu in Double(gb[i]) * (Double(xb[i]) - mu) }
                }
                return (sums, dots)
            }
        }
    }
}
