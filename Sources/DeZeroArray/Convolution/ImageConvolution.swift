// Convolution image by image. Each image's patches, (C·KH·KW, OH·OW), are built in a buffer
// that stays in cache (113 KB for W3's second layer) and multiplied at once, straight into
// the image's NCHW output. Compared with one product over the patches of the whole batch,
// this writes and reads back no batch-sized patch matrix (7 MB in W3), needs no transposing
// copy between (OC, N, …) and (N, OC, …), and keeps no patches between the forward and the
// backward pass: the weight gradient builds them again, image by image, which costs less
// than reading them back from memory.
//
// Ranges of images run on different threads, each product on one thread (the GEMM's own
// threads are used only when the batch is too small to split, e.g. one large image).

extension ConvolutionKernels {
    /// The float types convolution computes in.
    typealias ConvScalar = GEMMScalar & SIMDScalar

    /// `y = W ⋆ x + b`: `x` `(N, C, H, W)` of shape `g.inputShape`, `weight`
    /// `(OC, C, KH, KW)`, `bias` `(OC,)`, all of one float dtype. Result `(N, OC, OH, OW)`.
    package static func convolve(_ x: NDArray, weight: NDArray, bias: NDArray?, geometry g: ConvGeometry) -> NDArray {
        switch x.dtype {
        case .float32: return convolve(x, weight, bias, g, Float.self)
        case .float64: return convolve(x, weight, bias, g, Double.self)
        default: dezeroFailure("conv2d: needs float32 or float64, got \(x.dtype)")
        }
    }

