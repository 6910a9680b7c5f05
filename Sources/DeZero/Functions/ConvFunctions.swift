// Convolution functions of the book's Stage 5 (DeZero's functions_conv.py): conv2d, its
// transpose deconv2d, and the weight gradient Conv2dGradW. The function classes are
// Convolution2d and Deconvolution2d, because the short names Conv2d and Deconv2d are the
// layers'. The backward of each is written with the others, as in DeZero, so gradients of
// gradients work:
//   conv2d:   gx = deconv2d(gy, W),  gW = Conv2dGradW(x, gy),  gb = Σ gy
//   deconv2d: gx = conv2d(gy, W),    gW = Conv2dGradW(gy, x),  gb = Σ gy
//   Conv2dGradW(x, gy): gx = deconv2d(gy, ggW), ggy = conv2d(x, ggW)
// The arithmetic is GEMM products over im2col patches, image by image (see DeZeroArray's
// ConvolutionKernels).

/// What the convolution functions share: stride and padding, as (height, width).
public class StridedConvolution: Function {
    /// The step between windows, vertically and horizontally.
    public let stride: (Int, Int)
    /// Zeros added on each side, vertically and horizontally.
    public let pad: (Int, Int)

    init(stride: (Int, Int), pad: (Int, Int)) {
        self.stride = stride
        self.pad = pad
    }

    /// The gradients of `x`, `W` and, when there is one, `b`, from those of `x` and `W`
    /// (each nil when its input needs none, ``Function/needsGradient(ofInput:)``).
    func gradients(_ gx: Variable?, _ gW: Variable?, bias gy: Variable) -> [Variable?] {
        guard inputs.count > 2 else { return [gx, gW] }
        return [gx, gW, needsGradient(ofInput: 2) ? gy.sum(axes: [0, 2, 3]) : nil]
    }
}

/// 2-d convolution `y = W ⋆ x + b` (DeZero's `Conv2d` function; the layer is ``Conv2d``).
/// Inputs `x` `(N, C, H, W)`, `W` `(OC, C, KH, KW)` and optionally `b` `(OC,)`.
///
/// It keeps no im2col patches between the passes: the weight gradient builds them again,
/// image by image in cache, which costs less than writing and reading back the batch's.
public final class Convolution2d: StridedConvolution {
    /// A convolution with the given stride and padding.
    public override init(stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0)) { super.init(stride: stride, pad: pad) }

    public override func forward(_ xs: [NDArray]) -> [NDArray] {
        let (x, W, b) = (xs[0], xs[1], xs.count > 2 ? xs[2] : nil)
        let g = ConvolutionKernels.convGeometry(x.shape, W.shape, b?.shape, stride: stride, pad: pad)
        let dtype = ConvolutionKernels.computeType(x.dtype, W.dtype, b?.dtype ?? W.dtype)
        return [ConvolutionKernels.convolve(x.astype(dtype), weight: W.astype(dtype), bias: b?.astype(dtype), geometry: g)]
    }

    public override func backward(_ gys: [Variable]) -> [Variable?] {
        let (gy, x, W) = (gys[0], input0, input1)
        // A data image (the first layer's input batch) gets no gradient: skip its deconvolution.
        let gx = needsGradient(ofInput: 0)
            ? deconv2d(gy, W, nil, stride: stride, pad: pad, outsize: (x.shape[2], x.shape[3])) : nil
        let gW = needsGradient(ofInput: 1)
            ? Conv2dGradW(kernelSize: (W.shape[2], W.shape[3]), stride: stride, pad: pad)(x, gy) : nil
        return gradients(gx, gW, bias: gy)
    }
}

/// 2-d transposed convolution (DeZero's `Deconv2d` function; the layer is ``Deconv2d``).
/// Inputs `x` `(N, C, H, W)`, `W` `(C, OC, KH, KW)` and optionally `b` `(OC,)`.
public final class Deconvolution2d: StridedConvolution {
    /// The output's height and width, when given (else the smallest that fits).
    public let outsize: (Int, Int)?

    /// A transposed convolution with the given stride, padding and output size.
    public init(stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0), outsize: (Int, Int)? = nil) {
        self.outsize = outsize
        super.init(stride: stride, pad: pad)
    }

    public override func forward(_ xs: [NDArray]) -> [NDArray] {
        let (x, W, b) = (xs[0], xs[1], xs.count > 2 ? xs[2] : nil)
        let g = ConvolutionKernels.deconvGeometry(x.shape, W.shape, b?.shape, stride: stride, pad: pad, outsize: outsize)
        let dtype = ConvolutionKernels.computeType(x.dtype, W.dtype, b?.dtype ?? W.dtype)
        return [ConvolutionKernels.deconvolve(x.astype(dtype), weight: W.astype(dtype), bias: b?.astype(dtype), geometry: g)]
    }

    public override func backward(_ gys: [Variable]) -> [Variable?] {
        let (gy, x, W) = (gys[0], input0, input1)
        let gx = needsGradient(ofInput: 0) ? conv2d(gy, W, nil, stride: stride, pad: pad) : nil
        let gW = needsGradient(ofInput: 1)
            ? Conv2dGradW(kernelSize: (W.shape[2], W.shape[3]), stride: stride, pad: pad)(gy, x) : nil
        return gradients(gx, gW, bias: gy)
    }
}

