/// What ``Conv2d`` and ``Deconv2d`` share, written once: the checks of their window settings and
/// their lazily created filters. They differ only in where the input channels sit in `W`.
enum ConvolutionLayerSettings {
    /// Stops with a message naming `layer` unless every setting is in range.
    private static func check(_ layer: String, outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int)) {
        dezeroCheck(outChannels >= 1, "\(layer): outChannels must be positive, got \(outChannels)")
        dezeroCheck(kernelSize.0 >= 1 && kernelSize.1 >= 1, "\(layer): kernelSize must be positive, got \(kernelSize)")
        dezeroCheck(stride.0 >= 1 && stride.1 >= 1, "\(layer): stride must be positive, got \(stride)")
        dezeroCheck(pad.0 >= 0 && pad.1 >= 0, "\(layer): pad must be non-negative, got \(pad)")
    }

    /// Checks the settings, then makes the filters `W`: shape `(outChannels, KH, KW)` with the
    /// input channels inserted at `inputAxis` (1 for a convolution, 0 for a transposed one),
    /// starting as DeZero's do, normal(0, 1) · √(1 / (inChannels·KH·KW)).
    static func filters(_ layer: String, inputAxis: Int, outChannels: Int, kernelSize: (Int, Int),
                        stride: (Int, Int), pad: (Int, Int), dtype: DType, inChannels: Int?) -> LazyWeight {
        check(layer, outChannels: outChannels, kernelSize: kernelSize, stride: stride, pad: pad)
        return LazyWeight(layer: layer, inputName: "inChannels", dtype: dtype, inputAxis: inputAxis, inputSize: inChannels) { c in
            var shape = [outChannels, kernelSize.0, kernelSize.1]
            shape.insert(c, at: inputAxis)
            return (shape, .scaledNormal(fanIn: c * kernelSize.0 * kernelSize.1))
        }
    }
}
