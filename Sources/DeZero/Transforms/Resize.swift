/// Resizes an image array to `height × width` (DeZero's `Resize`), by nearest-neighbour or
/// bilinear sampling with the conventions of PIL, which DeZero's transform calls.
///
/// Works on the last two axes, so `(H, W)` and `(C, H, W)` arrays both resize. Output pixel
/// `i` of an axis of `n` pixels resized to `m` is centred at `(i + 0.5) · n / m` in input
/// coordinates (pixel `j` covers `[j, j + 1)`):
/// - `.nearest` copies the input pixel under that point, `⌊(i + 0.5) · n / m⌋`, and keeps the
///   element type.
/// - `.bilinear` (the default, as in DeZero) weighs the input pixels by the triangle
///   `1 − |d|` of their distance `d` from that point. Enlarging, this is linear interpolation
///   between the two nearest pixels, the border pixels repeated past the edges; shrinking, the
///   triangle is stretched by `n / m` so every input pixel contributes (PIL's antialiasing).
///   The weights are normalised to sum to 1, and rows and columns are resampled separately.
///   float32 and float64 keep their type; integer and bool arrays give float64.
///
/// ```swift
/// let x = NDArray([0, 4] as [Float], shape: [1, 2])
/// Resize(height: 1, width: 4)(x)                   // [[0, 1, 3, 4]]
/// Resize(height: 1, width: 4, mode: .nearest)(x)   // [[0, 0, 4, 4]]
/// Resize(224)(image).shape                         // [3, 224, 224] for a (3, H, W) image
/// ```
public struct Resize: ArrayTransform {
    /// How output pixels are computed from input pixels.
    ///
    /// ```swift
    /// let labels = Resize(height: 64, width: 64, mode: .nearest)   // keeps the element type
    /// ```
    public enum Mode: Sendable, Hashable {
        /// The input pixel nearest to the output pixel's centre.
        case nearest
        /// Triangle-filter interpolation (antialiased when shrinking), as PIL's `BILINEAR`.
        case bilinear
    }

    /// Output height.
    public let height: Int
    /// Output width.
    public let width: Int
    /// The sampling method.
    public let mode: Mode

    /// A square `size × size` output.
    public init(_ size: Int, mode: Mode = .bilinear) { self.init(height: size, width: size, mode: mode) }

    /// A `height × width` output, sampled by `mode`.
    public init(height: Int, width: Int, mode: Mode = .bilinear) {
        dezeroCheck(height > 0 && width > 0, "Resize: size must be positive, got \(height) x \(width)")
        self.height = height
        self.width = width
        self.mode = mode
    }

    /// `x` resized on its last two axes.
    public func callAsFunction(_ x: NDArray) -> NDArray {
        checkImageArray(x, "Resize")
        let n = x.ndim
        dezeroCheck(x.shape[n - 2] > 0 && x.shape[n - 1] > 0,
                    "Resize: cannot resize an empty image of shape \(shapeDescription(x.shape))")
        switch mode {
        case .nearest: return NearestResampler.resize(x, height: height, width: width)
        case .bilinear:
            switch x.dtype {
            case .float32: return TriangleResampler.resize(x, Float.self, height: height, width: width)
            case .float64: return TriangleResampler.resize(x, Double.self, height: height, width: width)
            case .int64, .bool: return TriangleResampler.resize(x.astype(.float64), Double.self, height: height, width: width)
            }
        }
    }
}

/// Nearest-neighbour resampling: a gather through one source-index table per axis.
enum NearestResampler {
    /// `⌊(i + 0.5) · input / output⌋` for each output index, in exact integer arithmetic.
    static func sourceIndices(input: Int, output: Int) -> [Int] {
        (0..<output).map { min(((2 * $0 + 1) * input) / (2 * output), input - 1) }
    }

    static func resize(_ x: NDArray, height: Int, width: Int) -> NDArray {
        let n = x.ndim, h = x.shape[n - 2], w = x.shape[n - 1]
        let rows = sourceIndices(input: h, output: height), cols = sourceIndices(input: w, output: width)
        let source = x.contiguous()
        var shape = x.shape
        shape[n - 2] = height
        shape[n - 1] = width
        let planes = h * w == 0 ? 0 : x.count / (h * w)
        return NDArray.makeRaw(dtype: x.dtype, shape: shape) { dst, _ in
            source.withUnsafeRawPointer { src in
                // Elements move as opaque words of their size: one loop serves every dtype.
                switch x.dtype.itemSize {
                case 8: gather(src, dst, UInt64.self, planes, h, w, rows, cols)
                case 4: gather(src, dst, UInt32.self, planes, h, w, rows, cols)
                default: gather(src, dst, UInt8.self, planes, h, w, rows, cols)
                }
            }
        }
    }