    private static func convolve<T: ConvScalar>(_ x: NDArray, _ weight: NDArray, _ bias: NDArray?, _ g: ConvGeometry,
                                                _ t: T.Type) -> NDArray {
        let oc = weight.shape[0], k = g.patchSize, plane = g.outPlaneSize
        return x.withUnsafeBufferPointer(as: T.self) { src in
            weight.withUnsafeBufferPointer(as: T.self) { w in
                withOptionalBuffer(bias, T.self) { b in
                    NDArray.make(T.self, shape: [g.batch, oc, g.outHeight, g.outWidth]) { y in
                        guard let yp = y.baseAddress else { return }
                        guard let xp = src.baseAddress, let wp = w.baseAddress, k > 0 else {
                            // No patches (C = 0): the sum over them is empty, only the bias remains.
                            for i in 0..<y.count { y[i] = b?[(i / Swift.max(plane, 1)) % oc] ?? 0 }
                            return
                        }
                        let s = UncheckedSendable((yp, xp, wp, b?.baseAddress))
                        let ranges = imageRanges(g, multiplyAdds: oc * k * plane)
                        forImages(g.batch, ranges: ranges, scratch: k * plane, T.self) { _, images, col, threads in
                            let (yp, xp, wp, bp) = s.value
                            for i in images {
                                imagePatches(xp, image: i, into: col, g)
                                product(m: oc, k: k, l: plane, a: MatrixOperand(base: wp, rowStride: k, colStride: 1),
                                        b: col, ldb: plane, out: yp + i * oc * plane, bias: bp, threads: threads)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The gradient of a convolution's weight, `(OC, C, KH, KW)`, from its input `x` (shape
    /// `g.inputShape`) and the gradient of its output `gy` `(N, OC, OH, OW)` (one float dtype):
    /// `Σₙ gyₙ · colₙᵀ`, each range of images into a partial sum of its own.
    package static func weightGradient(_ x: NDArray, outputGradient gy: NDArray, geometry g: ConvGeometry) -> NDArray {
        switch x.dtype {
        case .float32: return weightGradient(x, gy, g, Float.self)
        case .float64: return weightGradient(x, gy, g, Double.self)
        default: dezeroFailure("conv2dWeightGradient: needs float32 or float64, got \(x.dtype)")
        }
    }

    private static func weightGradient<T: ConvScalar>(_ x: NDArray, _ gy: NDArray, _ g: ConvGeometry, _ t: T.Type) -> NDArray {
        let oc = gy.shape[1], k = g.patchSize, plane = g.outPlaneSize
        let small = SmallProducts.suits(outChannels: oc, patchSize: k)
        let ranges = imageRanges(g, multiplyAdds: oc * k * plane)
        var partials = [T](repeating: 0, count: ranges * oc * k)
        x.withUnsafeBufferPointer(as: T.self) { src in
            gy.withUnsafeBufferPointer(as: T.self) { dy in
                partials.withUnsafeMutableBufferPointer { parts in
                    guard let xp = src.baseAddress, let gp = dy.baseAddress, let pp = parts.baseAddress else { return }
                    let s = UncheckedSendable((xp, gp, pp))
                    // The GEMM writes (does not add), so each image's product goes to a buffer first.
                    let scratch = k * plane + (small ? 0 : oc * k)
                    forImages(g.batch, ranges: ranges, scratch: scratch, T.self) { r, images, col, threads in
                        let (xp, gp, pp) = s.value
                        let sum = pp + r * oc * k, product = col + k * plane
                        for i in images {
                            imagePatches(xp, image: i, into: col, g)
                            let dyi = gp + i * oc * plane
                            if small {
                                SmallProducts.accumulateDots(x: dyi, xRows: oc, xStride: plane, y: col, yRows: k,
                                                             yStride: plane, length: plane, out: sum)
                                continue
                            }
                            // colₙᵀ is read through its strides: the GEMM packs it either way.
                            let (a, b) = (MatrixOperand(base: UnsafePointer(dyi), rowStride: plane, colStride: 1),
                                          MatrixOperand(base: UnsafePointer(col), rowStride: 1, colStride: plane))
                            if let blas = BLASProduct(m: oc, n: k, k: plane, a: a, b: b, ldc: k, threads: threads) {
                                blas.accumulate(a, b, into: sum)
                                continue
                            }
                            BuiltinGEMM.run(m: oc, n: k, k: plane, a: a, b: b, c: product, ldc: k, maxThreads: threads)
                            for j in 0..<(oc * k) { sum[j] += product[j] }
                        }
                    }
                }
            }
        }
        return NDArray.make(T.self, shape: [oc, g.channels, g.kernelHeight, g.kernelWidth]) { out in
            for j in 0..<(oc * k) {
                var sum: T = 0
                for r in 0..<ranges { sum += partials[r * oc * k + j] }
                out[j] = sum
            }
        }
    }

    /// A transposed convolution of `x` `(N, C, H, W)` with `weight` `(C, OC, KH, KW)` and
    /// `bias` `(OC,)` (one float dtype), for the geometry that
    /// ``deconvGeometry(_:_:_:stride:pad:outsize:op:)`` gives: each image's patches
    /// `Wᵀ · xₙ` are summed onto its output. Result `(N, OC, OH, OW)`.
    package static func deconvolve(_ x: NDArray, weight: NDArray, bias: NDArray?, geometry g: ConvGeometry) -> NDArray {
        var y: NDArray
        switch x.dtype {
        case .float32: y = deconvolve(x, weight, g, Float.self)
        case .float64: y = deconvolve(x, weight, g, Double.self)
        default: dezeroFailure("deconv2d: needs float32 or float64, got \(x.dtype)")
        }
        if let bias { Patches.addChannelBias(&y, bias) }
        return y
    }

    private static func deconvolve<T: ConvScalar>(_ x: NDArray, _ weight: NDArray, _ g: ConvGeometry, _ t: T.Type) -> NDArray {
        let c = x.shape[1], k = g.patchSize, plane = g.outPlaneSize
        let layout = ColumnLayout(imageStride: 0, rowStride: plane)  // one image's patches at a time
        return x.withUnsafeBufferPointer(as: T.self) { src in
            weight.withUnsafeBufferPointer(as: T.self) { w in
                NDArray.make(T.self, shape: g.inputShape) { y in
                    guard let yp = y.baseAddress else { return }
                    guard let xp = src.baseAddress, let wp = w.baseAddress, k > 0, c > 0 else {
                        y.update(repeating: 0)
                        return
                    }
                    let s = UncheckedSendable((yp, xp, wp))
                    let ranges = imageRanges(g, multiplyAdds: c * k * plane)
                    forImages(g.batch, ranges: ranges, scratch: k * plane, T.self) { _, images, col, threads in
                        let (yp, xp, wp) = s.value
                        for i in images {
                            // colₙ = Wᵀ · xₙ, W viewed as (C, K): element (r, p) of Wᵀ is W[p·K + r].
                            product(m: k, k: c, l: plane, a: MatrixOperand(base: wp, rowStride: 1, colStride: k),
                                    b: xp + i * c * plane, ldb: plane, out: col, bias: nil, threads: threads)
                            PatchKernels.col2im(col, yp, g, layout, planes: i * g.channels ..< (i + 1) * g.channels,
                                                scratch: true)
                        }
                    }
                }
            }
        }
    }

    // MARK: - Pieces

    /// The patches of image `image` of `x` (NCHW) as a `(C·KH·KW, OH·OW)` matrix in `col`.
    @inline(__always)
    private static func imagePatches<T: ConvScalar>(_ x: UnsafePointer<T>, image: Int, into col: UnsafeMutablePointer<T>,
                                                    _ g: ConvGeometry) {
        PatchKernels.im2col(x, col, g, ColumnLayout(imageStride: 0, rowStride: g.outPlaneSize),
                            planes: image * g.channels ..< (image + 1) * g.channels, zero: 0)
    }

    /// How many ranges the batch's images are split into for products of `multiplyAdds` each.
    private static func imageRanges(_ g: ConvGeometry, multiplyAdds: Int) -> Int {
        PlaneParallel.rangeCount(g.batch, elementsPerPlane: Swift.max(1, multiplyAdds / 4))
    }

    /// Runs `body(r, images, scratch, threads)` for the `ranges` ranges of `0..<count`
    /// images, each with a buffer of `scratch` elements of its own; `threads` is what each
    /// product may use: one when the ranges run in parallel, else the GEMM's choice.
    private static func forImages<T>(_ count: Int, ranges: Int, scratch: Int, _ t: T.Type,
                                     _ body: (Int, Range<Int>, UnsafeMutablePointer<T>, Int?) -> Void) {
        guard count > 0 else { return }
        PlaneParallel.forRanges(count, ranges: ranges) { r, images in
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(scratch, 1))
            defer { buffer.deallocate() }
            body(r, images, buffer, ranges > 1 ? 1 : nil)
        }
    }

    /// `out = A · B + bias` (bias per row) for `A` m×k read through strides, `B` k×l with rows
    /// `ldb` apart and `out` m×l with rows `l` apart: thin weights through ``SmallProducts``,
    /// the rest through the GEMM.
    @inline(__always)
    private static func product<T: ConvScalar>(m: Int, k: Int, l: Int, a: MatrixOperand<T>, b: UnsafePointer<T>, ldb: Int,
                                               out: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, threads: Int?) {
        if SmallProducts.suits(outChannels: m, patchSize: k) {
            SmallProducts.product(m: m, k: k, l: l, a: a.base, aRowStride: a.rowStride, aColStride: a.colStride,
                                  b: b, ldb: ldb, out: out, ldo: l, bias: bias)
            return
        }
        let bm = MatrixOperand(base: b, rowStride: ldb, colStride: 1)
        if let blas = BLASProduct(m: m, n: l, k: k, a: a, b: bm, ldc: l, threads: threads) {
            // The BLAS adds to the bias (or zeros) already in place: with β = 0 it would
            // clear the output in a pass of its own first.
            for i in 0..<m { (out + i * l).update(repeating: bias?[i] ?? 0, count: l) }
            blas.accumulate(a, bm, into: out)
            return
        }
        BuiltinGEMM.run(m: m, n: l, k: k, a: a, b: bm, c: out, ldc: l, maxThreads: threads)
        if let bias {
            for i in 0..<m {
                let row = out + i * l, v = bias[i]
                for j in 0..<l { row[j] += v }
            }
        }
    }
}

/// One product `C += A · B` on the system BLAS, for a product that runs alone (`threads`
/// nil: not in parallel with others, since a BLAS may start threads of its own for each
/// call) when ``MatmulBackend/automatic`` chooses the BLAS and it can read both operands as
/// stored or transposed; otherwise the initializer fails and the built-in kernel serves.
private struct BLASProduct {
    let blas: LoadedBLAS
    let m: Int, n: Int, k: Int, ldc: Int
    let transA: Int32, lda: Int, transB: Int32, ldb: Int

    init?<T>(m: Int, n: Int, k: Int, a: MatrixOperand<T>, b: MatrixOperand<T>, ldc: Int, threads: Int?) {
        guard threads == nil, MatmulBackend.automaticChoice == .systemBLAS, let blas = SystemBLAS.loaded,
              Swift.max(m, n, k, ldc) <= Int(Int32.max),
              let la = blasLayout(rows: m, cols: k, rowStride: a.rowStride, colStride: a.colStride),
              let lb = blasLayout(rows: k, cols: n, rowStride: b.rowStride, colStride: b.colStride) else { return nil }
        (self.blas, self.m, self.n, self.k, self.ldc) = (blas, m, n, k, ldc)
        (transA, lda, transB, ldb) = (la.trans, la.ld, lb.trans, lb.ld)
    }

    /// `C += A · B` (β = 1, which the BLAS runs without a pass over C of its own).
    func accumulate<T: GEMMScalar>(_ a: MatrixOperand<T>, _ b: MatrixOperand<T>, into c: UnsafeMutablePointer<T>) {
        T.blasGEMM(blas, transA: transA, transB: transB, m: m, n: n, k: k, a: a.base, lda: lda, b: b.base, ldb: ldb,
                   beta: 1, c: c, ldc: ldc)
    }
}

/// Calls `body` with the elements of `array` as a buffer of `T`, or with `nil` for no array.
func withOptionalBuffer<T: NDScalar, R>(_ array: NDArray?, _ t: T.Type, _ body: (UnsafeBufferPointer<T>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer(as: T.self) { body($0) }
}
