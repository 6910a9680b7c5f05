// Allocating arrays around the patch kernels: one switch on dtype per call, then the typed
// loops over contiguous memory, split by planes across the cores.

enum Patches {
    /// The patches of `x` (any dtype) in `layout`, as a new array of `shape`.
    static func columns(of x: NDArray, _ g: ConvGeometry, _ layout: ColumnLayout, shape: [Int]) -> NDArray {
        switch x.dtype {
        case .float32: return columns(x, Float.self, g, layout, shape, zero: 0)
        case .float64: return columns(x, Double.self, g, layout, shape, zero: 0)
        case .int64: return columns(x, Int64.self, g, layout, shape, zero: 0)
        case .bool: return columns(x, Bool.self, g, layout, shape, zero: false)
        }
    }

    private static func columns<T: NDScalar>(_ x: NDArray, _ t: T.Type, _ g: ConvGeometry, _ layout: ColumnLayout,
                                             _ shape: [Int], zero: T) -> NDArray {
        x.withUnsafeBufferPointer(as: T.self) { src in
            NDArray.make(T.self, shape: shape) { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress, !dst.isEmpty else { return }
                let perPlane = g.kernelHeight * g.kernelWidth * g.outPlaneSize
                let (ps, pd) = (UncheckedSendable(s), UncheckedSendable(d))
                PlaneParallel.forPlanes(g.batch * g.channels, elementsPerPlane: perPlane) { planes in
                    PatchKernels.im2col(ps.value, pd.value, g, layout, planes: planes, zero: zero)
                }
            }
        }
    }

    /// The image of shape `g.inputShape` whose elements are the sums of the patch entries of
    /// `col` (float32 or float64, `layout`) copied from them. With `scratch`, `col` is a
    /// temporary of the caller's that the kernel may overwrite (it then runs faster).
    static func image(from col: inout NDArray, _ g: ConvGeometry, _ layout: ColumnLayout, op: String,
                      scratch: Bool) -> NDArray {
        switch col.dtype {
        case .float32: return image(&col, Float.self, g, layout, scratch)
        case .float64: return image(&col, Double.self, g, layout, scratch)
        default: dezeroFailure("\(op): needs float32 or float64, got \(col.dtype)")
        }
    }

    private static func image<T: NDFloat>(_ col: inout NDArray, _ t: T.Type, _ g: ConvGeometry, _ layout: ColumnLayout,
                                          _ scratch: Bool) -> NDArray {
        // Only a scratch array is written, so only then is it made unique (no copy when the
        // caller passes its only reference); otherwise the patches are read in place.
        func run(_ src: UnsafeMutablePointer<T>?, _ count: Int) -> NDArray {
            NDArray.make(T.self, shape: g.inputShape) { dst in
                guard let d = dst.baseAddress, !dst.isEmpty else { return }
                guard let s = src, count > 0 else { dst.update(repeating: 0); return }
                let perPlane = g.kernelHeight * g.kernelWidth * g.outPlaneSize
                let (ps, pd) = (UncheckedSendable(s), UncheckedSendable(d))
                PlaneParallel.forPlanes(g.batch * g.channels, elementsPerPlane: perPlane) { planes in
                    PatchKernels.col2im(ps.value, pd.value, g, layout, planes: planes, scratch: scratch)
                }
            }
        }
        if scratch {
            return col.withUnsafeMutableBufferPointer(as: T.self) { run($0.baseAddress, $0.count) }
        }
        return col.withUnsafeBufferPointer(as: T.self) { run(UnsafeMutablePointer(mutating: $0.baseAddress), $0.count) }
    }

    /// Adds `bias[c]` to every element of channel `c` of `x` (N, C, …), in place.
    static func addChannelBias(_ x: inout NDArray, _ bias: NDArray) {
        switch x.dtype {
        case .float32: addBias(&x, bias, Float.self)
        case .float64: addBias(&x, bias, Double.self)
        default: dezeroFailure("addChannelBias: needs float32 or float64, got \(x.dtype)")
        }
    }

    private static func addBias<T: NDFloat>(_ x: inout NDArray, _ bias: NDArray, _ t: T.Type) {
        let channels = x.shape[1], planes = x.shape[0] * channels
        let block = planes == 0 ? 0 : x.count / planes
        bias.withUnsafeBufferPointer(as: T.self) { b in
            x.withUnsafeMutableBufferPointer(as: T.self) { y in
                guard let pb = b.baseAddress, let py = y.baseAddress else { return }
                let (sb, sy) = (UncheckedSendable(pb), UncheckedSendable(py))
                PlaneParallel.forPlanes(planes, elementsPerPlane: block) { range in
                    for q in range {
                        let v = sb.value[q % channels], d = sy.value + q * block
                        for j in 0..<block { d[j] += v }
                    }
                }
            }
        }
    }
}
