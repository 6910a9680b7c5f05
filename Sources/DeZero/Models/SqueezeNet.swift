/// SqueezeNet 1.0 (Iandola et al., 2016): AlexNet-level accuracy with 1,248,424 parameters
/// for 1000 classes. A 7×7 stride-2 convolution (`conv1`, 96 filters), eight Fire modules
/// (`fire2` … `fire9`) with 3×3 stride-2 max pooling after `conv1`, `fire4` and `fire8`,
/// dropout, a 1×1 convolution to the classes (`conv10`) and global average pooling.
///
/// ```swift
/// let model = SqueezeNet(classes: 10)
/// let y = model(Variable(NDArray.zeros([1, 3, 64, 64], dtype: .float32)))   // (1, 10)
/// model.namedParams.map(\.key)[2]                  // "fire2/squeeze/W"
/// ```
///
/// DeZero has no SqueezeNet; the keys follow the paper's and torchvision's names: `conv1`,
/// `fireN/squeeze`, `fireN/expand1x1`, `fireN/expand3x3`, `conv10`. Pooling rounds the output
/// size down, as DeZero's `pooling` does (the Caffe original and torchvision round up, which
/// changes the feature map sizes but not the parameters). Inputs need at least 35×35 pixels.
public final class SqueezeNet: Model {
    /// The first convolution, 7×7 with stride 2 and 96 filters.
    public let conv1: Conv2d
    /// Fire modules 2–5 (128, 128, 256 and 256 channels out).
    public let fire2: Fire, fire3: Fire, fire4: Fire, fire5: Fire
    /// Fire modules 6–9 (384, 384, 512 and 512 channels out).
    public let fire6: Fire, fire7: Fire, fire8: Fire, fire9: Fire
    /// The 1×1 convolution to the class scores, before global average pooling.
    public let conv10: Conv2d

    /// - Parameters:
    ///   - classes: outputs of `conv10`.
    ///   - dtype: `.float32` or `.float64`.
    ///   - initialization: random weights, or zeros to be overwritten by loading a file.
    public init(classes: Int = 1000, dtype: DType = .float32, initialization: WeightInitialization = .random) {
        dezeroCheck(classes > 0, "SqueezeNet: classes must be positive, got \(classes)")
        let make = ZooLayers(dtype: dtype, initialization: initialization)
        func fire(_ inC: Int, _ squeeze: Int, _ expand: Int) -> Fire {
            Fire(inChannels: inC, squeezeChannels: squeeze, expandChannels: expand, make: make)
        }
        conv1 = make.conv(96, kernelSize: 7, stride: 2, inChannels: 3)
        fire2 = fire(96, 16, 64); fire3 = fire(128, 16, 64); fire4 = fire(128, 32, 128)
        fire5 = fire(256, 32, 128); fire6 = fire(256, 48, 192); fire7 = fire(384, 48, 192)
        fire8 = fire(384, 64, 256); fire9 = fire(512, 64, 256)
        conv10 = make.conv(classes, kernelSize: 1, inChannels: 512)
        super.init()
    }

    /// Class scores `(N, classes)` for images `(N, 3, H, W)`. Dropout is active in training
    /// mode; call it inside ``withTestMode(_:)`` for inference.
    public override func forward(_ x: Variable) -> Variable {
        checkImageBatch(x, channels: 3, "SqueezeNet")
        var h = pooling(relu(conv1(x)), kernelSize: 3, stride: 2)
        h = pooling(fire4(fire3(fire2(h))), kernelSize: 3, stride: 2)
        h = pooling(fire8(fire7(fire6(fire5(h)))), kernelSize: 3, stride: 2)
        h = dropout(fire9(h))
        return globalAveragePooling(relu(conv10(h)))
    }

    /// A Fire module: a 1×1 "squeeze" convolution to few channels, then 1×1 and 3×3 "expand"
    /// convolutions side by side, their outputs joined along the channels (each with ReLU).
    ///
    /// ```swift
    /// let fire = SqueezeNet().fire2
    /// fire.expand3x3.W.shape            // [64, 16, 3, 3]: 64 of the 128 output channels
    /// ```
    public final class Fire: Layer {
        /// 1×1 to the few squeeze channels.
        public let squeeze: Conv2d
        /// 1×1 expansion, half of the output channels.
        public let expand1x1: Conv2d
        /// 3×3 expansion (pad 1), the other half.
        public let expand3x3: Conv2d

        init(inChannels: Int, squeezeChannels: Int, expandChannels: Int, make: ZooLayers) {
            squeeze = make.conv(squeezeChannels, kernelSize: 1, inChannels: inChannels)
            expand1x1 = make.conv(expandChannels, kernelSize: 1, inChannels: squeezeChannels)
            expand3x3 = make.conv(expandChannels, kernelSize: 3, pad: 1, inChannels: squeezeChannels)
            super.init()
        }

        public override func forward(_ x: Variable) -> Variable {
            let s = relu(squeeze(x))
            return zooConcatenate([relu(expand1x1(s)), relu(expand3x3(s))], axis: 1)
        }
    }
}
