// The loops behind max and average pooling, over contiguous channel planes.
//
// Padding follows DeZero, whose pooling runs on im2col's zero-padded patches: a window
// that reaches into the padding sees zeros there (so a max over negative values can be 0,
// and its gradient then goes nowhere).

enum PoolLoops {
    /// Max pooling of planes `planes`: `y` gets each window's maximum (NaN if the window
    /// holds one), `argmax` its position `ih·W + iw` inside the plane, or −1 for a padding
    /// zero. Ties go to the first position in row-major window order, as NumPy's argmax.
    static func maxPool<T: NDFloat>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                    _ argmax: UnsafeMutablePointer<Int64>, _ g: ConvGeometry, planes: Range<Int>) {
        let (H, W, KH, KW) = (g.height, g.width, g.kernelHeight, g.kernelWidth)
        for p in planes {
            let src = x + p * g.planeSize
            var out = p * g.outPlaneSize
            for oh in 0..<g.outHeight {
                let ih0 = oh * g.strideHeight - g.padHeight
                let rowsInside = ih0 >= 0 && ih0 + KH <= H
                for ow in 0..<g.outWidth {
                    let iw0 = ow * g.strideWidth - g.padWidth
                    // The maximum is kept in registers; windows inside the image (all of them
                    // without padding) need no bounds checks.
                    var best: T, at: Int
                    if rowsInside && iw0 >= 0 && iw0 + KW <= W {
                        at = ih0 * W + iw0
                        best = src[at]
                        for kh in 0..<KH {
                            let row = (ih0 + kh) * W + iw0
                            for kw in (kh == 0 ? 1 : 0)..<KW { keepLarger(src[row + kw], row + kw, &best, &at) }
                        }
                    } else {
                        (best, at) = paddedWindowMax(src, g, ih0, iw0)
                    }
                    y[out] = best
                    argmax[out] = Int64(at)
                    out += 1
                }
            }
        }
    }

    /// True for the book's usual pooling — 2×2 windows, stride 2, no padding — which
    /// ``maxPool2x2(_:_:_:_:planes:)`` runs four windows at a time.
    static func isPlain2x2(_ g: ConvGeometry) -> Bool {
        g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideHeight == 2 && g.strideWidth == 2
            && g.padHeight == 0 && g.padWidth == 0
    }

    /// ``maxPool(_:_:_:_:planes:)`` for float32 2×2 windows with stride 2 and no padding:
    /// two rows are loaded eight floats at a time and split into the four corners of four
    /// windows, then compared in the window's row-major order with vector selects. Same
    /// results, ties and NaN rule as the general loop.
    static func maxPool2x2(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                           _ argmax: UnsafeMutablePointer<Int64>, _ g: ConvGeometry, planes: Range<Int>) {
        let (W, OH, OW) = (g.width, g.outHeight, g.outWidth)
        for p in planes {
            let src = x + p * g.planeSize
            for oh in 0..<OH {
                let top = 2 * oh * W
                let out = y + (p * OH + oh) * OW, arg = argmax + (p * OH + oh) * OW
                var ow = 0
                while ow + 4 <= OW {
                    let r0 = UnsafeRawPointer(src + top + 2 * ow).loadUnaligned(as: SIMD8<Float>.self)
                    let r1 = UnsafeRawPointer(src + top + W + 2 * ow).loadUnaligned(as: SIMD8<Float>.self)
                    var best = r0.evenHalf
                    var corner = SIMD4<Int32>(repeating: 0)
                    keepLarger(r0.oddHalf, 1, &best, &corner)
                    keepLarger(r1.evenHalf, 2, &best, &corner)
                    keepLarger(r1.oddHalf, 3, &best, &corner)
                    UnsafeMutableRawPointer(out + ow).storeBytes(of: best, as: SIMD4<Float>.self)
                    for j in 0..<4 {
                        let c = Int(corner[j])
                        arg[ow + j] = Int64(top + 2 * (ow + j) + (c >> 1) * W + (c & 1))
                    }
                    ow += 4
                }
                for o in ow..<OW {
                    var at = top + 2 * o, best = src[at]
                    keepLarger(src[at + 1], at + 1, &best, &at)
                    keepLarger(src[top + W + 2 * o], top + W + 2 * o, &best, &at)
                    keepLarger(src[top + W + 2 * o + 1], top + W + 2 * o + 1, &best, &at)
                    out[o] = best
                    arg[o] = Int64(at)
                }
            }
        }
    }

    /// Four lanes of ``keepLarger(_:_:_:_:)``: `corner` records which element won.
    @inline(__always)
    private static func keepLarger(_ v: SIMD4<Float>, _ code: Int32, _ best: inout SIMD4<Float>,
                                   _ corner: inout SIMD4<Int32>) {
        let take = (best .== best) .& .!(v .<= best)
        best.replace(with: v, where: take)
        corner.replace(with: code, where: take)
    }

    /// Replaces the running maximum by `v` (at `position`) when `v` is larger, or NaN while
    /// the maximum is not yet NaN (NumPy's max propagates NaN; argmax takes the first NaN).
    @inline(__always)
    private static func keepLarger<T: NDFloat>(_ v: T, _ position: Int, _ best: inout T, _ at: inout Int) {
        let take = best == best && !(v <= best)
        best = take ? v : best
        at = take ? position : at
    }

    /// The maximum of a window that reaches into the padding, where it sees zeros (position −1).
    private static func paddedWindowMax<T: NDFloat>(_ src: UnsafePointer<T>, _ g: ConvGeometry,
                                                    _ ih0: Int, _ iw0: Int) -> (T, Int) {
        var best: T = 0, at = -1, first = true
        for kh in 0..<g.kernelHeight {
            let ih = ih0 + kh
            for kw in 0..<g.kernelWidth {
                let iw = iw0 + kw
                let inside = ih >= 0 && ih < g.height && iw >= 0 && iw < g.width
                let v: T = inside ? src[ih * g.width + iw] : 0
                if first {
                    best = v; at = inside ? ih * g.width + iw : -1; first = false
                } else {
                    keepLarger(v, inside ? ih * g.width + iw : -1, &best, &at)
                }
            }
        }
        return (best, at)
    }

    /// Sends each output gradient to the input element that was the window's maximum
    /// (accumulating where windows overlap); padding maxima send nothing. Overwrites the planes.
    static func maxPoolBackward<T: NDFloat>(_ gy: UnsafePointer<T>, _ argmax: UnsafePointer<Int64>,
                                            _ gx: UnsafeMutablePointer<T>, _ g: ConvGeometry, planes: Range<Int>) {
        let outPlane = g.outPlaneSize
        for p in planes {
            let d = gx + p * g.planeSize, s = gy + p * outPlane, a = argmax + p * outPlane
            d.update(repeating: 0, count: g.planeSize)
            for j in 0..<outPlane where a[j] >= 0 { d[Int(a[j])] += s[j] }
        }
    }

    /// Reads, for each window, the element of `x` at the window's recorded maximum (zero
    /// for a padding maximum): the gradient of ``maxPoolBackward(_:_:_:_:planes:)``.
    static func gatherAtArgmax<T: NDFloat>(_ x: UnsafePointer<T>, _ argmax: UnsafePointer<Int64>,
                                           _ y: UnsafeMutablePointer<T>, _ g: ConvGeometry, planes: Range<Int>) {
        let outPlane = g.outPlaneSize
        for p in planes {
            let s = x + p * g.planeSize, d = y + p * outPlane, a = argmax + p * outPlane
            for j in 0..<outPlane { d[j] = a[j] >= 0 ? s[Int(a[j])] : 0 }
        }
    }

    /// Average pooling: each window's sum divided by KH·KW (padding zeros count in the
    /// average, as in DeZero).
    static func averagePool<T: NDFloat>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ g: ConvGeometry,
                                        planes: Range<Int>) {
        let (W, OW, SW) = (g.width, g.outWidth, g.strideWidth)
        let count = T(g.kernelHeight * g.kernelWidth)
        for p in planes {
            let src = x + p * g.planeSize
            for oh in 0..<g.outHeight {
                let out = y + (p * g.outHeight + oh) * OW
                out.update(repeating: 0, count: OW)
                for kh in 0..<g.kernelHeight {
                    let ih = oh * g.strideHeight + kh - g.padHeight
                    guard ih >= 0 && ih < g.height else { continue }
                    for kw in 0..<g.kernelWidth {
                        let cols = validOutputRange(size: W, out: OW, k: kw, stride: SW, pad: g.padWidth)
                        let base = ih * W + kw - g.padWidth
                        for ow in cols.lo..<cols.hi { out[ow] += src[base + ow * SW] }
                    }
                }
                for ow in 0..<OW { out[ow] /= count }
            }
        }
    }

    /// Spreads each output gradient, divided by KH·KW, over its window (the gradient of
    /// average pooling); shares falling into the padding are dropped. Overwrites the planes.
    static func averagePoolBackward<T: NDFloat>(_ gy: UnsafePointer<T>, _ gx: UnsafeMutablePointer<T>,
                                                _ g: ConvGeometry, planes: Range<Int>) {
        let (W, OW, SW) = (g.width, g.outWidth, g.strideWidth)
        let count = T(g.kernelHeight * g.kernelWidth)
        for p in planes {
            let dst = gx + p * g.planeSize
            dst.update(repeating: 0, count: g.planeSize)
            for oh in 0..<g.outHeight {
                let s = gy + (p * g.outHeight + oh) * OW
                for kh in 0..<g.kernelHeight {
                    let ih = oh * g.strideHeight + kh - g.padHeight
                    guard ih >= 0 && ih < g.height else { continue }
                    for kw in 0..<g.kernelWidth {
                        let cols = validOutputRange(size: W, out: OW, k: kw, stride: SW, pad: g.padWidth)
                        let base = ih * W + kw - g.padWidth
                        for ow in cols.lo..<cols.hi { dst[base + ow * SW] += s[ow] / count }
                    }
                }
            }
        }
    }
}
