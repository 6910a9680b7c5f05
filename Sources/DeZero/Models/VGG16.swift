/// VGG-16 (Simonyan and Zisserman, 2014), as DeZero's `models.VGG16`: thirteen 3×3
/// convolutions in five groups, each group ending in 2×2 max pooling, then three fully
/// connected layers with ReLU and dropout.
///
/// For 224×224 RGB images and 1000 classes it has the published 138,357,544 parameters. The
/// keys are DeZero's (`conv1_1/W` … `conv5_3/b`, `fc6/W` … `fc8/b`), so weights saved by the
/// Python DeZero load as they are; nothing is downloaded — bring your own file:
///
/// ```swift
/// let model = VGG16(initialization: .zeros)
/// try model.loadWeights(from: URL(fileURLWithPath: "vgg16.npz"))
/// let x = VGG16.preprocess(rgbImage)                 // (H, W, 3) RGB → (3, 224, 224) BGR
/// let scores = withTestMode { model(Variable(x.reshape([1, 3, 224, 224]))) }   // (1, 1000)
/// ```
///
/// `fc6` reads the flattened last feature map, whose size follows from `imageSize`
/// (`512 · (imageSize / 32)²`: 25,088 for 224); give `imageSize: nil` to let `fc6` take it
/// from its first input, as DeZero does.
public final class VGG16: Model {
    /// Group 1: two 3×3 convolutions with 64 filters (`conv1_1`, `conv1_2`).
    public let conv1_1: Conv2d, conv1_2: Conv2d
    /// Group 2: two with 128 filters.
    public let conv2_1: Conv2d, conv2_2: Conv2d
    /// Group 3: three with 256 filters.
    public let conv3_1: Conv2d, conv3_2: Conv2d, conv3_3: Conv2d
    /// Group 4: three with 512 filters.
    public let conv4_1: Conv2d, conv4_2: Conv2d, conv4_3: Conv2d
    /// Group 5: three with 512 filters.
    public let conv5_1: Conv2d, conv5_2: Conv2d, conv5_3: Conv2d
    /// The fully connected layers: 4096, 4096 and `classes` outputs.
    public let fc6: Linear, fc7: Linear, fc8: Linear

    /// - Parameters:
    ///   - classes: outputs of `fc8`.
    ///   - imageSize: the height and width of the input images, which fixes `fc6`'s input
    ///     size; `nil` to infer it at the first call.
    ///   - dtype: `.float32` or `.float64`.
    ///   - initialization: random weights, or zeros to be overwritten by loading a file.
    public init(classes: Int = 1000, imageSize: Int? = 224, dtype: DType = .float32,
                initialization: WeightInitialization = .random) {
        dezeroCheck(classes > 0, "VGG16: classes must be positive, got \(classes)")
        let make = ZooLayers(dtype: dtype, initialization: initialization)
        func conv(_ inChannels: Int, _ outChannels: Int) -> Conv2d {
            make.conv(outChannels, kernelSize: 3, stride: 1, pad: 1, inChannels: inChannels)
        }
        conv1_1 = conv(3, 64); conv1_2 = conv(64, 64)
        conv2_1 = conv(64, 128); conv2_2 = conv(128, 128)
        conv3_1 = conv(128, 256); conv3_2 = conv(256, 256); conv3_3 = conv(256, 256)
        conv4_1 = conv(256, 512); conv4_2 = conv(512, 512); conv4_3 = conv(512, 512)
        conv5_1 = conv(512, 512); conv5_2 = conv(512, 512); conv5_3 = conv(512, 512)
        fc6 = make.linear(4096, inSize: imageSize.map(VGG16.flattenedFeatures))
        fc7 = make.linear(4096, inSize: 4096)
        fc8 = make.linear(classes, inSize: 4096)
        super.init()
    }

    /// Features after the last pooling for `size × size` inputs: five 2×2 poolings each halve
    /// the map, rounding down.
    static func flattenedFeatures(imageSize size: Int) -> Int {
        dezeroCheck(size >= 32, "VGG16: imageSize must be at least 32 (five 2x2 poolings), got \(size)")
        let side = size >> 5
        return 512 * side * side
    }

    /// Class scores `(N, classes)` for images `(N, 3, H, W)`. Dropout is active in training
    /// mode; call it inside ``withTestMode(_:)`` for inference.
    public override func forward(_ x: Variable) -> Variable {
        checkImageBatch(x, channels: 3, "VGG16")
        var h = x
        let groups = [[conv1_1, conv1_2], [conv2_1, conv2_2], [conv3_1, conv3_2, conv3_3],
                      [conv4_1, conv4_2, conv4_3], [conv5_1, conv5_2, conv5_3]]
        for group in groups {
            for conv in group { h = relu(conv(h)) }
            h = pooling(h, kernelSize: 2, stride: 2)
        }
        h = reshape(h, [h.shape[0], h.count / max(h.shape[0], 1)])
        h = dropout(relu(fc6(h)))
        h = dropout(relu(fc7(h)))
        return fc8(h)
    }

    /// Prepares an RGB image for the pretrained VGG16 as DeZero's `VGG16.preprocess` does:
    /// resize (bilinear) to `size × size`, reorder the channels to BGR, subtract the ImageNet
    /// means (103.939, 116.779, 123.68) and move the channels first. The resize works on the
    /// float values (``Resize``), where PIL rounds an 8-bit image to whole numbers.
    ///
    /// ```swift
    /// let x = VGG16.preprocess(image)       // image: (H, W, 3) RGB, any dtype → (3, 224, 224) float32
    /// ```
    ///
    /// - Parameters:
    ///   - image: `(H, W, 3)` RGB values in 0…255.
    ///   - size: output height and width; `nil` keeps the image's size.
    ///   - dtype: the output's element type.
    public static func preprocess(_ image: NDArray, size: Int? = 224, dtype: DType = .float32) -> NDArray {
        dezeroCheck(image.ndim == 3 && image.shape[2] == 3,
                    "VGG16.preprocess: expected an RGB image of shape (H, W, 3), got \(shapeDescription(image.shape))")
        // (H, W, RGB) → (BGR, H, W): transpose the channels to the front and reverse them.
        var x = ToFloat(dtype)(image).transpose(axes: [2, 0, 1])[[.every(-1)]]
        if let size { x = Resize(size)(x) }
        return Normalize(mean: [103.939, 116.779, 123.68], std: [1])(x)
    }
}
