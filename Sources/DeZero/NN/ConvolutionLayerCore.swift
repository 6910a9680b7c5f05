/// What ``Conv2d`` and ``Deconv2d`` share, written once: their window settings (checked here),
/// their lazily created filters and their bias. They differ only in where the input channels
/// sit in `W`. Each layer stores one value of this type and reads its public settings from it.
///
/// Parameter discovery passes over this value (it holds no `Parameter`-typed property and no
/// layer); the layers keep `W` and `b` in stored properties of their own, which give the
/// weight-file keys.
struct ConvolutionLayerCore {
    /// The layer's name, for messages.
    let layer: String
    let outChannels: Int
    let kernelSize: (Int, Int)
    let stride: (Int, Int)
    let pad: (Int, Int)
    let dtype: DType
    /// The filters `W`, created when the input channels are known, from the source current at `init`.
    let weight: LazyWeight
    /// The bias `b`, `(outChannels,)` zeros, or `nil` with `nobias`.
    let bias: Parameter?

    /// Checks the settings, then makes the filters: shape `(outChannels, KH, KW)` with the input
    /// channels inserted at `inputAxis` (1 for a convolution, 0 for a transposed one), starting as
    /// DeZero's do, normal(0, 1) · √(1 / (inChannels·KH·KW)). Messages name `layer`.
    init(_ layer: String, inputAxis: Int, outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int),
         nobias: Bool, dtype: DType, inChannels: Int?) {
        dezeroCheck(outChannels >= 1, "\(layer): outChannels must be positive, got \(outChannels)")
        dezeroCheck(kernelSize.0 >= 1 && kernelSize.1 >= 1, "\(layer): kernelSize must be positive, got \(kernelSize)")
        dezeroCheck(stride.0 >= 1 && stride.1 >= 1, "\(layer): stride must be positive, got \(stride)")
        dezeroCheck(pad.0 >= 0 && pad.1 >= 0, "\(layer): pad must be non-negative, got \(pad)")
        self.layer = layer
        (self.outChannels, self.kernelSize, self.stride, self.pad, self.dtype) = (outChannels, kernelSize, stride, pad, dtype)
        weight = LazyWeight(layer: layer, inputName: "inChannels", dtype: dtype, inputAxis: inputAxis, inputSize: inChannels) { c in
            var shape = [outChannels, kernelSize.0, kernelSize.1]
            shape.insert(c, at: inputAxis)
            return (shape, .scaledNormal(fanIn: c * kernelSize.0 * kernelSize.1))
        }
        bias = LazyWeight.bias(size: outChannels, dtype: dtype, nobias: nobias)
    }

    /// Input channels: `nil` until `W` is created.
    var inChannels: Int? { weight.inputSize }

    /// Checks that `x` is a batch of images `(N, C, H, W)` and creates `W` for its `C` channels
    /// at the first call.
    func prepare(_ x: Variable) {
        dezeroCheck(x.ndim == 4, "\(layer): input must be 4-d (N, C, H, W), got shape \(shapeDescription(x.shape))")
        weight.createIfNeeded(inputSize: x.shape[1])
    }
}
