import Testing
import DeZeroArray

/// conv2d written from its definition: y[n, o, i, j] = b[o] + Σ W[o, c, kh, kw]·x[n, c, i·SH + kh − PH, j·SW + kw − PW].
func referenceConv(_ x: NDArray, _ w: NDArray, _ b: NDArray?, _ t: WindowCase) -> NDArray {
    let xs = x.astype(.float64).scalars(as: Double.self), ws = w.astype(.float64).scalars(as: Double.self)
    let bs = b?.astype(.float64).scalars(as: Double.self)
    let oc = w.shape[0], (kh, kw) = t.kernel
    var out: [Double] = []
    for n in 0..<t.n { for o in 0..<oc { for i in 0..<t.outHeight { for j in 0..<t.outWidth {
        var s = bs?[o] ?? 0
        for c in 0..<t.c { for p in 0..<kh { for q in 0..<kw {
            let ih = i * t.stride.0 + p - t.pad.0, iw = j * t.stride.1 + q - t.pad.1
            guard ih >= 0, ih < t.h, iw >= 0, iw < t.w else { continue }
            s += ws[((o * t.c + c) * kh + p) * kw + q] * xs[((n * t.c + c) * t.h + ih) * t.w + iw]
        } } }
        out.append(s)
    } } } }
    return NDArray(out, shape: [t.n, oc, t.outHeight, t.outWidth])
}

func expectClose(_ a: NDArray, _ b: NDArray, rtol: Double = 1e-12, atol: Double = 1e-12, _ what: String = "") {
    #expect(a.shape == b.shape, "\(what) shapes \(a.shape) vs \(b.shape)")
    guard a.shape == b.shape else { return }
    let x = a.astype(.float64).scalars(as: Double.self), y = b.astype(.float64).scalars(as: Double.self)
    let bad = zip(x, y).enumerated().first { !(abs($0.element.0 - $0.element.1) <= atol + rtol * abs($0.element.1)) }
    #expect(bad == nil, "\(what) element \(bad?.offset ?? -1): \(bad?.element.0 ?? 0) vs \(bad?.element.1 ?? 0)")
}

/// Output-channel counts that take each of the two code paths: a weight of at most 512
/// elements runs through direct loops, a larger one through the GEMM.
func channelCounts(_ t: WindowCase) -> [Int] {
    [3, 512 / (t.c * t.kernel.0 * t.kernel.1) + 1]
}

@Suite struct Im2colConvolutionTests {
    @Test(arguments: WindowCase.all)
    func conv2dMatchesDirectLoops(_ t: WindowCase) {
        let x = im2colSample(t.shape, seed: 11)
        for oc in channelCounts(t) {
            let w = im2colSample([oc, t.c, t.kernel.0, t.kernel.1], seed: 12)
            let b = im2colSample([oc], seed: 13)
            expectClose(conv2d(x, w, b, stride: t.stride, pad: t.pad), referenceConv(x, w, b, t), "OC \(oc) with bias")
            expectClose(conv2d(x, w, stride: t.stride, pad: t.pad), referenceConv(x, w, nil, t), "OC \(oc) without bias")
        }
    }

    @Test func conv2dInFloat32() {
        let t = WindowCase.all[8]
        let x = im2colSample(t.shape, seed: 21).astype(.float32)
        for oc in [5, 20] {  // direct loops and GEMM
            let w = im2colSample([oc, t.c, 3, 3], seed: 22).astype(.float32)
            let b = im2colSample([oc], seed: 23).astype(.float32)
            let y = conv2d(x, w, b, stride: t.stride, pad: t.pad)
            #expect(y.dtype == .float32)
            expectClose(y, referenceConv(x, w, b, t), rtol: 1e-5, atol: 1e-5)
        }
        let w = im2colSample([5, t.c, 3, 3], seed: 22).astype(.float32)
        // float32 input with a float64 weight computes in float64.
        #expect(conv2d(x, w.astype(.float64), stride: t.stride, pad: t.pad).dtype == .float64)
    }

