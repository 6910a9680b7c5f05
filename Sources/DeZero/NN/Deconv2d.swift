/// A 2-d transposed-convolution layer, `y = deconv2d(x, W, b)` (DeZero's `L.Deconv2d`): it
/// enlarges images, e.g. a decoder's 7×7 maps to 14×14 with kernel 4, stride 2, pad 1.
///
/// `W` has shape `(inChannels, outChannels, KH, KW)` and starts as normal(0, 1) ·
/// √(1 / (inChannels·KH·KW)), as in DeZero; `b` has shape `(outChannels,)` and starts at
/// zero. Leave `inChannels` out and the layer takes it from the first input.
///
/// ```swift
/// let up = Deconv2d(outChannels: 1, kernelSize: 4, stride: 2, pad: 1)
/// let y = up(Variable(NDArray.zeros([8, 32, 7, 7], dtype: .float32)))
/// y.shape            // [8, 1, 14, 14]
/// up.W.shape         // [32, 1, 4, 4]
/// ```
public final class Deconv2d: Layer {
    /// Output channels (OC).
    public let outChannels: Int
    /// Window height and width.
    public let kernelSize: (Int, Int)
    /// Vertical and horizontal step.
    public let stride: (Int, Int)
    /// Padding removed from each side of the output.
    public let pad: (Int, Int)
    /// Output height and width, when set (else `stride·(H − 1) + KH − 2·pad`).
    public let outsize: (Int, Int)?
    /// Element type of the weights.
    public let dtype: DType
    /// The filters, `(inChannels, outChannels, KH, KW)` once created.
    public let W: Parameter
    /// The bias, `(outChannels,)`; `nil` with `nobias`.
    public let b: Parameter?
    /// Where the weights' random numbers come from, until they are drawn.
    private var source: RandomSource?

    /// - Parameters:
    ///   - outChannels: channels of the output.
    ///   - kernelSize: window size (square).
    ///   - stride: step between windows, both axes.
    ///   - pad: padding removed from each side, both axes.
    ///   - nobias: leave out the bias.
    ///   - dtype: `.float32` or `.float64`.
    ///   - inChannels: input channels; `nil` to take them from the first input.
    ///   - outsize: output height and width, when the default formula is not wanted.
    public convenience init(outChannels: Int, kernelSize: Int, stride: Int = 1, pad: Int = 0, nobias: Bool = false,
                            dtype: DType = .float32, inChannels: Int? = nil, outsize: (Int, Int)? = nil) {
        self.init(outChannels: outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  pad: (pad, pad), nobias: nobias, dtype: dtype, inChannels: inChannels, outsize: outsize)
    }

    /// A transposed-convolution layer with separate heights and widths for the window,
    /// stride and pad.
    public init(outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0),
                nobias: Bool = false, dtype: DType = .float32, inChannels: Int? = nil, outsize: (Int, Int)? = nil) {
        dezeroCheck(outChannels >= 1, "Deconv2d: outChannels must be positive, got \(outChannels)")
        dezeroCheck(kernelSize.0 >= 1 && kernelSize.1 >= 1, "Deconv2d: kernelSize must be positive, got \(kernelSize)")
        dezeroCheck(stride.0 >= 1 && stride.1 >= 1, "Deconv2d: stride must be positive, got \(stride)")
        dezeroCheck(pad.0 >= 0 && pad.1 >= 0, "Deconv2d: pad must be non-negative, got \(pad)")
        dezeroCheck(dtype.isFloatingPoint, "Deconv2d: dtype must be float32 or float64, not \(dtype)")
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.pad = pad
        self.outsize = outsize
        self.dtype = dtype
        W = Parameter(NDArray.zeros([0], dtype: dtype), name: "W")
        b = nobias ? nil : Parameter(NDArray.zeros([outChannels], dtype: dtype), name: "b")
        source = RandomSource.current
        super.init()
        if let inChannels { createWeight(inChannels: inChannels) }
    }

    /// Input channels: `nil` until `W` is created.
    public var inChannels: Int? { W.ndim == 4 ? W.shape[0] : nil }

    public override func forward(_ x: Variable) -> Variable {
        dezeroCheck(x.ndim == 4, "Deconv2d: input must be 4-d (N, C, H, W), got shape \(shapeDescription(x.shape))")
        if inChannels == nil { createWeight(inChannels: x.shape[1]) }
        return deconv2d(x, W, b, stride: stride, pad: pad, outsize: outsize)
    }

    /// Draws `W` as DeZero does: normal(0, 1) scaled by √(1 / (C·KH·KW)), C the input channels.
    private func createWeight(inChannels: Int) {
        dezeroCheck(inChannels > 0, "Deconv2d: inChannels must be positive, got \(inChannels)")
        let shape = [inChannels, outChannels, kernelSize.0, kernelSize.1]
        let scale = (1.0 / Double(inChannels * kernelSize.0 * kernelSize.1)).squareRoot(), dtype = dtype
        W.data = RandomSource.draw(from: source) { $0.initialWeights(shape, scale: scale, dtype: dtype) }
        source = nil
    }
}
