// Convolution steps for thin weight matrices (see SmallProducts): image by image, straight
// into NCHW output, with no transposing copies and no GEMM packing.

extension ConvolutionKernels {
    /// ``convolve(columns:weight:bias:geometry:)`` for a small weight: `y[n] = W · col_n + b`.
    static func smallConvolve(columns: NDArray, weight: NDArray, bias: NDArray?, geometry g: ConvGeometry) -> NDArray {
        switch columns.dtype {
        case .float32: return smallConvolve(columns, weight, bias, g, Float.self)
        case .float64: return smallConvolve(columns, weight, bias, g, Double.self)
        default: dezeroFailure("conv2d: needs float32 or float64, got \(columns.dtype)")
        }
    }

    private static func smallConvolve<T: NDFloat & SIMDScalar>(_ columns: NDArray, _ weight: NDArray, _ bias: NDArray?,
                                                               _ g: ConvGeometry, _ t: T.Type) -> NDArray {
        let oc = weight.shape[0], k = g.patchSize, plane = g.outPlaneSize, n = g.batch
        return columns.withUnsafeBufferPointer(as: T.self) { col in
            weight.withUnsafeBufferPointer(as: T.self) { w in
                withOptionalBuffer(bias, T.self) { b in
                    NDArray.make(T.self, shape: [n, oc, g.outHeight, g.outWidth]) { y in
                        guard let yp = y.baseAddress, let cp = col.baseAddress, let wp = w.baseAddress else {
                            y.update(repeating: 0)  // no patches (C = 0): only the bias would remain
                            if let b = b?.baseAddress { for i in 0..<y.count { y[i] = b[(i / Swift.max(plane, 1)) % oc] } }
                            return
                        }
                        let s = UncheckedSendable((yp, cp, wp, b?.baseAddress))
                        PlaneParallel.forPlanes(n, elementsPerPlane: oc * plane * Swift.max(1, k / 4)) { images in
                            let (yp, cp, wp, bp) = s.value
                            for i in images {
                                SmallProducts.product(m: oc, k: k, l: plane, a: wp, aRowStride: k, aColStride: 1,
                                                      b: cp + i * plane, ldb: n * plane, out: yp + i * oc * plane, ldo: plane,
                                                      bias: bp)
                            }
                        }
                    }
                }
            }
        }
    }

    /// ``weightGradient(columns:outputGradient:geometry:)`` for a small weight: a dot
    /// product of every output-gradient row with every patch row, image by image, each
    /// range of images into its own partial sum.
    static func smallWeightGradient(columns: NDArray, outputGradient gy: NDArray, geometry g: ConvGeometry) -> NDArray {
        switch columns.dtype {
        case .float32: return smallWeightGradient(columns, gy, g, Float.self)
        case .float64: return smallWeightGradient(columns, gy, g, Double.self)
        default: dezeroFailure("conv2d: needs float32 or float64, got \(columns.dtype)")
        }
    }

    private static func smallWeightGradient<T: NDFloat & SIMDScalar>(_ columns: NDArray, _ gy: NDArray, _ g: ConvGeometry,
                                                                     _ t: T.Type) -> NDArray {
        let oc = gy.shape[1], k = g.patchSize, plane = g.outPlaneSize, n = g.batch
        let ranges = PlaneParallel.rangeCount(n, elementsPerPlane: oc * plane * Swift.max(1, k / 4))
        var partials = [T](repeating: 0, count: ranges * oc * k)
        columns.withUnsafeBufferPointer(as: T.self) { col in
            gy.withUnsafeBufferPointer(as: T.self) { dy in
                partials.withUnsafeMutableBufferPointer { parts in
                    guard let cp = col.baseAddress, let gp = dy.baseAddress, let pp = parts.baseAddress else { return }
                    let s = UncheckedSendable((cp, gp, pp))
                    PlaneParallel.forRanges(n, ranges: ranges) { r, images in
                        let (cp, gp, pp) = s.value
                        for i in images {
                            SmallProducts.accumulateDots(x: gp + i * oc * plane, xRows: oc, xStride: plane,
                                                         y: cp + i * plane, yRows: k, yStride: n * plane,
                                                         length: plane, out: pp + r * oc * k)
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

    /// ``deconvolve(_:weight:bias:geometry:)`` for a small weight: each image's patches are
    /// built in a buffer that stays in cache and summed into the image at once.
    static func smallDeconvolve(_ x: NDArray, weight: NDArray, geometry g: ConvGeometry) -> NDArray {
        switch x.dtype {
        case .float32: return smallDeconvolve(x, weight, g, Float.self)
        case .float64: return smallDeconvolve(x, weight, g, Double.self)
        default: dezeroFailure("deconv2d: needs float32 or float64, got \(x.dtype)")
        }
    }

    private static func smallDeconvolve<T: NDFloat & SIMDScalar>(_ x: NDArray, _ weight: NDArray, _ g: ConvGeometry,
                                                                 _ t: T.Type) -> NDArray {
        let c = x.shape[1], k = g.patchSize, plane = g.outPlaneSize, n = g.batch
        let layout = ColumnLayout(imageStride: 0, rowStride: plane)  // one image's patches at a time
        return x.withUnsafeBufferPointer(as: T.self) { src in
            weight.withUnsafeBufferPointer(as: T.self) { w in
                NDArray.make(T.self, shape: g.inputShape) { y in
                    guard let yp = y.baseAddress else { return }
                    guard let xp = src.baseAddress, let wp = w.baseAddress, k > 0 else {
                        y.update(repeating: 0)
                        return
                    }
                    let s = UncheckedSendable((yp, xp, wp))
                    PlaneParallel.forPlanes(n, elementsPerPlane: k * plane * Swift.max(1, c / 4)) { images in
                        let (yp, xp, wp) = s.value
                        let buffer = UnsafeMutablePointer<T>.allocate(capacity: k * plane)
                        defer { buffer.deallocate() }
                        for i in images {
                            // col_i = Wᵀ · x_i, W viewed as (C, K): element (r, p) of Wᵀ is W[p·K + r].
                            SmallProducts.product(m: k, k: c, l: plane, a: wp, aRowStride: 1, aColStride: k,
                                                  b: xp + i * c * plane, ldb: plane, out: buffer, ldo: plane, bias: nil)
                            PatchKernels.col2im(buffer, yp, g, layout, planes: i * g.channels ..< (i + 1) * g.channels, scratch: true)
                        }
                    }
                }
            }
        }
    }
}

/// Calls `body` with the elements of `array` as a buffer of `T`, or with `nil` for no array.
func withOptionalBuffer<T: NDScalar, R>(_ array: NDArray?, _ t: T.Type, _ body: (UnsafeBufferPointer<T>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer(as: T.self) { body($0) }
}
