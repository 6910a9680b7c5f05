// The sizes of a 2-d convolution or pooling window over a batch of images, worked out and
// checked once, so every kernel below can loop without checks of its own.

/// The shape of a sliding-window operation (convolution, im2col, pooling) over a batch of
/// images in NCHW layout: input size, window, stride, padding and the output size they give.
///
/// The output size follows DeZero's `get_conv_outsize`: `(H + 2·pad − kernel) / stride + 1`,
/// rounded down.
///
/// ```swift
/// let g = ConvGeometry(op: "conv2d", inputShape: [64, 1, 28, 28],
///                      kernelSize: (3, 3), stride: (1, 1), pad: (1, 1))
/// (g.outHeight, g.outWidth)     // (28, 28)
/// ```
package struct ConvGeometry: Sendable, Equatable {
    /// Images in the batch (N).
    package let batch: Int
    /// Channels of each image (C).
    package let channels: Int
    /// Input height and width (H, W).
    package let height: Int, width: Int
    /// Window height and width (KH, KW).
    package let kernelHeight: Int, kernelWidth: Int
    /// Steps between windows (SH, SW).
    package let strideHeight: Int, strideWidth: Int
    /// Zeros added on each side (PH, PW).
    package let padHeight: Int, padWidth: Int
    /// Output height and width (OH, OW).
    package let outHeight: Int, outWidth: Int

    /// Checks the sizes and computes the output size; stops with a message naming `op` when
    /// the input is not 4-d, a size is out of range, or the window does not fit.
    package init(op: String, inputShape: [Int], kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int)) {
        dezeroCheck(inputShape.count == 4,
                    "\(op): input must be 4-d (N, C, H, W), got shape \(shapeDescription(inputShape))")
        dezeroCheck(kernelSize.0 >= 1 && kernelSize.1 >= 1,
                    "\(op): kernel size must be positive, got \(pairDescription(kernelSize))")
        dezeroCheck(stride.0 >= 1 && stride.1 >= 1, "\(op): stride must be positive, got \(pairDescription(stride))")
        dezeroCheck(pad.0 >= 0 && pad.1 >= 0, "\(op): pad must be non-negative, got \(pairDescription(pad))")
        batch = inputShape[0]; channels = inputShape[1]; height = inputShape[2]; width = inputShape[3]
        kernelHeight = kernelSize.0; kernelWidth = kernelSize.1
        strideHeight = stride.0; strideWidth = stride.1
        padHeight = pad.0; padWidth = pad.1
        dezeroCheck(height + 2 * padHeight >= kernelHeight && width + 2 * padWidth >= kernelWidth,
                    "\(op): kernel \(pairDescription(kernelSize)) with pad \(pairDescription(pad)) does not fit input of shape \(shapeDescription(inputShape))")
        outHeight = convOutputSize(height, kernel: kernelHeight, stride: strideHeight, pad: padHeight)
        outWidth = convOutputSize(width, kernel: kernelWidth, stride: strideWidth, pad: padWidth)
    }

    /// (N, C, H, W).
    package var inputShape: [Int] { [batch, channels, height, width] }
    /// (KH, KW).
    package var kernelSize: (Int, Int) { (kernelHeight, kernelWidth) }
    /// (SH, SW).
    package var stride: (Int, Int) { (strideHeight, strideWidth) }
    /// (PH, PW).
    package var pad: (Int, Int) { (padHeight, padWidth) }
    /// Elements of one window over all channels: C·KH·KW (the rows of the column matrix).
    package var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// Windows in one image: OH·OW.
    package var outPlaneSize: Int { outHeight * outWidth }
    /// Elements of one input channel: H·W.
    package var planeSize: Int { height * width }

    package static func == (a: ConvGeometry, b: ConvGeometry) -> Bool {
        a.inputShape == b.inputShape && a.kernelHeight == b.kernelHeight && a.kernelWidth == b.kernelWidth
            && a.strideHeight == b.strideHeight && a.strideWidth == b.strideWidth
            && a.padHeight == b.padHeight && a.padWidth == b.padWidth
    }
}

/// Output length of a convolution along one axis (DeZero's `get_conv_outsize`):
/// `(size + 2·pad − kernel) / stride + 1`, rounded down.
///
/// ```swift
/// convOutputSize(28, kernel: 3, stride: 1, pad: 1)   // 28
/// convOutputSize(28, kernel: 2, stride: 2, pad: 0)   // 14
/// ```
public func convOutputSize(_ size: Int, kernel: Int, stride: Int, pad: Int) -> Int {
    (size + 2 * pad - kernel) / stride + 1
}

/// Output length of a transposed convolution along one axis (DeZero's `get_deconv_outsize`):
/// `stride·(size − 1) + kernel − 2·pad`.
///
/// ```swift
/// deconvOutputSize(14, kernel: 4, stride: 2, pad: 1)   // 28
/// ```
public func deconvOutputSize(_ size: Int, kernel: Int, stride: Int, pad: Int) -> Int {
    stride * (size - 1) + kernel - 2 * pad
}

/// `(a, b)`, as messages print a pair of sizes.
func pairDescription(_ p: (Int, Int)) -> String { "(\(p.0), \(p.1))" }
