// The loops behind max and average pooling, over contiguous channel planes.
//
// Padding follows DeZero, whose pooling runs on im2col's zero-padded patches: a window
// that reaches into the padding sees zeros there (so a max over negative values can be 0,
// and its gradient then goes nowhere).

enum PoolLoops {
    /// Max pooling of planes `planes`: `y` gets each window's maximum (NaN if the window
    /// holds one), `argmax` where it was inside the window, `kh·KW + kw` (DeZero's
    /// `indexes`), or −1 for a padding zero. Ties go to the first element in row-major
    /// window order, as NumPy's argmax.
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
                        let corner = src + ih0 * W + iw0
                        best = corner[0]
                        at = 0
                        for kh in 0..<KH {
                            let row = corner + kh * W
                            for kw in (kh == 0 ? 1 : 0)..<KW { keepLarger(row[kw], kh * KW + kw, &best, &at) }
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
                let top = src + 2 * oh * W, bottom = top + W
                let out = y + (p * OH + oh) * OW, arg = argmax + (p * OH + oh) * OW
                // Groups of four windows; a last partial group is redone as the four windows
                // ending at the row's end (they overlap the previous group, whose results are
                // written again unchanged), so only rows narrower than four windows go scalar.
                var ow = 0
                while OW >= 4 && ow < OW {
                    ow = Swift.min(ow, OW - 4)
                    let r0 = UnsafeRawPointer(top + 2 * ow).loadUnaligned(as: SIMD8<Float>.self)
                    let r1 = UnsafeRawPointer(bottom + 2 * ow).loadUnaligned(as: SIMD8<Float>.self)
                    var best = r0.evenHalf
                    var corner = SIMD4<Int32>(repeating: 0)
                    keepLarger(r0.oddHalf, 1, &best, &corner)
                    keepLarger(r1.evenHalf, 2, &best, &corner)
                    keepLarger(r1.oddHalf, 3, &best, &corner)
                    UnsafeMutableRawPointer(out + ow).storeBytes(of: best, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(arg + ow).storeBytes(of: SIMD4<Int64>(truncatingIfNeeded: corner),
                                                                 as: SIMD4<Int64>.self)
                    ow += 4
                }
                for o in (OW >= 4 ? OW : 0)..<OW {
                    var at = 0, best = top[2 * o]
                    keepLarger(top[2 * o + 1], 1, &best, &at)
                    keepLarger(bottom[2 * o], 2, &best, &at)
                    keepLarger(bottom[2 * o + 1], 3, &best, &at)
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

    /// Replaces the running maximum by `v` (window index `k`) when `v` is larger, or NaN
    /// while the maximum is not yet NaN (NumPy's max propagates NaN; argmax takes the first NaN).
    @inline(__always)
    private static func keepLarger<T: NDFloat>(_ v: T, _ k: Int, _ best: inout T, _ at: inout Int) {
        let take = best == best && !(v <= best)
        best = take ? v : best
        at = take ? k : at
    }

    /// The maximum of a window that reaches into the padding, where it sees zeros (index −1).
    private static func paddedWindowMax<T: NDFloat>(_ src: UnsafePointer<T>, _ g: ConvGeometry,
                                                    _ ih0: Int, _ iw0: Int) -> (T, Int) {
        var best: T = 0, at = -1, first = true
        for kh in 0..<g.kernelHeight {
            let ih = ih0 + kh
            for kw in 0..<g.kernelWidth {
                let iw = iw0 + kw
                let inside = ih >= 0 && ih < g.height && iw >= 0 && iw < g.width
                let v: T = inside ? src[ih * g.width + iw] : 0
                let k = inside ? kh * g.kernelWidth + kw : -1
                if first {
                    best = v; at = k; first = false
                } else {
                    keepLarger(v, k, &best, &at)
                }
            }
        }
        return (best, at)
    }

    /// Element offsets inside a plane of each window index `kh·KW + kw`, from the window's
    /// top-left corner: `kh·W + kw`.
    private static func windowOffsets(_ g: ConvGeometry) -> [Int] {
        (0..<(g.kernelHeight * g.kernelWidth)).map { ($0 / g.kernelWidth) * g.width + $0 % g.kernelWidth }
    }

    /// Sends each output gradient to the input element that was the window's maximum
    /// (accumulating where windows overlap); padding maxima send nothing. Overwrites the planes.
    static func maxPoolBackward<T: NDFloat>(_ gy: UnsafePointer<T>, _ argmax: UnsafePointer<Int64>,
                                            _ gx: UnsafeMutablePointer<T>, _ g: ConvGeometry, planes: Range<Int>) {
        if g.strideHeight == g.kernelHeight && g.strideWidth == g.kernelWidth && g.padHeight == 0 && g.padWidth == 0 {
            tilingMaxPoolBackward(gy, argmax, gx, g, planes: planes)
            return
        }
        let offsets = windowOffsets(g)
        for p in planes {
            let d = gx + p * g.planeSize
            d.update(repeating: 0, count: g.planeSize)
            var j = p * g.outPlaneSize
            for oh in 0..<g.outHeight {
                let rowCorner = (oh * g.strideHeight - g.padHeight) * g.width - g.padWidth
                for ow in 0..<g.outWidth {
                    let k = Int(argmax[j])
                    if k >= 0 { d[rowCorner + ow * g.strideWidth + offsets[k]] += gy[j] }
                    j += 1
                }
            }
        }
    }

    /// ``maxPoolBackward(_:_:_:_:planes:)`` for windows that tile the image (stride equal to
    /// the kernel, no padding), as in 2×2 pooling with stride 2: every input element lies in
    /// at most one window and no maximum is a padding zero, so each gradient is stored, not
    /// added, with no test on the data (a data-dependent branch per window mispredicts often
    /// enough to cost more than the clearing pass).
    private static func tilingMaxPoolBackward<T: NDFloat>(_ gy: UnsafePointer<T>, _ argmax: UnsafePointer<Int64>,
                                                         _ gx: UnsafeMutablePointer<T>, _ g: ConvGeometry,
                                                         planes: Range<Int>) {
        if T.self == Float.self && isPlain2x2(g) && g.width == 2 * g.outWidth && g.height == 2 * g.outHeight {
            maxPoolBackward2x2(UnsafeRawPointer(gy).assumingMemoryBound(to: Float.self), argmax,
                               UnsafeMutableRawPointer(gx).assumingMemoryBound(to: Float.self), g, planes: planes)
            return
        }
        let offsets = windowOffsets(g)
        let (W, KH, KW) = (g.width, g.kernelHeight, g.kernelWidth)
        offsets.withUnsafeBufferPointer { offsets in
            for p in planes {
                let d = gx + p * g.planeSize
                d.update(repeating: 0, count: g.planeSize)
                var j = p * g.outPlaneSize
                for oh in 0..<g.outHeight {
                    let top = d + oh * KH * W
                    for ow in 0..<g.outWidth {
                        top[ow * KW + offsets[Int(argmax[j])]] = gy[j]
                        j += 1
                    }
                }
            }
        }
    }

    /// ``tilingMaxPoolBackward(_:_:_:_:planes:)`` for float32 2×2 windows with stride 2 that
    /// cover the whole plane (even height and width): each window's four input elements are
    /// written once, the gradient at the maximum and zero elsewhere, so the plane needs no
    /// clearing pass and no element is read back.
    private static func maxPoolBackward2x2(_ gy: UnsafePointer<Float>, _ argmax: UnsafePointer<Int64>,
                                           _ gx: UnsafeMutablePointer<Float>, _ g: ConvGeometry, planes: Range<Int>) {
        let (W, OH, OW) = (g.width, g.outHeight, g.outWidth)
        for p in planes {
            for oh in 0..<OH {
                let top = gx + p * g.planeSize + 2 * oh * W, bottom = top + W
                let j0 = (p * OH + oh) * OW
                let (grad, arg) = (gy + j0, argmax + j0)
                // Four windows at a time, as in the forward loop (a last partial group is redone
                // ending at the row's end: the same values are stored again). The gradient's bits
                // are selected with masks, never branched on: which corner won is random data.
                var ow = 0
                while OW >= 4 && ow < OW {
                    ow = Swift.min(ow, OW - 4)
                    let v = UnsafeRawPointer(grad + ow).loadUnaligned(as: SIMD4<UInt32>.self)
                    let k = SIMD4<UInt32>(truncatingIfNeeded: UnsafeRawPointer(arg + ow).loadUnaligned(as: SIMD4<Int64>.self))
                    let zero = SIMD4<UInt32>(repeating: 0)
                    let c0 = v.replacing(with: zero, where: k .!= 0), c1 = v.replacing(with: zero, where: k .!= 1)
                    let c2 = v.replacing(with: zero, where: k .!= 2), c3 = v.replacing(with: zero, where: k .!= 3)
                    UnsafeMutableRawPointer(top + 2 * ow).storeBytes(of: interleave(c0, c1), as: SIMD8<UInt32>.self)
                    UnsafeMutableRawPointer(bottom + 2 * ow).storeBytes(of: interleave(c2, c3), as: SIMD8<UInt32>.self)
                    ow += 4
                }
                for o in (OW >= 4 ? OW : 0)..<OW {
                    let (v, k) = (grad[o].bitPattern, UInt32(truncatingIfNeeded: arg[o]))
                    let onehot: UInt32 = 1 << k  // k is 0…3 (checked by the caller)
                    for c in 0..<4 {
                        let keep = 0 &- ((onehot >> UInt32(c)) & 1)  // all ones for the winning corner
                        (c < 2 ? top : bottom)[2 * o + c % 2] = Float(bitPattern: v & keep)
                    }
                }
            }
        }
    }

    /// `(a₀, b₀, a₁, b₁, …)`: the even and odd columns of a pair of window rows put back in place.
    @inline(__always)
    private static func interleave(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD8<UInt32> {
        SIMD8(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3])
    }

    /// Reads, for each window, the element of `x` at the window's recorded maximum (zero
    /// for a padding maximum): the gradient of ``maxPoolBackward(_:_:_:_:planes:)``.
    static func gatherAtArgmax<T: NDFloat>(_ x: UnsafePointer<T>, _ argmax: UnsafePointer<Int64>,
                                           _ y: UnsafeMutablePointer<T>, _ g: ConvGeometry, planes: Range<Int>) {
        let offsets = windowOffsets(g)
        for p in planes {
            let s = x + p * g.planeSize
            var j = p * g.outPlaneSize
            for oh in 0..<g.outHeight {
                let rowCorner = (oh * g.strideHeight - g.padHeight) * g.width - g.padWidth
                for ow in 0..<g.outWidth {
                    let k = Int(argmax[j])
                    y[j] = k >= 0 ? s[rowCorner + ow * g.strideWidth + offsets[k]] : 0
                    j += 1
                }
            }
        }
    }

    /// Average pooling: each window's sum divided by KH·KW (padding zeros count in the
    /// average, as in DeZero).
    static func averagePool<T: NDFloat>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ g: ConvGeometry,
                                        planes: Range<Int>) {
        let (OW, SW) = (g.outWidth, g.strideWidth)
        let count = T(g.kernelHeight * g.kernelWidth)
        for p in planes {
            let src = x + p * g.planeSize
            for oh in 0..<g.outHeight {
                let out = y + (p * g.outHeight + oh) * OW
                out.update(repeating: 0, count: OW)
                forEachTap(g, row: oh) { base, cols in
                    for ow in cols { out[ow] += src[base + ow * SW] }
                }
                for ow in 0..<OW { out[ow] /= count }
            }
        }
    }

    /// Spreads each output gradient, divided by KH·KW, over its window (the gradient of
    /// average pooling); shares falling into the padding are dropped. Overwrites the planes.
    static func averagePoolBackward<T: NDFloat>(_ gy: UnsafePointer<T>, _ gx: UnsafeMutablePointer<T>,
                                                _ g: ConvGeometry, planes: Range<Int>) {
        let (OW, SW) = (g.outWidth, g.strideWidth)
        let count = T(g.kernelHeight * g.kernelWidth)
        for p in planes {
            let dst = gx + p * g.planeSize
            dst.update(repeating: 0, count: g.planeSize)
            for oh in 0..<g.outHeight {
                let s = gy + (p * g.outHeight + oh) * OW
                forEachTap(g, row: oh) { base, cols in
                    for ow in cols { dst[base + ow * SW] += s[ow] / count }
                }
            }
        }
    }

    /// Calls `body(base, cols)` for each window position (kh, kw) of output row `oh` whose
    /// input row lies inside the image: output column `ow` in `cols` reads (or writes) input
    /// element `base + ow·SW` of the plane; columns whose tap falls in the padding are left out.
    @inline(__always)
    private static func forEachTap(_ g: ConvGeometry, row oh: Int, _ body: (Int, Range<Int>) -> Void) {
        for kh in 0..<g.kernelHeight {
            let ih = oh * g.strideHeight + kh - g.padHeight
            guard ih >= 0 && ih < g.height else { continue }
            for kw in 0..<g.kernelWidth {
                let cols = validOutputRange(size: g.width, out: g.outWidth, k: kw, stride: g.strideWidth, pad: g.padWidth)
                body(ih * g.width + kw - g.padWidth, cols.lo..<cols.hi)
            }
        }
    }
}
