// Convolution on arrays as matrix products over patches (im2col), so the arithmetic runs in
// a GEMM: image by image (see ImageConvolution.swift), each image's patches built in a buffer
// that stays in cache and multiplied straight into NCHW output.

/// The steps of a 2-d convolution: the forward product, the weight gradient and the
/// transposed convolution (the input gradient), each from plain arrays.
///
/// Products run on the GEMM, except for thin weights of at most 512 elements (a first layer
/// on grey or RGB images with few filters), which run through vectorized loops: there a GEMM
/// spends its time packing tiles it mostly leaves empty (measured on W3's first layer:
/// weight gradient 3.3 ms → 0.7 ms).
///
/// ```swift
/// let g = ConvolutionKernels.convGeometry(x.shape, w.shape, nil, stride: (1, 1), pad: (1, 1))
/// let y = ConvolutionKernels.convolve(x, weight: w, bias: nil, geometry: g)
/// let gw = ConvolutionKernels.weightGradient(x, outputGradient: gy, geometry: g)
/// ```
package enum ConvolutionKernels {
    /// Checks the shapes of a convolution's input `x`, weight `w` and bias `b`; returns the
    /// geometry. Stops with a message naming `op` and the shapes when they do not fit.
    package static func convGeometry(_ x: [Int], _ w: [Int], _ b: [Int]?, stride: (Int, Int), pad: (Int, Int),
                                    op: String = "conv2d") -> ConvGeometry {
        dezeroCheck(w.count == 4, "\(op): W must be 4-d (OC, C, KH, KW), got shape \(shapeDescription(w))")
        let g = ConvGeometry(op: op, inputShape: x, kernelSize: (w[2], w[3]), stride: stride, pad: pad)
        dezeroCheck(g.channels == w[1],
                    "\(op): input of shape \(shapeDescription(x)) has \(g.channels) channels, but W of shape \(shapeDescription(w)) expects \(w[1])")
        if let b {
            dezeroCheck(b == [w[0]], "\(op): b of shape \(shapeDescription(b)) does not match the \(w[0]) output channels of W of shape \(shapeDescription(w))")
        }
        return g
    }

    /// Checks the shapes of a transposed convolution of `x` with weight `w` `(C, OC, KH, KW)`
    /// and bias `b`; returns the geometry of the convolution it transposes, whose input is the
    /// deconvolution's output image `(N, OC, OH, OW)`. `OH` is `stride·(H − 1) + KH − 2·pad`
    /// unless `outsize` gives it. Stops with a message when the shapes do not fit or `outsize`
    /// does not convolve back to the input size.
    package static func deconvGeometry(_ x: [Int], _ w: [Int], _ b: [Int]?, stride: (Int, Int), pad: (Int, Int),
                                      outsize: (Int, Int)?, op: String = "deconv2d") -> ConvGeometry {
        dezeroCheck(x.count == 4, "\(op): input must be 4-d (N, C, H, W), got shape \(shapeDescription(x))")
        dezeroCheck(w.count == 4, "\(op): W must be 4-d (C, OC, KH, KW), got shape \(shapeDescription(w))")
        dezeroCheck(x[1] == w[0],
                    "\(op): input of shape \(shapeDescription(x)) has \(x[1]) channels, but W of shape \(shapeDescription(w)) expects \(w[0])")
        if let b {
            dezeroCheck(b == [w[1]], "\(op): b of shape \(shapeDescription(b)) does not match the \(w[1]) output channels of W of shape \(shapeDescription(w))")
        }
        dezeroCheck(stride.0 >= 1 && stride.1 >= 1, "\(op): stride must be positive, got \(pairDescription(stride))")
        let out = outsize ?? (deconvOutputSize(x[2], kernel: w[2], stride: stride.0, pad: pad.0),
                              deconvOutputSize(x[3], kernel: w[3], stride: stride.1, pad: pad.1))
        dezeroCheck(out.0 >= 1 && out.1 >= 1,
                    "\(op): output size \(pairDescription(out)) is not positive for input of shape \(shapeDescription(x)), W of shape \(shapeDescription(w)), stride \(pairDescription(stride)), pad \(pairDescription(pad))")
        let g = ConvGeometry(op: op, inputShape: [x[0], w[1], out.0, out.1], kernelSize: (w[2], w[3]), stride: stride, pad: pad)
        dezeroCheck(g.outHeight == x[2] && g.outWidth == x[3],
                    "\(op): outsize \(pairDescription(out)) does not match input of shape \(shapeDescription(x)): a convolution with kernel \(pairDescription((w[2], w[3]))), stride \(pairDescription(stride)), pad \(pairDescription(pad)) maps it to \(pairDescription((g.outHeight, g.outWidth)))")
        return g
    }

    /// The float dtype convolution operands compute in: float32 with float64 gives float64;
    /// integer operands compute in float64.
    package static func computeType(_ dtypes: DType...) -> DType {
        dtypes.dropFirst().reduce(dtypes.first ?? .float64) { DType.promote($0, $1) }.floatResult
    }
}

