// The loops behind im2col and col2im: copying every window of an image into a matrix of
// patches, and adding such a matrix back onto the image. They run over contiguous buffers,
// one output row (OW elements) at a time, with the padding handled by computing once per
// kernel offset which rows and columns of the window fall inside the image.

/// Where the patch element (n, c, kh, kw, oh, ow) lives in a column buffer:
/// `n·imageStride + ((c·KH + kh)·KW + kw)·rowStride + oh·OW + ow`.
///
/// Image-major, `(N, C·KH·KW, OH·OW)`, is DeZero's `im2col(…, to_matrix=False)` shape
/// `(N, C, KH, KW, OH, OW)`; convolution uses one image's patches at a time, `imageStride` 0.
struct ColumnLayout {
    let imageStride: Int
    let rowStride: Int

    static func imageMajor(_ g: ConvGeometry) -> ColumnLayout {
        ColumnLayout(imageStride: g.patchSize * g.outPlaneSize, rowStride: g.outPlaneSize)
    }
}

/// The outputs `lo..<hi` along one axis whose input position `o·stride + k − pad` lies inside
/// `0..<size`, for kernel offset `k` (empty when none do).
@inline(__always)
func validOutputRange(size: Int, out: Int, k: Int, stride: Int, pad: Int) -> (lo: Int, hi: Int) {
    let before = pad - k  // input position of output 0 is −before
    let lo = Swift.min(out, before > 0 ? (before + stride - 1) / stride : 0)
    let last = size - 1 + pad - k  // largest o·stride that stays inside
    let hi = last >= 0 ? Swift.min(out, last / stride + 1) : 0
    return (lo, Swift.max(lo, hi))
}

enum PatchKernels {
    /// Writes the patches of planes `planes` (plane `p` is image `p / C`, channel `p % C`) of
    /// `x` (contiguous NCHW) into `col`, zeros where a window reaches into the padding.
    static func im2col<T>(_ x: UnsafePointer<T>, _ col: UnsafeMutablePointer<T>, _ g: ConvGeometry,
                          _ layout: ColumnLayout, planes: Range<Int>, zero: T) {
        let (W, OH, OW) = (g.width, g.outHeight, g.outWidth)
        let (SH, SW) = (g.strideHeight, g.strideWidth)
        for p in planes {
            let n = p / g.channels, c = p % g.channels
            let src = x + p * g.planeSize
            for kh in 0..<g.kernelHeight {
                let rows = validOutputRange(size: g.height, out: OH, k: kh, stride: SH, pad: g.padHeight)
                for kw in 0..<g.kernelWidth {
                    let cols = validOutputRange(size: W, out: OW, k: kw, stride: SW, pad: g.padWidth)
                    let r = (c * g.kernelHeight + kh) * g.kernelWidth + kw
                    let dst = col + n * layout.imageStride + r * layout.rowStride
                    if SH == 1 && SW == 1 && OW == W && rows.hi > rows.lo && cols.hi > cols.lo {
                        // Stride 1 with the output as wide as the input ("same" padding): the
                        // whole patch plane is the image shifted by a constant, so it is one
                        // copy, after which the columns that wrapped around an edge are zeroed.
                        let shift = (kh - g.padHeight) * W + kw - g.padWidth
                        let first = rows.lo * OW + cols.lo, last = (rows.hi - 1) * OW + cols.hi
                        dst.update(repeating: zero, count: first)
                        (dst + first).update(from: src + (first + shift), count: last - first)
                        if cols.lo > 0 || cols.hi < OW {
                            for oh in rows.lo..<(rows.hi - 1) {
                                (dst + oh * OW + cols.hi).update(repeating: zero, count: OW - cols.hi + cols.lo)
                            }
                        }
                        (dst + last).update(repeating: zero, count: OH * OW - last)
                        continue
                    }
                    dst.update(repeating: zero, count: rows.lo * OW)
                    for oh in rows.lo..<rows.hi {
                        let d = dst + oh * OW
                        d.update(repeating: zero, count: cols.lo)
                        let s = src + (oh * SH + kh - g.padHeight) * W + cols.lo * SW + kw - g.padWidth
                        let m = cols.hi - cols.lo, dv = d + cols.lo
                        if SW == 1 {
                            for j in 0..<m { dv[j] = s[j] }
                        } else {
                            for j in 0..<m { dv[j] = s[j * SW] }
                        }
                        (d + cols.hi).update(repeating: zero, count: OW - cols.hi)
                    }
                    (dst + rows.hi * OW).update(repeating: zero, count: (OH - rows.hi) * OW)
                }
            }
        }
    }

    /// Sums the patches of `col` back onto planes `planes` of `x` (contiguous NCHW): each
    /// input element receives every patch entry that was copied from it; entries that fall
    /// into the padding are dropped. The planes are overwritten, not added to.
    ///
    /// With `scratch` the caller hands over `col` as a temporary it will not read again:
    /// for stride 1 and an output as wide as the input, the entries that fall into the left
    /// and right padding are then set to zero in place, so that each patch plane can be
    /// added as one contiguous run (the image shifted by a constant) instead of row by row.
    static func col2im<T: FloatingPoint>(_ col: UnsafeMutablePointer<T>, _ x: UnsafeMutablePointer<T>, _ g: ConvGeometry,
                                         _ layout: ColumnLayout, planes: Range<Int>, scratch: Bool) {
        let (W, OW) = (g.width, g.outWidth)
        let (SH, SW) = (g.strideHeight, g.strideWidth)
        let spans = scratch && SH == 1 && SW == 1 && OW == W
        for p in planes {
            let n = p / g.channels, c = p % g.channels
            let dst = x + p * g.planeSize
            dst.update(repeating: 0, count: g.planeSize)
            for kh in 0..<g.kernelHeight {
                let rows = validOutputRange(size: g.height, out: g.outHeight, k: kh, stride: SH, pad: g.padHeight)
                for kw in 0..<g.kernelWidth {
                    let cols = validOutputRange(size: W, out: OW, k: kw, stride: SW, pad: g.padWidth)
                    let r = (c * g.kernelHeight + kh) * g.kernelWidth + kw
                    let src = col + n * layout.imageStride + r * layout.rowStride
                    let m = cols.hi - cols.lo
                    if spans && rows.hi > rows.lo && m > 0 {
                        if m < OW {
                            for oh in rows.lo..<rows.hi {
                                (src + oh * OW).update(repeating: 0, count: cols.lo)
                                (src + oh * OW + cols.hi).update(repeating: 0, count: OW - cols.hi)
                            }
                        }
                        let first = rows.lo * OW + cols.lo, last = (rows.hi - 1) * OW + cols.hi
                        let d = dst + (first + (kh - g.padHeight) * W + kw - g.padWidth), s = src + first
                        for j in 0..<(last - first) { d[j] += s[j] }
                        continue
                    }
                    for oh in rows.lo..<rows.hi {
                        let s = src + oh * OW + cols.lo
                        let d = dst + (oh * SH + kh - g.padHeight) * W + cols.lo * SW + kw - g.padWidth
                        if SW == 1 {
                            for j in 0..<m { d[j] += s[j] }
                        } else {
                            for j in 0..<m { d[j * SW] += s[j] }
                        }
                    }
                }
            }
        }
    }
}
