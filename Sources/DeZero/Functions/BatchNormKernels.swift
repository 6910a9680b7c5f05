import Foundation

// Array kernels of batch normalisation. A batch of shape (N, C) or (N, C, H, W) is read as
// N blocks of C channels of S = H·W contiguous elements (S = 1 for a matrix), so every
// statistic is a per-channel sum over N·S elements and every output is a per-channel affine
// map — one or two passes over memory instead of the eight or so that a composition of
// array operations needs. Sums are kept in float64 whatever the element type.
//
// Two loop shapes: for a matrix (S = 1) each row updates all C channel accumulators
// elementwise (independent lanes, so the loop vectorises); for images each channel of each
// sample is a contiguous run of S elements, summed with four accumulators so the additions
// do not wait on one another.

/// The (N, C, S) reading of a batch-norm input.
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
    // MARK: Statistics

    /// Per-channel mean and biased variance (divided by N·S), by two passes so the variance
    /// does not suffer the cancellation of E[x²] − E[x]².
    static func statistics(_ x: NDArray, _ layout: BatchNormLayout) -> (mean: [Double], variance: [Double]) {
        // No channels: nothing to read (and an empty buffer may have no address).
        guard x.count > 0 else { return ([], []) }
        switch x.dtype {
        case .float32: return x.withUnsafeBufferPointer(as: Float.self) { statistics($0.baseAddress!, layout) }
        default: return x.withUnsafeBufferPointer(as: Double.self) { statistics($0.baseAddress!, layout) }
        }
    }

    private static func statistics<T: NDFloat>(_ x: UnsafePointer<T>, _ layout: BatchNormLayout) -> (mean: [Double], variance: [Double]) {
        let m = Double(layout.perChannel)
        let zero = [Double](repeating: 0, count: layout.c)
        var mean = channelSums(x, x, layout, centres: zero) { u, _, _ in u }
        for k in mean.indices { mean[k] /= m }
        var variance = channelSums(x, x, layout, centres: mean) { u, _, mu in (u - mu) * (u - mu) }
        for k in variance.indices { variance[k] /= m }
        return (mean, variance)
    }

    /// `Σ term(u[i], v[i], centre[c])` per channel `c`, over two arrays of the same layout.
    /// Large batches are summed in chunks of samples, one partial row of sums per chunk, on
    /// several threads; the chunks depend only on the shape, and their sums are added in
    /// order, so the result does not depend on the number of threads.
    @inline(__always)
    private static func channelSums<T: NDFloat>(_ u: UnsafePointer<T>, _ v: UnsafePointer<T>, _ layout: BatchNormLayout,
                                                centres: [Double], _ term: (Double, Double, Double) -> Double) -> [Double] {
        let (c, chunks) = (layout.c, chunkCount(layout))
        var partials = [Double](repeating: 0, count: chunks * c)
        partials.withUnsafeMutableBufferPointer { partial in
            centres.withUnsafeBufferPointer { mu in
                let base = partial.baseAddress!
                forChunks(chunks, of: layout) { chunk, rows in
                    sumRows(rows, u, v, layout, mu, into: base + chunk * c, term)
                }
            }
        }
        var sums = Array(partials[0..<c])
        for chunk in 1..<Swift.max(chunks, 1) {
            for k in 0..<c { sums[k] += partials[chunk * c + k] }
        }
        return sums
    }

    /// Adds the terms of samples `rows` to `acc` (one slot per channel).
    @inline(__always)
    private static func sumRows<T: NDFloat>(_ rows: Range<Int>, _ u: UnsafePointer<T>, _ v: UnsafePointer<T>,
                                            _ layout: BatchNormLayout, _ mu: UnsafeBufferPointer<Double>,
                                            into acc: UnsafeMutablePointer<Double>, _ term: (Double, Double, Double) -> Double) {
        let (c, s) = (layout.c, layout.s)
        for b in rows {
            if s == 1 {
                let (ub, vb) = (u + b * c, v + b * c)
                for k in 0..<c { acc[k] += term(Double(ub[k]), Double(vb[k]), mu[k]) }
                continue
            }
            for k in 0..<c {
                let start = (b * c + k) * s
                acc[k] += runSum(u + start, v + start, s, mu[k], term)
            }
        }
    }

    /// `Σ term(u[i], v[i], centre)` over `count` adjacent elements, with four partial sums.
    @inline(__always)
    private static func runSum<T: NDFloat>(_ u: UnsafePointer<T>, _ v: UnsafePointer<T>, _ count: Int, _ centre: Double,
                                           _ term: (Double, Double, Double) -> Double) -> Double {
        var (a0, a1, a2, a3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= count {
            a0 += term(Double(u[i]), Double(v[i]), centre)
            a1 += term(Double(u[i + 1]), Double(v[i + 1]), centre)
            a2 += term(Double(u[i + 2]), Double(v[i + 2]), centre)
            a3 += term(Double(u[i + 3]), Double(v[i + 3]), centre)
            i += 4
        }
        while i < count {
            a0 += term(Double(u[i]), Double(v[i]), centre)
            i += 1
        }
        return (a0 + a1) + (a2 + a3)
    }

    // MARK: Affine maps

    /// `y = p[c]·x + r[c]` (the normalisation, folded into one multiply-add per element).
    static func affine(_ x: NDArray, _ layout: BatchNormLayout, scale p: [Double], shift r: [Double]) -> NDArray {
        let zero = [Double](repeating: 0, count: p.count)
        return affine(x, x, layout, p, zero, r)
    }

    /// `y = p[c]·u + q[c]·v + r[c]`, elementwise over two arrays of the same shape.
    static func affine(_ u: NDArray, _ v: NDArray, _ layout: BatchNormLayout,
                       _ p: [Double], _ q: [Double], _ r: [Double]) -> NDArray {
        switch u.dtype {
        case .float32: return affine(Float.self, u, v, layout, p, q, r)
        default: return affine(Double.self, u, v, layout, p, q, r)
        }
    }

    private static func affine<T: NDFloat>(_ type: T.Type, _ u: NDArray, _ v: NDArray, _ layout: BatchNormLayout,
                                           _ p: [Double], _ q: [Double], _ r: [Double]) -> NDArray {
        guard u.count > 0 else { return NDArray.zeros(u.shape, dtype: T.dtype) }
        let (c, s) = (layout.c, layout.s)
        let pt = p.map { T($0) }, qt = q.map { T($0) }, rt = r.map { T($0) }
        return u.withUnsafeBufferPointer(as: T.self) { ub in
            v.withUnsafeBufferPointer(as: T.self) { vb in
                NDArray.make(T.self, shape: u.shape) { y in
                    let (ub, vb, y) = (ub.baseAddress!, vb.baseAddress!, y.baseAddress!)
                    forChunks(chunkCount(layout), of: layout) { _, rows in
                        for b in rows {
                            if s == 1 {
                                let base = b * c
                                for k in 0..<c { y[base + k] = pt[k] * ub[base + k] + qt[k] * vb[base + k] + rt[k] }
                                continue
                            }
                            for k in 0..<c {
                                let start = (b * c + k) * s
                                let (pk, qk, rk) = (pt[k], qt[k], rt[k])
                                for i in start..<(start + s) { y[i] = pk * ub[i] + qk * vb[i] + rk }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Threads

    /// Elements per chunk below which a batch is not split: about the size where a second
    /// thread starts to pay for waking it on this kind of memory-bound loop.
    static let grain = 1 << 16
    /// How many chunks of whole samples a batch is cut into: a function of the shape alone.
    static func chunkCount(_ layout: BatchNormLayout) -> Int {
        Swift.max(1, Swift.min(layout.n, layout.n * layout.c * layout.s / grain, 16))
    }

    /// Runs `body(chunk, rows)` for each of `chunks` ranges of samples, on several threads
    /// when there are several chunks and threads (`Parallel`). `body` must write only its
    /// own rows' memory.
    @inline(__always)
    static func forChunks(_ chunks: Int, of layout: BatchNormLayout, _ body: (Int, Range<Int>) -> Void) {
        Parallel.tasks(chunks) { j in body(j, Parallel.range(j, of: chunks, in: layout.n)) }
    }
}
