import Testing
import DeZero

@Suite("model zoo: VGG16")
struct VGG16Tests {
    @Test("138,357,544 parameters for 224x224 images and 1000 classes, under DeZero's keys")
    func parameterCountAndKeys() {
        let model = VGG16(initialization: .zeros)
        #expect(zooTrainableCount(model) == 138_357_544)
        let keys = model.namedParams.map(\.key)
        #expect(keys.count == 32)
        #expect(keys.prefix(4) == ["conv1_1/W", "conv1_1/b", "conv1_2/W", "conv1_2/b"])
        #expect(keys.suffix(2) == ["fc8/W", "fc8/b"])
        #expect(zooShape(model, "conv1_1/W") == [64, 3, 3, 3])
        #expect(zooShape(model, "conv5_3/W") == [512, 512, 3, 3])
        #expect(zooShape(model, "fc6/W") == [25088, 4096])
        #expect(zooShape(model, "fc8/b") == [1000])
    }

    @Test("the image size fixes fc6's input; nil leaves it to the first call")
    func imageSize() {
        // 64 / 32 = 2: a 2x2 map of 512 channels.
        let sized = VGG16(classes: 10, imageSize: 64, initialization: .zeros)
        #expect(zooShape(sized, "fc6/W") == [2048, 4096])
        #expect(zooShape(sized, "fc8/W") == [4096, 10])
        let lazy = VGG16(classes: 10, imageSize: nil, initialization: .zeros)
        #expect(zooShape(lazy, "fc6/W") == [0])
    }

    @Test("a forward pass on a 32x32 batch gives (N, classes), and gradients reach the first layer")
    func forwardPass() {
        // Zero weights keep the test fast (nothing random drawn in a debug build): every
        // activation is then zero, so the scores are fc8's bias exactly.
        let model = VGG16(classes: 3, imageSize: 32, initialization: .zeros)
        model.fc8.b!.data = NDArray([0.5, -1, 2] as [Float], shape: [3])
        let x = zooImages([2, 3, 32, 32], seed: 1)
        let y = withRandomSource(seed: 0) { model(x) }
        #expect(y.shape == [2, 3])
        #expect(y.dtype == .float32)
        #expect(y.data.scalars(as: Float.self) == [0.5, -1, 2, 0.5, -1, 2])
        sum(y).backward()
        #expect(model.conv1_1.W.grad?.shape == [64, 3, 3, 3])
        #expect(model.fc8.b!.grad?.data.scalars(as: Float.self) == [2, 2, 2])
    }

    @Test("preprocess: RGB to BGR, ImageNet means subtracted, channels first, optional resize")
    func preprocess() {
        // One row of two RGB pixels: (10, 20, 30) and (40, 50, 60).
        let image = NDArray([10, 20, 30, 40, 50, 60], shape: [1, 2, 3])
        let x = VGG16.preprocess(image, size: nil)
        #expect(x.shape == [3, 1, 2])
        #expect(x.dtype == .float32)
        let expected: [Float] = [30 - 103.939, 60 - 103.939,     // B
                                 20 - 116.779, 50 - 116.779,     // G
                                 10 - 123.68, 40 - 123.68]       // R
        #expect(x.allClose(NDArray(expected, shape: [3, 1, 2]), rtol: 1e-6, atol: 1e-5))
        #expect(VGG16.preprocess(image, size: 4).shape == [3, 4, 4])
    }
}