/// The old name of ``Convolution2d``.
@available(*, deprecated, renamed: "Convolution2d")
public typealias Conv2dFunction = Convolution2d

/// The old name of ``Deconvolution2d``.
@available(*, deprecated, renamed: "Deconvolution2d")
public typealias Deconv2dFunction = Deconvolution2d

/// The weight gradient of a convolution as a function of its input `x` and output gradient
/// `gy` (DeZero's `Conv2DGradW`), so that it can be differentiated again.
public final class Conv2dGradW: BinaryFunction {
    /// The kernel's height and width.
    public let kernelSize: (Int, Int)
    /// The convolution's stride, vertically and horizontally.
    public let stride: (Int, Int)
    /// The convolution's padding, vertically and horizontally.
    public let pad: (Int, Int)

    /// The weight gradient of a convolution with these parameters.
    public init(kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int)) {
        self.kernelSize = kernelSize
        self.stride = stride
        self.pad = pad
    }

    public override func forward(_ x: NDArray, _ gy: NDArray) -> NDArray {
        DeZeroArray.conv2dWeightGradient(x, gy, kernelSize: kernelSize, stride: stride, pad: pad)
    }

    public override func backward(_ ggW: Variable) -> (Variable?, Variable?) {
        let (x, gy) = (input0, input1)
        let gx = needsGradient(ofInput: 0)
            ? deconv2d(gy, ggW, nil, stride: stride, pad: pad, outsize: (x.shape[2], x.shape[3])) : nil
        let ggy = needsGradient(ofInput: 1) ? conv2d(x, ggW, nil, stride: stride, pad: pad) : nil
        return (gx, ggy)
    }
}

// MARK: - Public entry points

/// 2-d convolution of a batch of images with a bank of filters (DeZero's `F.conv2d`):
/// `x` `(N, C, H, W)`, `W` `(OC, C, KH, KW)`, optional bias `b` `(OC,)`; the result is
/// `(N, OC, OH, OW)` with `OH = (H + 2·pad − KH) / stride + 1`.
///
/// ```swift
/// let x = Variable(NDArray.ones([1, 1, 5, 5], dtype: .float32))
/// let W = Variable(NDArray.ones([2, 1, 3, 3], dtype: .float32))
/// let y = conv2d(x, W, nil, stride: 1, pad: 1)     // (1, 2, 5, 5)
/// ```
///
/// - Note: Stops with a message naming the shapes when they do not fit together.
public func conv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Int = 1, pad: Int = 0) -> Variable {
    conv2d(x, W, b, stride: (stride, stride), pad: (pad, pad))
}

/// ``conv2d(_:_:_:stride:pad:)-(Variable,Variable,Variable?,Int,Int)`` with separate
/// vertical and horizontal stride and padding.
///
/// ```swift
/// let y = conv2d(x, W, b, stride: (2, 1), pad: (1, 0))
/// ```
public func conv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: (Int, Int), pad: (Int, Int) = (0, 0)) -> Variable {
    Convolution2d(stride: stride, pad: pad)(b.map { [x, W, $0] } ?? [x, W])[0]
}

/// ``conv2d(_:_:_:stride:pad:)-(Variable,Variable,Variable?,Int,Int)`` with one stride
/// for both axes and separate vertical and horizontal padding.
public func conv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Int = 1, pad: (Int, Int)) -> Variable {
    conv2d(x, W, b, stride: (stride, stride), pad: pad)
}

/// 2-d transposed convolution (DeZero's `F.deconv2d`): `x` `(N, C, H, W)`, `W`
/// `(C, OC, KH, KW)`, optional bias `b` `(OC,)`; the result is `(N, OC, OH, OW)` with
/// `OH = stride·(H − 1) + KH − 2·pad`, or `outsize` when given (it must convolve back to `H`).
///
/// ```swift
/// let x = Variable(NDArray.ones([1, 4, 7, 7], dtype: .float32))
/// let W = Variable(NDArray.ones([4, 1, 4, 4], dtype: .float32))
/// let y = deconv2d(x, W, nil, stride: 2, pad: 1)      // (1, 1, 14, 14)
/// ```
///
/// - Note: Stops with a message naming the shapes when they do not fit together.
public func deconv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Int = 1, pad: Int = 0,
                     outsize: (Int, Int)? = nil) -> Variable {
    deconv2d(x, W, b, stride: (stride, stride), pad: (pad, pad), outsize: outsize)
}

/// ``deconv2d(_:_:_:stride:pad:outsize:)-(Variable,Variable,Variable?,Int,Int,_)`` with
/// separate vertical and horizontal stride and padding.
public func deconv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: (Int, Int), pad: (Int, Int) = (0, 0),
                     outsize: (Int, Int)? = nil) -> Variable {
    Deconvolution2d(stride: stride, pad: pad, outsize: outsize)(b.map { [x, W, $0] } ?? [x, W])[0]
}

/// ``deconv2d(_:_:_:stride:pad:outsize:)-(Variable,Variable,Variable?,Int,Int,_)`` with one
/// stride for both axes and separate vertical and horizontal padding.
public func deconv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Int = 1, pad: (Int, Int),
                     outsize: (Int, Int)? = nil) -> Variable {
    deconv2d(x, W, b, stride: (stride, stride), pad: pad, outsize: outsize)
}
