// The parameters every function over sliding windows of images shares (pooling, im2col,
// col2im): the window, its stride and the padding, each as (height, width).

/// A one-input function over `kernelSize` windows of a batch of images `(N, C, H, W)`.
public class WindowFunction: UnaryFunction {
    /// The window's height and width.
    public let kernelSize: (Int, Int)
    /// The step between windows, vertically and horizontally.
    public let stride: (Int, Int)
    /// Zeros added on each side, vertically and horizontally.
    public let pad: (Int, Int)

    /// A function over `kernelSize` windows, `stride` apart, of images padded by `pad`.
    public init(kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int)) {
        self.kernelSize = kernelSize
        self.stride = stride
        self.pad = pad
    }

    /// The geometry of the windows over an input of `shape`; `op` names the function in messages.
    func windowGeometry(_ shape: [Int], op: String) -> ConvGeometry {
        ConvGeometry(op: op, inputShape: shape, kernelSize: kernelSize, stride: stride, pad: pad)
    }
}
