/// Deep residual networks (He et al., 2015) with bottleneck blocks, as DeZero's
/// `models.ResNet` (which follows Chainer's `ResNetLayers`): a 7×7 stride-2 convolution with
/// BatchNorm and 3×3 max pooling, four stages of bottleneck blocks (`res2` … `res5`), global
/// average pooling and one fully connected layer `fc6`.
///
/// ```swift
/// let model = ResNet50()                           // or ResNet(layers: 50)
/// let y = model(Variable(NDArray.zeros([1, 3, 224, 224], dtype: .float32)))   // (1, 1000)
/// model.namedParams.first!.key                     // "conv1/W"
/// ```
///
/// Depths 50, 101 and 152 have `[3, 4, 6, 3]`, `[3, 4, 23, 3]` and `[3, 8, 36, 3]` blocks per
/// stage. The keys are DeZero's: `conv1`, `bn1`, `res2/a/conv1` … `res2/a/bn4` (the first
/// block, whose `conv4`/`bn4` project the shortcut), `res2/b1/conv1` … (the others), and `fc6`;
/// BatchNorm's running statistics are saved as `avg_mean` and `avg_var`.
///
/// Counting: with 1000 classes the trainable parameters (BatchNorm's `gamma` and `beta`
/// included, its running statistics not) number 25,557,032 for ResNet-50, 44,549,160 for
/// ResNet-101 and 60,192,808 for ResNet-152 — the published figures, and torchvision's. They
/// need the first convolution without a bias, which is the default here. DeZero's and
/// Chainer's `conv1` has a bias (64 more parameters, key `conv1/b`): pass `conv1Bias: true`
/// to load their weight files.
///
/// The shortcut of each stage's first block is downsampled with stride 2 on its first 1×1
/// convolution, as in the original MSRA model and Chainer; `downsampleFB: true` moves the
/// stride to the 3×3 convolution (Facebook's variant, torchvision's "v1.5"). Either way the
/// parameter count is the same.
public class ResNet: Model {
    /// The first convolution, 7×7 with stride 2 and 64 filters.
    public let conv1: Conv2d
    /// BatchNorm after `conv1`.
    public let bn1: BatchNorm
    /// The four stages of bottleneck blocks, 256, 512, 1024 and 2048 channels out.
    public let res2: BuildingBlock, res3: BuildingBlock, res4: BuildingBlock, res5: BuildingBlock
    /// The classifier, from the 2048 pooled features to the class scores.
    public let fc6: Linear

    /// Blocks per stage for the depths the paper defines.
    public static func blocks(layers: Int) -> [Int] {
        switch layers {
        case 50: return [3, 4, 6, 3]
        case 101: return [3, 4, 23, 3]
        case 152: return [3, 8, 36, 3]
        default: dezeroFailure("ResNet: layers must be 50, 101 or 152, got \(layers)")
        }
    }

    /// - Parameters:
    ///   - layers: depth, 50, 101 or 152 (DeZero's `n_layers`, default 152).
    ///   - classes: outputs of `fc6`.
    ///   - conv1Bias: give the first convolution a bias, as DeZero and Chainer do.
    ///   - downsampleFB: put each stage's stride on the 3×3 convolution instead of the 1×1.
    ///   - dtype: `.float32` or `.float64`.
    ///   - initialization: random weights, or zeros to be overwritten by loading a file.
    public init(layers: Int = 152, classes: Int = 1000, conv1Bias: Bool = false, downsampleFB: Bool = false,
                dtype: DType = .float32, initialization: WeightInitialization = .random) {
        dezeroCheck(classes > 0, "ResNet: classes must be positive, got \(classes)")
        let blocks = ResNet.blocks(layers: layers)
        let make = ZooLayers(dtype: dtype, initialization: initialization)
        conv1 = make.conv(64, kernelSize: 7, stride: 2, pad: 3, nobias: !conv1Bias, inChannels: 3)
        bn1 = make.batchNorm(channels: 64)
        func stage(_ n: Int, _ inC: Int, _ midC: Int, _ outC: Int, _ stride: Int) -> BuildingBlock {
            BuildingBlock(blocks: n, inChannels: inC, midChannels: midC, outChannels: outC, stride: stride,
                          downsampleFB: downsampleFB, make: make)
        }
        res2 = stage(blocks[0], 64, 64, 256, 1)
        res3 = stage(blocks[1], 256, 128, 512, 2)
        res4 = stage(blocks[2], 512, 256, 1024, 2)
        res5 = stage(blocks[3], 1024, 512, 2048, 2)
        fc6 = make.linear(classes, inSize: 2048)
        super.init()
    }

