/// How a model of the zoo (``VGG16``, ``ResNet``, ``SqueezeNet``) fills its weights when it
/// is made.
///
/// The zoo's layers are given their input sizes, so every parameter has its final shape from
/// the start (and ``Layer/params`` counts are known before any forward pass).
///
/// ```swift
/// let model = VGG16()                                // random weights, ready to train
/// let pretrained = VGG16(initialization: .zeros)     // nothing random drawn…
/// try pretrained.loadWeights(from: URL(fileURLWithPath: "vgg16.npz"))   // …then your file
/// ```
public enum WeightInitialization: Sendable, Hashable {
    /// DeZero's initial values: each `W` normal(0, 1) · √(1 / fan-in), biases zero.
    case random
    /// Every `W` and bias zero, for a model whose weights come from a file next: building
    /// VGG16 this way skips drawing 138 million random numbers.
    case zeros
}

/// Layer factories shared by the zoo: each layer is made with its input size, so its
/// parameters have their shapes at once, and filled as ``WeightInitialization`` says.
/// BatchNorm gets its four `(C,)` parameters at their usual starting values, which need no
/// random numbers.
struct ZooLayers {
    let dtype: DType
    let initialization: WeightInitialization

    func conv(_ outChannels: Int, kernelSize: Int, stride: Int = 1, pad: Int = 0, nobias: Bool = false,
              inChannels: Int) -> Conv2d {
        switch initialization {
        case .random:
            return Conv2d(outChannels: outChannels, kernelSize: kernelSize, stride: stride, pad: pad,
                          nobias: nobias, dtype: dtype, inChannels: inChannels)
        case .zeros:
            // A lazy layer whose weight is assigned before its first call takes that shape.
            let layer = Conv2d(outChannels: outChannels, kernelSize: kernelSize, stride: stride, pad: pad,
                               nobias: nobias, dtype: dtype)
            layer.W.data = NDArray.zeros([outChannels, inChannels, kernelSize, kernelSize], dtype: dtype)
            return layer
        }
    }

    /// `inSize` `nil` leaves the layer to learn it at the first call, as DeZero's Linear does.
    func linear(_ outSize: Int, inSize: Int?) -> Linear {
        guard let inSize, initialization == .zeros else {
            return Linear(outSize: outSize, dtype: dtype, inSize: inSize)
        }
        let layer = Linear(outSize: outSize, dtype: dtype)
        layer.W.data = NDArray.zeros([inSize, outSize], dtype: dtype)
        return layer
    }

    func batchNorm(channels: Int) -> BatchNorm {
        let layer = BatchNorm()
        layer.avgMean.data = NDArray.zeros([channels], dtype: dtype)
        layer.avgVar.data = NDArray.ones([channels], dtype: dtype)
        layer.gamma.data = NDArray.ones([channels], dtype: dtype)
        layer.beta.data = NDArray.zeros([channels], dtype: dtype)
        return layer
    }
}

/// Checks a zoo model's input: a batch of `channels`-channel images, `(N, C, H, W)`.
func checkImageBatch(_ x: Variable, channels: Int, _ model: String) {
    dezeroCheck(x.ndim == 4 && x.shape[1] == channels,
                "\(model): input must have shape (N, \(channels), H, W), got \(shapeDescription(x.shape))")
}

/// Averages each channel over its whole height and width: `(N, C, H, W)` to `(N, C)`
/// (DeZero's `_global_average_pooling_2d`, which pools with one window the size of the map).
func globalAveragePooling(_ x: Variable) -> Variable {
    mean(x, axes: [2, 3])
}
