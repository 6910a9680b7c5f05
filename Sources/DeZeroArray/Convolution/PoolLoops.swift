// The loops behind max and average pooling. Each output row is built across its OW
// windows at once, one kernel offset (kh, kw) at a time, so the inner loop is a plain
// compare-and-select or add over a row — no per-window bookkeeping, no branches on data.
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
        let (W, OW, SW) = (g.width, g.outWidth, g.strideWidth)
        for p in planes {
            let src = x + p * g.planeSize
            for oh in 0..<g.outHeight {
                let best = y + (p * g.outHeight + oh) * OW
                let arg = argmax + (p * g.outHeight + oh) * OW
                for kh in 0..<g.kernelHeight {
                    let ih = oh * g.strideHeight + kh - g.padHeight
                    let rowInside = ih >= 0 && ih < g.height
                    for kw in 0..<g.kernelWidth {
                        let first = kh == 0 && kw == 0
                        let cols = rowInside ? validOutputRange(size: W, out: OW, k: kw, stride: SW, pad: g.padWidth) : (lo: 0, hi: 0)
                        // Outside the image the window sees a padding zero.
                        for ow in 0..<cols.lo { offer(0, -1, best + ow, arg + ow, first) }
                        if cols.hi > cols.lo {
                            let start = ih * W + cols.lo * SW + kw - g.padWidth
                            let s = src + start
                            for j in 0..<(cols.hi - cols.lo) {
                                offer(s[j * SW], Int64(start + j * SW), best + cols.lo + j, arg + cols.lo + j, first)
                            }
                        }
                        for ow in cols.hi..<OW { offer(0, -1, best + ow, arg + ow, first) }
                    }
                }
            }
        }
    }

    /// Keeps `v` (at `position`) in the running maximum when it is larger, or NaN where the
    /// maximum is not yet NaN; always for the first element of the window.
    @inline(__always)
    private static func offer<T: NDFloat>(_ v: T, _ position: Int64, _ best: UnsafeMutablePointer<T>,
                                          _ arg: UnsafeMutablePointer<Int64>, _ first: Bool) {
        let b = best.pointee
        let take = first || (b == b && !(v <= b))
        best.pointee = take ? v : b
        arg.pointee = take ? position : arg.pointee
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