    /// Class scores `(N, classes)` for images `(N, 3, H, W)` (32×32 and up). BatchNorm uses
    /// batch statistics in training mode; call it inside ``withTestMode(_:)`` for inference.
    public override func forward(_ x: Variable) -> Variable {
        checkImageBatch(x, channels: 3, "ResNet")
        var h = relu(bn1(conv1(x)))
        h = pooling(h, kernelSize: 3, stride: 2)
        h = res5(res4(res3(res2(h))))
        return fc6(globalAveragePooling(h))
    }

    /// One stage: a ``BottleneckA`` (`a`) that changes the channels and resolution, then
    /// ``BottleneckB`` blocks (`b1`, `b2`, …) that keep them.
    ///
    /// ```swift
    /// let stage = ResNet50().res3      // a (512 channels out, stride 2), then b1, b2, b3
    /// stage.b.count                     // 3
    /// ```
    public final class BuildingBlock: Layer {
        /// The first block, which changes the channels and the resolution; key `a`.
        public let a: BottleneckA
        /// The blocks after the first; keys `b1`, `b2`, ….
        public let b: [BottleneckB]

        init(blocks: Int, inChannels: Int, midChannels: Int, outChannels: Int, stride: Int,
             downsampleFB: Bool, make: ZooLayers) {
            dezeroCheck(blocks >= 1, "ResNet.BuildingBlock: needs at least one block, got \(blocks)")
            a = BottleneckA(inChannels: inChannels, midChannels: midChannels, outChannels: outChannels,
                            stride: stride, downsampleFB: downsampleFB, make: make)
            b = (1..<blocks).map { _ in BottleneckB(channels: outChannels, midChannels: midChannels, make: make) }
            super.init()
        }

        public override func forward(_ x: Variable) -> Variable {
            b.reduce(a(x)) { h, block in block(h) }
        }

        public override func key(forProperty name: String, elementPath: [String]) -> String {
            if name == "b", elementPath.count == 1, let i = Int(elementPath[0]) { return "b\(i + 1)" }
            return super.key(forProperty: name, elementPath: elementPath)
        }
    }

    /// A bottleneck that changes the number of channels and may downsample: 1×1, 3×3 and 1×1
    /// convolutions on the main path, a strided 1×1 projection (`conv4`, `bn4`) on the shortcut.
    ///
    /// ```swift
    /// let block = ResNet50().res2.a
    /// block.conv4.W.shape               // [256, 64, 1, 1]: the shortcut's projection
    /// ```
    public final class BottleneckA: Layer {
        /// The main path: 1×1 to the middle channels, with its BatchNorm.
        public let conv1: Conv2d, bn1: BatchNorm
        /// 3×3 over the middle channels (carrying the stride with `downsampleFB`), with its BatchNorm.
        public let conv2: Conv2d, bn2: BatchNorm
        /// 1×1 to the output channels, with its BatchNorm.
        public let conv3: Conv2d, bn3: BatchNorm
        /// The shortcut's strided 1×1 projection to the output channels, with its BatchNorm.
        public let conv4: Conv2d, bn4: BatchNorm

        init(inChannels: Int, midChannels: Int, outChannels: Int, stride: Int, downsampleFB: Bool, make: ZooLayers) {
            let (stride1x1, stride3x3) = downsampleFB ? (1, stride) : (stride, 1)
            conv1 = make.conv(midChannels, kernelSize: 1, stride: stride1x1, nobias: true, inChannels: inChannels)
            bn1 = make.batchNorm(channels: midChannels)
            conv2 = make.conv(midChannels, kernelSize: 3, stride: stride3x3, pad: 1, nobias: true, inChannels: midChannels)
            bn2 = make.batchNorm(channels: midChannels)
            conv3 = make.conv(outChannels, kernelSize: 1, nobias: true, inChannels: midChannels)
            bn3 = make.batchNorm(channels: outChannels)
            conv4 = make.conv(outChannels, kernelSize: 1, stride: stride, nobias: true, inChannels: inChannels)
            bn4 = make.batchNorm(channels: outChannels)
            super.init()
        }

