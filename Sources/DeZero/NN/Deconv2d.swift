/// A 2-d transposed-convolution layer, `y = deconv2d(x, W, b)` (DeZero's `L.Deconv2d`): it
/// enlarges images, e.g. a decoder's 7×7 maps to 14×14 with kernel 4, stride 2, pad 1.
///
/// `W` has shape `(inChannels, outChannels, KH, KW)` and starts as normal(0, 1) ·
/// √(1 / (inChannels·KH·KW)), as in DeZero; `b` has shape `(outChannels,)` and starts at
/// zero. Leave `inChannels` out and the layer takes it from the first input, creating `W` then
/// (until then `W` holds an empty array, as ``Conv2d``'s does).
///
/// ```swift
/// let up = Deconv2d(outChannels: 1, kernelSize: 4, stride: 2, pad: 1)
/// let y = up(Variable(NDArray.zeros([8, 32, 7, 7], dtype: .float32)))
/// y.shape            // [8, 1, 14, 14]
/// up.W.shape         // [32, 1, 4, 4]
/// ```
///
/// The output size is given as `outSize`, in the style of ``Linear``'s `outSize`; the free
/// function keeps DeZero's spelling, `deconv2d(…, outsize:)` (docs/ARCHITECTURE.md, "Names").
public final class Deconv2d: Layer {
    /// Output channels (OC).
    public var outChannels: Int { core.outChannels }
    /// Window height and width.
    public var kernelSize: (Int, Int) { core.kernelSize }
    /// Vertical and horizontal step.
    public var stride: (Int, Int) { core.stride }
    /// Padding removed from each side of the output.
    public var pad: (Int, Int) { core.pad }
    /// Output height and width, when set (else `stride·(H − 1) + KH − 2·pad`).
    public let outSize: (Int, Int)?
    /// Element type of the weights.
    public var dtype: DType { core.dtype }
    /// The filters, `(inChannels, outChannels, KH, KW)` once created.
    public let W: Parameter
    /// The bias, `(outChannels,)`; `nil` with `nobias`.
    public let b: Parameter?
    /// The settings, `W` and `b`, made and checked as ``Conv2d``'s are.
    private let core: ConvolutionLayerCore

    /// - Parameters:
    ///   - outChannels: channels of the output.
    ///   - kernelSize: window size (square).
    ///   - stride: step between windows, both axes.
    ///   - pad: padding removed from each side, both axes.
    ///   - nobias: leave out the bias.
    ///   - dtype: `.float32` or `.float64`.
    ///   - inChannels: input channels; `nil` to take them from the first input.
    ///   - outSize: output height and width, when the default formula is not wanted.
    public convenience init(outChannels: Int, kernelSize: Int, stride: Int = 1, pad: Int = 0, nobias: Bool = false,
                            dtype: DType = .float32, inChannels: Int? = nil, outSize: (Int, Int)? = nil) {
        self.init(outChannels: outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  pad: (pad, pad), nobias: nobias, dtype: dtype, inChannels: inChannels, outSize: outSize)
    }

    /// A transposed-convolution layer with separate heights and widths for the window,
    /// stride and pad.
    ///
    /// ```swift
    /// let up = Deconv2d(outChannels: 3, kernelSize: (4, 2), stride: (2, 1), outSize: (16, 9))
    /// ```
    public init(outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0),
                nobias: Bool = false, dtype: DType = .float32, inChannels: Int? = nil, outSize: (Int, Int)? = nil) {
        core = ConvolutionLayerCore("Deconv2d", inputAxis: 0, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                                    pad: pad, nobias: nobias, dtype: dtype, inChannels: inChannels)
        self.outSize = outSize
        W = core.weight.parameter
        b = core.bias
        super.init()
    }

    /// Input channels: `nil` until `W` is created.
    public var inChannels: Int? { core.inChannels }

    /// `deconv2d(x, W, b)`, creating `W` from the channels of `x` (axis 1) at the first call.
    public override func forward(_ x: Variable) -> Variable {
        core.prepare(x)
        return deconv2d(x, W, b, stride: stride, pad: pad, outsize: outSize)
    }
}

// The layer's first spelling, DeZero's `outsize`, kept for existing code.
extension Deconv2d {
    /// Output height and width, when set.
    @available(*, deprecated, renamed: "outSize")
    public var outsize: (Int, Int)? { outSize }

    /// A transposed-convolution layer with a square window.
    @available(*, deprecated, renamed: "init(outChannels:kernelSize:stride:pad:nobias:dtype:inChannels:outSize:)")
    public convenience init(outChannels: Int, kernelSize: Int, stride: Int = 1, pad: Int = 0, nobias: Bool = false,
                            dtype: DType = .float32, inChannels: Int? = nil, outsize: (Int, Int)?) {
        self.init(outChannels: outChannels, kernelSize: kernelSize, stride: stride, pad: pad, nobias: nobias,
                  dtype: dtype, inChannels: inChannels, outSize: outsize)
    }

    /// A transposed-convolution layer with separate heights and widths for the window, stride and pad.
    @available(*, deprecated, renamed: "init(outChannels:kernelSize:stride:pad:nobias:dtype:inChannels:outSize:)")
    public convenience init(outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0),
                            nobias: Bool = false, dtype: DType = .float32, inChannels: Int? = nil, outsize: (Int, Int)?) {
        self.init(outChannels: outChannels, kernelSize: kernelSize, stride: stride, pad: pad, nobias: nobias,
                  dtype: dtype, inChannels: inChannels, outSize: outsize)
    }
}