/// 2-d convolution (cross-correlation, as in DeZero and every deep-learning library) of a
/// batch of images with a bank of filters.
///
/// `x` is `(N, C, H, W)`, `W` is `(OC, C, KH, KW)`, `b` is `(OC,)`; the result is
/// `(N, OC, OH, OW)` with `OH = (H + 2·pad − KH) / stride + 1`.
///
/// ```swift
/// let x = NDArray.ones([1, 1, 3, 3], dtype: .float32)
/// let w = NDArray.ones([1, 1, 2, 2], dtype: .float32)
/// conv2d(x, w)            // (1, 1, 2, 2), every element 4
/// ```
///
/// - Note: Stops with a message when the shapes do not fit together.
public func conv2d(_ x: NDArray, _ W: NDArray, _ b: NDArray? = nil, stride: (Int, Int) = (1, 1),
                   pad: (Int, Int) = (0, 0)) -> NDArray {
    let g = ConvolutionKernels.convGeometry(x.shape, W.shape, b?.shape, stride: stride, pad: pad)
    let dtype = ConvolutionKernels.computeType(x.dtype, W.dtype, b?.dtype ?? W.dtype)
    return ConvolutionKernels.convolve(x.astype(dtype), weight: W.astype(dtype), bias: b?.astype(dtype), geometry: g)
}

/// The gradient of `conv2d(x, W)`'s weight `W` (of kernel `kernelSize`) given the gradient
/// `gy` of its output (DeZero's `Conv2DGradW`): shape `(OC, C, KH, KW)`.
///
/// ```swift
/// let gw = conv2dWeightGradient(x, gy, kernelSize: (3, 3), stride: (1, 1), pad: (1, 1))
/// ```
///
/// - Note: Stops with a message when `gy` is not the shape of the convolution's output.
public func conv2dWeightGradient(_ x: NDArray, _ gy: NDArray, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                                 pad: (Int, Int) = (0, 0)) -> NDArray {
    let g = ConvGeometry(op: "conv2dWeightGradient", inputShape: x.shape, kernelSize: kernelSize, stride: stride, pad: pad)
    dezeroCheck(gy.ndim == 4 && gy.shape == [g.batch, gy.shape[1], g.outHeight, g.outWidth],
                "conv2dWeightGradient: output gradient of shape \(shapeDescription(gy.shape)) does not match input of shape \(shapeDescription(x.shape)) with kernel \(pairDescription(kernelSize)), stride \(pairDescription(stride)), pad \(pairDescription(pad))")
    let dtype = ConvolutionKernels.computeType(x.dtype, gy.dtype)
    return ConvolutionKernels.weightGradient(x.astype(dtype), outputGradient: gy.astype(dtype), geometry: g)
}

/// 2-d transposed convolution ("deconvolution"), the adjoint of ``conv2d(_:_:_:stride:pad:)``
/// in its input: each input pixel scatters the filters onto a larger image.
///
/// `x` is `(N, C, H, W)`, `W` is `(C, OC, KH, KW)`, `b` is `(OC,)`; the result is
/// `(N, OC, OH, OW)` with `OH = stride·(H − 1) + KH − 2·pad` unless `outsize` gives it (any
/// size whose convolution with these settings comes back to `H`, since stride rounds down).
///
/// ```swift
/// let x = NDArray.ones([1, 1, 2, 2], dtype: .float32)
/// let w = NDArray.ones([1, 1, 2, 2], dtype: .float32)
/// deconv2d(x, w)       // (1, 1, 3, 3): [[1, 2, 1], [2, 4, 2], [1, 2, 1]]
/// ```
///
/// - Note: Stops with a message when the shapes do not fit together or `outsize` does not
///   convolve back to the input size.
public func deconv2d(_ x: NDArray, _ W: NDArray, _ b: NDArray? = nil, stride: (Int, Int) = (1, 1),
                     pad: (Int, Int) = (0, 0), outsize: (Int, Int)? = nil) -> NDArray {
    let g = ConvolutionKernels.deconvGeometry(x.shape, W.shape, b?.shape, stride: stride, pad: pad, outsize: outsize)
    let dtype = ConvolutionKernels.computeType(x.dtype, W.dtype, b?.dtype ?? W.dtype)
    return ConvolutionKernels.deconvolve(x.astype(dtype), weight: W.astype(dtype), bias: b?.astype(dtype), geometry: g)
}
