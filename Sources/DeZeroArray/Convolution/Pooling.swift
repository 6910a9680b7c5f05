// Max and average pooling on arrays, with the pieces their gradients need: the position of
// each window's maximum, the scatter of gradients to those positions and the gather back.

/// Pooling kernels over a batch of images `(N, C, H, W)` for a window geometry, for callers
/// that keep state between a forward and a backward pass (DeZero's pooling functions keep
/// the position of each window's maximum).
///
/// ```swift
/// let g = ConvGeometry(op: "pooling", inputShape: x.shape, kernelSize: (2, 2), stride: (2, 2), pad: (0, 0))
/// let (y, argmax) = PoolingKernels.maxPool(x, g)
/// let gx = PoolingKernels.maxPoolBackward(gy, argmax: argmax, geometry: g)
/// ```
package enum PoolingKernels {
    /// The maximum of each window, `(N, C, OH, OW)`, and where it was: an int64 array of the
    /// same shape holding the index `kh·KW + kw` inside the window (DeZero's `indexes`), or −1
    /// when the maximum was a padding zero. Ties go to the first element in row-major window
    /// order; a window holding NaN gives NaN.
    package static func maxPool(_ x: NDArray, _ g: ConvGeometry) -> (output: NDArray, argmax: NDArray) {
        switch x.dtype {
        case .float32: return maxPool(x, Float.self, g)
        case .float64: return maxPool(x, Double.self, g)
        default: dezeroFailure("pooling: needs float32 or float64, got \(x.dtype)")
        }
    }

    private static func maxPool<T: NDFloat>(_ x: NDArray, _ t: T.Type, _ g: ConvGeometry) -> (output: NDArray, argmax: NDArray) {
        let shape = outputShape(g)
        var argmax = NDArray.make(Int64.self, shape: shape) { _ in }
        let y = x.withUnsafeBufferPointer(as: T.self) { src in
            argmax.withUnsafeMutableBufferPointer(as: Int64.self) { arg in
                NDArray.make(T.self, shape: shape) { dst in
                    guard let s = src.baseAddress, let d = dst.baseAddress, let a = arg.baseAddress, !dst.isEmpty else { return }
                    if T.self == Float.self && PoolLoops.isPlain2x2(g) {
                        let (fs, fd) = (UnsafeRawPointer(s).assumingMemoryBound(to: Float.self),
                                        UnsafeMutableRawPointer(d).assumingMemoryBound(to: Float.self))
                        forPlanes(g) { PoolLoops.maxPool2x2(fs, fd, a, g, planes: $0) }
                    } else {
                        forPlanes(g) { PoolLoops.maxPool(s, d, a, g, planes: $0) }
                    }
                }
            }
        }
        return (y, argmax)
    }

    /// The gradient of max pooling: `gy` `(N, C, OH, OW)` sent to the positions in `argmax`
    /// and summed where windows overlap; an image of shape `g.inputShape`.
    package static func maxPoolBackward(_ gy: NDArray, argmax: NDArray, geometry g: ConvGeometry) -> NDArray {
        checkOutputShaped(gy, g, what: "gradient")
        checkArgmax(argmax, g)
        return planeLoop(.scatterToArgmax, gy, argmax: argmax, into: g.inputShape, g)
    }

    /// The elements of `x` (shape `g.inputShape`) at the positions in `argmax`, zero for
    /// padding: the gradient of ``maxPoolBackward(_:argmax:geometry:)``.
    package static func gatherAtArgmax(_ x: NDArray, argmax: NDArray, geometry g: ConvGeometry) -> NDArray {
        dezeroCheck(x.shape == g.inputShape,
                    "pooling: array of shape \(shapeDescription(x.shape)) does not match input shape \(shapeDescription(g.inputShape))")
        checkArgmax(argmax, g)
        return planeLoop(.gatherAtArgmax, x, argmax: argmax, into: outputShape(g), g)
    }

    /// The mean of each window (padding zeros included), `(N, C, OH, OW)`.
    package static func averagePool(_ x: NDArray, _ g: ConvGeometry) -> NDArray {
        planeLoop(.averagePool, x, into: outputShape(g), g)
    }

    /// The gradient of average pooling: each element of `gy` `(N, C, OH, OW)` divided by
    /// KH·KW and added to every input element of its window; an image of shape `g.inputShape`.
    package static func averagePoolBackward(_ gy: NDArray, geometry g: ConvGeometry) -> NDArray {
        checkOutputShaped(gy, g, what: "gradient")
        return planeLoop(.spreadOverWindows, gy, into: g.inputShape, g)
    }

    /// The loops of ``PoolLoops`` that read one array (and `argmax`) and write a fresh one.
    private enum PlaneLoop {
        case scatterToArgmax, gatherAtArgmax, averagePool, spreadOverWindows

        var op: String { self == .averagePool || self == .spreadOverWindows ? "averagePooling" : "pooling" }
    }

    /// A fresh array of `shape` written by `loop` from `input` (and `argmax`), of `input`'s
    /// float dtype, over ranges of planes on several threads when large.
    private static func planeLoop(_ loop: PlaneLoop, _ input: NDArray, argmax: NDArray? = nil, into shape: [Int],
                                  _ g: ConvGeometry) -> NDArray {
        switch input.dtype {
        case .float32: return planeLoop(loop, input, Float.self, argmax: argmax, into: shape, g)
        case .float64: return planeLoop(loop, input, Double.self, argmax: argmax, into: shape, g)
        default: dezeroFailure("\(loop.op): needs float32 or float64, got \(input.dtype)")
        }
    }

    /// ``planeLoop(_:_:argmax:into:_:)`` for element type `T`. The array is all zeros when
    /// `input` (or `argmax`) is empty but the result is not: every window then lies in the padding.
    private static func planeLoop<T: NDFloat>(_ loop: PlaneLoop, _ input: NDArray, _ t: T.Type, argmax: NDArray?,
                                              into shape: [Int], _ g: ConvGeometry) -> NDArray {
        input.withUnsafeBufferPointer(as: T.self) { src in
            withArgmax(argmax) { arg in
                NDArray.make(T.self, shape: shape) { dst in
                    guard let d = dst.baseAddress, !dst.isEmpty else { return }
                    guard let s = src.baseAddress, argmax == nil || arg != nil else { dst.update(repeating: 0); return }
                    forPlanes(g) { planes in
                        switch loop {
                        case .scatterToArgmax: PoolLoops.maxPoolBackward(s, arg!, d, g, planes: planes)
                        case .gatherAtArgmax: PoolLoops.gatherAtArgmax(s, arg!, d, g, planes: planes)
                        case .averagePool: PoolLoops.averagePool(s, d, g, planes: planes)
                        case .spreadOverWindows: PoolLoops.averagePoolBackward(s, d, g, planes: planes)
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` with the first index of `argmax`, or with nil when there is none.
    private static func withArgmax<R>(_ argmax: NDArray?, _ body: (UnsafePointer<Int64>?) -> R) -> R {
        guard let argmax else { return body(nil) }
        return argmax.withUnsafeBufferPointer(as: Int64.self) { body($0.baseAddress) }
    }

    private static func outputShape(_ g: ConvGeometry) -> [Int] { [g.batch, g.channels, g.outHeight, g.outWidth] }

    /// Checks that `argmax` holds window indices that ``maxPool(_:_:)`` can give for `g`:
    /// `0..<KH·KW`, and −1 only where there is padding. (The kernels index memory with them.)
    private static func checkArgmax(_ argmax: NDArray, _ g: ConvGeometry) {
        checkOutputShaped(argmax, g, what: "argmax")
        dezeroCheck(argmax.dtype == .int64, "pooling: argmax must be int64, got \(argmax.dtype)")
        let lowest: Int64 = g.padHeight == 0 && g.padWidth == 0 ? 0 : -1
        let limit = Int64(g.kernelHeight * g.kernelWidth)
        let inRange = argmax.withUnsafeBufferPointer(as: Int64.self) { a in
            // v is in lowest..<limit exactly when v − lowest, read unsigned, is below the
            // span. For a power-of-two span (2×2 windows without padding) that holds for all
            // elements exactly when it holds for their bitwise or, a reduction that runs in
            // vector registers (a min/max of Int64 does not, below AVX-512).
            let span = UInt64(limit - lowest)
            if span & (span - 1) == 0 {
                var bits: UInt64 = 0
                for v in a { bits |= UInt64(bitPattern: v &- lowest) }
                return bits < span
            }
            var lo = Int64.max, hi = Int64.min
            for v in a { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
            return a.isEmpty || (lo >= lowest && hi < limit)
        }
        dezeroCheck(inRange, "pooling: argmax holds indices outside \(lowest)..<\(limit) for a \(g.kernelHeight)×\(g.kernelWidth) window")
    }

    private static func checkOutputShaped(_ a: NDArray, _ g: ConvGeometry, what: String) {
        dezeroCheck(a.shape == outputShape(g),
                    "pooling: \(what) of shape \(shapeDescription(a.shape)) does not match output shape \(shapeDescription(outputShape(g)))")
    }

    private static func forPlanes(_ g: ConvGeometry, _ body: (Range<Int>) -> Void) {
        let work = Swift.max(g.planeSize, g.outPlaneSize * g.kernelHeight * g.kernelWidth)
        PlaneParallel.forPlanes(g.batch * g.channels, elementsPerPlane: work, body)
    }
}

/// Max pooling of a batch of images `(N, C, H, W)`: the largest element of each
/// `kernelSize` window, stepping by `stride` over the image padded with `pad` zeros
/// (padding zeros take part, as in DeZero). Result `(N, C, OH, OW)`.
///
/// ```swift
/// let x = NDArray((0..<16).map(Float.init), shape: [1, 1, 4, 4])
/// pooling(x, kernelSize: (2, 2), stride: (2, 2))   // [[5, 7], [13, 15]]
/// ```
public func pooling(_ x: NDArray, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0)) -> NDArray {
    let g = ConvGeometry(op: "pooling", inputShape: x.shape, kernelSize: kernelSize, stride: stride, pad: pad)
    return PoolingKernels.maxPool(x, g).output
}

/// Average pooling of a batch of images `(N, C, H, W)`: the mean of each `kernelSize`
/// window (padding zeros count, as in DeZero). Result `(N, C, OH, OW)`.
///
/// ```swift
/// let x = NDArray((0..<16).map(Float.init), shape: [1, 1, 4, 4])
/// averagePooling(x, kernelSize: (2, 2), stride: (2, 2))   // [[2.5, 4.5], [10.5, 12.5]]
/// ```
public func averagePooling(_ x: NDArray, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                           pad: (Int, Int) = (0, 0)) -> NDArray {
    let g = ConvGeometry(op: "averagePooling", inputShape: x.shape, kernelSize: kernelSize, stride: stride, pad: pad)
    return PoolingKernels.averagePool(x, g)
}