        public override func forward(_ x: Variable) -> Variable {
            var h = relu(bn1(conv1(x)))
            h = relu(bn2(conv2(h)))
            h = bn3(conv3(h))
            return relu(h + bn4(conv4(x)))
        }
    }

    /// A bottleneck that keeps the shape: 1×1, 3×3 and 1×1 convolutions plus the identity.
    ///
    /// ```swift
    /// let block = ResNet50().res2.b[0]  // key res2/b1
    /// block.conv2.W.shape               // [64, 64, 3, 3]
    /// ```
    public final class BottleneckB: Layer {
        /// The main path: 1×1 to the middle channels, with its BatchNorm.
        public let conv1: Conv2d, bn1: BatchNorm
        /// 3×3 over the middle channels, with its BatchNorm.
        public let conv2: Conv2d, bn2: BatchNorm
        /// 1×1 back to the block's channels, with its BatchNorm.
        public let conv3: Conv2d, bn3: BatchNorm

        init(channels: Int, midChannels: Int, make: ZooLayers) {
            conv1 = make.conv(midChannels, kernelSize: 1, nobias: true, inChannels: channels)
            bn1 = make.batchNorm(channels: midChannels)
            conv2 = make.conv(midChannels, kernelSize: 3, pad: 1, nobias: true, inChannels: midChannels)
            bn2 = make.batchNorm(channels: midChannels)
            conv3 = make.conv(channels, kernelSize: 1, nobias: true, inChannels: midChannels)
            bn3 = make.batchNorm(channels: channels)
            super.init()
        }

        public override func forward(_ x: Variable) -> Variable {
            var h = relu(bn1(conv1(x)))
            h = relu(bn2(conv2(h)))
            return relu(bn3(conv3(h)) + x)
        }
    }
}

/// ResNet-50: `ResNet(layers: 50)` (DeZero's `ResNet50`).
///
/// ```swift
/// let model = ResNet50(classes: 10)
/// ```
public final class ResNet50: ResNet {
    /// The parameters other than the depth, as ``ResNet/init(layers:classes:conv1Bias:downsampleFB:dtype:initialization:)`` takes them.
    public init(classes: Int = 1000, conv1Bias: Bool = false, downsampleFB: Bool = false,
                dtype: DType = .float32, initialization: WeightInitialization = .random) {
        super.init(layers: 50, classes: classes, conv1Bias: conv1Bias, downsampleFB: downsampleFB,
                   dtype: dtype, initialization: initialization)
    }
}

/// ResNet-101: `ResNet(layers: 101)` (DeZero's `ResNet101`).
///
/// ```swift
/// let model = ResNet101(initialization: .zeros)   // then loadWeights(from:)
/// ```
public final class ResNet101: ResNet {
    /// The parameters other than the depth, as ``ResNet/init(layers:classes:conv1Bias:downsampleFB:dtype:initialization:)`` takes them.
    public init(classes: Int = 1000, conv1Bias: Bool = false, downsampleFB: Bool = false,
                dtype: DType = .float32, initialization: WeightInitialization = .random) {
        super.init(layers: 101, classes: classes, conv1Bias: conv1Bias, downsampleFB: downsampleFB,
                   dtype: dtype, initialization: initialization)
    }
}

/// ResNet-152: `ResNet(layers: 152)` (DeZero's `ResNet152`).
///
/// ```swift
/// let model = ResNet152(conv1Bias: true)   // DeZero's and Chainer's layout
/// ```
public final class ResNet152: ResNet {
    /// The parameters other than the depth, as ``ResNet/init(layers:classes:conv1Bias:downsampleFB:dtype:initialization:)`` takes them.
    public init(classes: Int = 1000, conv1Bias: Bool = false, downsampleFB: Bool = false,
                dtype: DType = .float32, initialization: WeightInitialization = .random) {
        super.init(layers: 152, classes: classes, conv1Bias: conv1Bias, downsampleFB: downsampleFB,
                   dtype: dtype, initialization: initialization)
    }
}