    @Test func conv2dByHand() {
        // All-ones 3×3 image and 2×2 filter: each output sums four ones; bias 0.5 added.
        let x = NDArray.ones([1, 1, 3, 3], dtype: .float32)
        let w = NDArray.ones([1, 1, 2, 2], dtype: .float32)
        let y = conv2d(x, w, NDArray([0.5] as [Float], shape: [1]))
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars(as: Float.self) == [4.5, 4.5, 4.5, 4.5])
    }

    @Test(arguments: WindowCase.all)
    func deconv2dIsTheAdjointOfConv2d(_ t: WindowCase) {
        // ⟨conv2d(x, W), y⟩ = ⟨x, deconv2d(y, W, outsize: (H, W))⟩.
        let x = im2colSample(t.shape, seed: 31)
        for oc in channelCounts(t) {
            let w = im2colSample([oc, t.c, t.kernel.0, t.kernel.1], seed: 32)
            let y = im2colSample([t.n, oc, t.outHeight, t.outWidth], seed: 33)
            let back = deconv2d(y, w, stride: t.stride, pad: t.pad, outsize: (t.h, t.w))
            #expect(back.shape == t.shape)
            let lhs = im2colInner(conv2d(x, w, stride: t.stride, pad: t.pad), y), rhs = im2colInner(x, back)
            #expect(abs(lhs - rhs) <= 1e-10 * Swift.max(1, abs(lhs)), "OC \(oc): \(lhs) vs \(rhs)")
        }
    }

    @Test func deconv2dByHand() {
        // Each input pixel stamps the 2×2 ones filter; overlaps add; bias 1 on top.
        let x = NDArray.ones([1, 1, 2, 2])
        let w = NDArray.ones([1, 1, 2, 2])
        let y = deconv2d(x, w, NDArray([1.0], shape: [1]))
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.scalars(as: Double.self) == [2, 3, 2, 3, 5, 3, 2, 3, 2])
        // Stride 2, kernel 2: the stamps tile without overlap; size 2·(2 − 1) + 2 = 4.
        let z = deconv2d(NDArray([1, 2, 3, 4] as [Double], shape: [1, 1, 2, 2]), w, stride: (2, 2))
        #expect(z.shape == [1, 1, 4, 4])
        #expect(z.scalars(as: Double.self) == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        // outsize 5 instead of 4 also convolves back to 2 with stride 2 (floor): a zero last row and column.
        let z5 = deconv2d(NDArray([1, 2, 3, 4] as [Double], shape: [1, 1, 2, 2]), w, stride: (2, 2), outsize: (5, 5))
        #expect(z5.shape == [1, 1, 5, 5])
        #expect(z5.sum().item() == 40)
        #expect(z5.scalars(as: Double.self)[20..<25].allSatisfy { $0 == 0 })
    }

    @Test(arguments: [2, 30])  // 3·2·3·2 weights run through direct loops, 3·30·3·2 through the GEMM
    func deconv2dWithChannelsMatchesDefinition(outChannels oc: Int) {
        // y[n, o, i, j] = b[o] + Σ x[n, c, p, q]·W[c, o, i + PH − p·SH, j + PW − q·SW] over in-range kernel taps.
        let x = im2colSample([2, 3, 3, 4], seed: 41), w = im2colSample([3, oc, 3, 2], seed: 42), b = im2colSample([oc], seed: 43)
        let (sh, sw, ph, pw) = (2, 1, 1, 0)
        let y = deconv2d(x, w, b, stride: (sh, sw), pad: (ph, pw))
        let oh = sh * 2 + 3 - 2 * ph, ow = sw * 3 + 2 - 2 * pw
        #expect(y.shape == [2, oc, oh, ow])
        let xs = x.scalars(as: Double.self), ws = w.scalars(as: Double.self), bs = b.scalars(as: Double.self)
        var ref = [Double]()
        for n in 0..<2 { for o in 0..<oc { for i in 0..<oh { for j in 0..<ow {
            var s = bs[o]
            for c in 0..<3 { for p in 0..<3 { for q in 0..<4 {
                let kh = i + ph - p * sh, kw = j + pw - q * sw
                guard kh >= 0, kh < 3, kw >= 0, kw < 2 else { continue }
                s += xs[((n * 3 + c) * 3 + p) * 4 + q] * ws[((c * oc + o) * 3 + kh) * 2 + kw]
            } } }
            ref.append(s)
        } } } }
        expectClose(y, NDArray(ref, shape: y.shape))
    }

    @Test(arguments: WindowCase.all)
    func weightGradientIsTheAdjointInW(_ t: WindowCase) {
        // conv2d is linear in W, so ⟨conv2d(x, W), gy⟩ = ⟨W, gW(x, gy)⟩.
        let x = im2colSample(t.shape, seed: 51)
        for oc in channelCounts(t) {
            let w = im2colSample([oc, t.c, t.kernel.0, t.kernel.1], seed: 52)
            let gy = im2colSample([t.n, oc, t.outHeight, t.outWidth], seed: 53)
            let gw = conv2dWeightGradient(x, gy, kernelSize: t.kernel, stride: t.stride, pad: t.pad)
            #expect(gw.shape == w.shape)
            let lhs = im2colInner(conv2d(x, w, stride: t.stride, pad: t.pad), gy), rhs = im2colInner(w, gw)
            #expect(abs(lhs - rhs) <= 1e-10 * Swift.max(1, abs(lhs)), "OC \(oc): \(lhs) vs \(rhs)")
        }
    }

    @Test func emptyBatchesAndChannels() {
        // No images: empty results of the right shapes, on both paths.
        for oc in [2, 80] {
            let w = NDArray.ones([oc, 3, 3, 3])
            #expect(conv2d(NDArray.zeros([0, 3, 5, 5]), w, stride: (1, 1), pad: (1, 1)).shape == [0, oc, 5, 5])
            #expect(deconv2d(NDArray.zeros([0, oc, 5, 5]), w, stride: (1, 1), pad: (1, 1)).shape == [0, 3, 5, 5])
            #expect(conv2dWeightGradient(NDArray.zeros([0, 3, 5, 5]), NDArray.zeros([0, oc, 5, 5]), kernelSize: (3, 3),
                                         pad: (1, 1)) == NDArray.zeros([oc, 3, 3, 3]))
        }
        // No input channels: the sum over them is empty, so only the bias remains.
        let y = conv2d(NDArray.zeros([1, 0, 2, 2]), NDArray.zeros([2, 0, 1, 1]), NDArray([1, 2] as [Double], shape: [2]))
        #expect(y.scalars(as: Double.self) == [1, 1, 1, 1, 2, 2, 2, 2])
        #expect(pooling(NDArray.zeros([0, 2, 4, 4]), kernelSize: (2, 2), stride: (2, 2)).shape == [0, 2, 2, 2])
    }

    @Test func float32ThinWeightsAgreeWithFloat64() {
        // Thin weights run through C kernels in float32 (AVX2+FMA or the baseline width) and
        // through Swift loops in float64. 13×19 images: 247 outputs per plane, so the column
        // loops take blocks of 32, of 8 and single columns; 9 or 18 patch rows take the
        // four-row blocks of the dot products and a remainder.
        for (oc, c) in [(16, 1), (3, 2)] {
            let xc = im2colSample([5, c, 13, 19], seed: 64)
            let w = im2colSample([oc, c, 3, 3], seed: 65), b = im2colSample([oc], seed: 66)
            let y = conv2d(xc, w, b, pad: (1, 1))
            expectClose(conv2d(xc.astype(.float32), w.astype(.float32), b.astype(.float32), pad: (1, 1)), y,
                        rtol: 1e-5, atol: 1e-4, "conv2d oc \(oc)")
            expectClose(conv2dWeightGradient(xc.astype(.float32), y.astype(.float32), kernelSize: (3, 3), pad: (1, 1)),
                        conv2dWeightGradient(xc, y, kernelSize: (3, 3), pad: (1, 1)), rtol: 1e-4, atol: 1e-3,
                        "weight gradient oc \(oc)")
            expectClose(deconv2d(y.astype(.float32), w.astype(.float32), pad: (1, 1)), deconv2d(y, w, pad: (1, 1)),
                        rtol: 1e-5, atol: 1e-3, "deconv2d oc \(oc)")
        }
    }

    @Test func batchesAgreeWithOneImageAtATime() {
        // The images of a batch run in ranges on several threads (each product on one), a
        // single image alone (its products free to use the GEMM's threads or the system
        // BLAS): both paths must give the same numbers, for thin and GEMM-sized weights.
        let t = WindowCase.all[8], n = 32  // 16×16 images, 3×3 "same": large enough to split
        let x = im2colSample([n, t.c, t.h, t.w], seed: 61)
        for oc in [2, 80] {
            let w = im2colSample([oc, t.c, 3, 3], seed: 62), b = im2colSample([oc], seed: 63)
            let y = conv2d(x, w, b, stride: t.stride, pad: t.pad)
            let gw = conv2dWeightGradient(x, y, kernelSize: (3, 3), stride: t.stride, pad: t.pad)
            var gwSum = NDArray.zeros(gw.shape)
            for i in 0..<n {
                let xi = x[i ..< i + 1]
                let yi = conv2d(xi, w, b, stride: t.stride, pad: t.pad)
                expectClose(yi, y[i ..< i + 1])
                gwSum = gwSum + conv2dWeightGradient(xi, yi, kernelSize: (3, 3), stride: t.stride, pad: t.pad)
                expectClose(deconv2d(yi, w, stride: t.stride, pad: t.pad, outsize: (t.h, t.w)),
                            deconv2d(y, w, stride: t.stride, pad: t.pad, outsize: (t.h, t.w))[i ..< i + 1])
            }
            expectClose(gwSum, gw)
        }
    }
}
