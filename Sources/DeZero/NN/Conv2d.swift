/// A 2-d convolution layer, `y = conv2d(x, W, b)` (DeZero's `L.Conv2d`).
///
/// `W` has shape `(outChannels, inChannels, KH, KW)` and starts as normal(0, 1) ·
/// √(1 / (inChannels·KH·KW)), as in DeZero; `b` has shape `(outChannels,)` and starts at zero.
/// Leave `inChannels` out and the layer takes it from the second dimension of the first
/// input, creating `W` then. The random numbers come from the ``RandomSource`` current when
/// the layer was made (``withRandomSource(_:_:)``), or from the library-wide generator.
///
/// ```swift
/// let conv = Conv2d(outChannels: 16, kernelSize: 3, pad: 1)
/// let y = conv(Variable(NDArray.zeros([8, 1, 28, 28], dtype: .float32)))
/// y.shape            // [8, 16, 28, 28]
/// conv.W.shape       // [16, 1, 3, 3]
/// ```
///
/// Until it is created, `W` holds an empty array (DeZero's `Parameter(None)`); assigning
/// `W.data` before the first forward (as loading weights does) creates it with that shape.
public final class Conv2d: Layer {
    /// Output channels (OC).
    public var outChannels: Int { core.outChannels }
    /// Window height and width.
    public var kernelSize: (Int, Int) { core.kernelSize }
    /// Vertical and horizontal step.
    public var stride: (Int, Int) { core.stride }
    /// Zeros added above and below, left and right.
    public var pad: (Int, Int) { core.pad }
    /// Element type of the weights.
    public var dtype: DType { core.dtype }
    /// The filters, `(outChannels, inChannels, KH, KW)` once created.
    public let W: Parameter
    /// The bias, `(outChannels,)`; `nil` with `nobias`.
    public let b: Parameter?
    /// The settings, `W` and `b`, made and checked as ``Deconv2d``'s are.
    private let core: ConvolutionLayerCore

    /// - Parameters:
    ///   - outChannels: filters, the channels of the output.
    ///   - kernelSize: window size (square).
    ///   - stride: step between windows, both axes.
    ///   - pad: zeros added on each side, both axes.
    ///   - nobias: leave out the bias.
    ///   - dtype: `.float32` or `.float64`.
    ///   - inChannels: input channels; `nil` to take them from the first input.
    public convenience init(outChannels: Int, kernelSize: Int, stride: Int = 1, pad: Int = 0, nobias: Bool = false,
                            dtype: DType = .float32, inChannels: Int? = nil) {
        self.init(outChannels: outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  pad: (pad, pad), nobias: nobias, dtype: dtype, inChannels: inChannels)
    }

    /// A convolution layer with separate heights and widths for the window, stride and pad.
    ///
    /// ```swift
    /// let conv = Conv2d(outChannels: 8, kernelSize: (1, 5), pad: (0, 2))
    /// ```
    public init(outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0),
                nobias: Bool = false, dtype: DType = .float32, inChannels: Int? = nil) {
        core = ConvolutionLayerCore("Conv2d", inputAxis: 1, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                                    pad: pad, nobias: nobias, dtype: dtype, inChannels: inChannels)
        W = core.weight.parameter
        b = core.bias
        super.init()
    }

    /// Input channels: `nil` until `W` is created.
    public var inChannels: Int? { core.inChannels }

    /// `conv2d(x, W, b)`, creating `W` from the channels of `x` (axis 1) at the first call.
    public override func forward(_ x: Variable) -> Variable {
        core.prepare(x)
        return conv2d(x, W, b, stride: stride, pad: pad)
    }
}