    private static func gather<E>(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _: E.Type,
                                  _ planes: Int, _ h: Int, _ w: Int, _ rows: [Int], _ cols: [Int]) {
        let s = src.assumingMemoryBound(to: E.self), d = dst.assumingMemoryBound(to: E.self)
        let outW = cols.count
        cols.withUnsafeBufferPointer { cols in
            var o = 0
            for p in 0..<planes {
                for r in rows {
                    let row = s + (p * h + r) * w
                    for c in 0..<outW { d[o + c] = row[cols[c]] }
                    o += outW
                }
            }
        }
    }
}

/// PIL's separable triangle-filter ("bilinear") resampling.
enum TriangleResampler {
    /// For each output index of one axis: the first input index it reads, how many it reads,
    /// and their normalised weights (stored `taps` apart).
    struct Coefficients {
        var starts: [Int] = []
        var counts: [Int] = []
        var taps = 0
        var weights: [Double] = []
    }

    /// The filter is `1 − |d|` on `|d| < 1`, stretched by the shrink factor when shrinking.
    static func coefficients(input: Int, output: Int) -> Coefficients {
        let scale = Double(input) / Double(output)
        let stretch = max(scale, 1), support = stretch
        var spans: [(start: Int, weights: [Double])] = []
        for i in 0..<output {
            let centre = (Double(i) + 0.5) * scale
            let lo = max(0, Int(centre - support + 0.5))
            let hi = min(input, Int(centre + support + 0.5))
            var ws = (lo..<hi).map { j in max(0, 1 - abs((Double(j) + 0.5 - centre) / stretch)) }
            let total = ws.reduce(0, +)
            if total != 0 { ws = ws.map { $0 / total } }
            spans.append((lo, ws))
        }
        var c = Coefficients()
        c.taps = spans.map(\.weights.count).max() ?? 0
        for s in spans {
            c.starts.append(s.start)
            c.counts.append(s.weights.count)
            c.weights += s.weights + Array(repeating: 0, count: c.taps - s.weights.count)
        }
        return c
    }

    static func resize<T: NDFloat>(_ x: NDArray, _: T.Type, height: Int, width: Int) -> NDArray {
        let n = x.ndim, h = x.shape[n - 2], w = x.shape[n - 1]
        let planes = x.count / (h * w)
        var y = x.contiguous()
        // Columns first, then rows, as PIL does; an axis whose size stays is left alone.
        if width != w {
            y = resampleColumns(y, T.self, planes * h, w, coefficients(input: w, output: width))
        }
        if height != h {
            y = resampleRows(y, T.self, planes, h, width, coefficients(input: h, output: height))
        }
        var shape = x.shape
        shape[n - 2] = height
        shape[n - 1] = width
        return y.reshape(shape)
    }

    /// Each of `lines` rows of length `w` becomes a row of `c.starts.count` weighted sums.
    private static func resampleColumns<T: NDFloat>(_ x: NDArray, _: T.Type, _ lines: Int, _ w: Int,
                                                    _ c: Coefficients) -> NDArray {
        let outW = c.starts.count, taps = c.taps
        let weights = c.weights.map { T($0) }
        return x.withUnsafeBufferPointer(as: T.self) { src in
            NDArray.make(T.self, shape: [lines, outW]) { dst in
                weights.withUnsafeBufferPointer { wt in
                    for line in 0..<lines {
                        let row = line * w
                        for o in 0..<outW {
                            let start = row + c.starts[o], k0 = o * taps
                            var sum: T = 0
                            for k in 0..<c.counts[o] { sum += wt[k0 + k] * src[start + k] }
                            dst[line * outW + o] = sum
                        }
                    }
                }
            }
        }
    }

    /// In each of `planes` planes of `h` rows of length `w`, output row `o` is the weighted sum
    /// of input rows — whole rows at a time, so the inner loop runs along memory.
    private static func resampleRows<T: NDFloat>(_ x: NDArray, _: T.Type, _ planes: Int, _ h: Int, _ w: Int,
                                                 _ c: Coefficients) -> NDArray {
        let outH = c.starts.count, taps = c.taps
        let weights = c.weights.map { T($0) }
        return x.withUnsafeBufferPointer(as: T.self) { src in
            NDArray.make(T.self, shape: [planes, outH, w]) { dst in
                dst.initialize(repeating: 0)
                for p in 0..<planes {
                    for o in 0..<outH {
                        let out = (p * outH + o) * w
                        for k in 0..<c.counts[o] {
                            let weight = weights[o * taps + k]
                            let row = (p * h + c.starts[o] + k) * w
                            for j in 0..<w { dst[out + j] += weight * src[row + j] }
                        }
                    }
                }
            }
        }
    }
}
