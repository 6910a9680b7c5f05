import Testing
import DeZero

@Suite("model zoo: ResNet")
struct ResNetTests {
    @Test("ResNet-50: 25,557,032 trainable parameters for 1000 classes")
    func resNet50Count() {
        let model = ResNet50(initialization: .zeros)
        #expect(zooTrainableCount(model) == 25_557_032)
        // DeZero's and Chainer's conv1 has a bias: 64 more, and one more key.
        let biased = ResNet50(conv1Bias: true, initialization: .zeros)
        #expect(zooTrainableCount(biased) == 25_557_032 + 64)
        #expect(zooShape(biased, "conv1/b") == [64])
        #expect(zooShape(model, "conv1/b") == nil)
    }

    @Test("ResNet-101 and ResNet-152 have the published counts")
    func deeperCounts() {
        #expect(zooTrainableCount(ResNet101(initialization: .zeros)) == 44_549_160)
        #expect(zooTrainableCount(ResNet(layers: 152, initialization: .zeros)) == 60_192_808)
    }

    @Test("keys follow DeZero's ResNet: conv1, bn1, resN/a and resN/bK blocks, fc6")
    func keys() {
        let model = ResNet50(initialization: .zeros)
        let keys = model.namedParams.map(\.key)
        #expect(keys.prefix(5) == ["conv1/W", "bn1/avg_mean", "bn1/avg_var", "bn1/gamma", "bn1/beta"])
        #expect(keys.suffix(2) == ["fc6/W", "fc6/b"])
        #expect(zooShape(model, "res2/a/conv1/W") == [64, 64, 1, 1])
        #expect(zooShape(model, "res2/a/conv4/W") == [256, 64, 1, 1])
        #expect(zooShape(model, "res3/a/conv2/W") == [128, 128, 3, 3])
        #expect(zooShape(model, "res3/a/bn4/gamma") == [512])
        #expect(zooShape(model, "res3/b3/conv3/W") == [512, 128, 1, 1])
        #expect(zooShape(model, "res3/b4/conv3/W") == nil)      // 4 blocks: a, b1, b2, b3
        #expect(zooShape(model, "res5/b2/bn3/avg_var") == [2048])
        #expect(zooShape(model, "fc6/W") == [2048, 1000])
        // 53 BatchNorms (1 + 16 blocks · 3 + 4 shortcuts), 4 parameters each; 53 convs; fc6's 2.
        #expect(keys.count == 53 * 4 + 53 + 2)
        let deeper = ResNet101(initialization: .zeros)
        #expect(zooShape(deeper, "res4/b22/conv1/W") == [256, 1024, 1, 1])
        #expect(zooShape(deeper, "res4/b23/conv1/W") == nil)
    }

    @Test("the stride sits on the first 1x1 convolution (MSRA), or on the 3x3 with downsampleFB")
    func stridePlacement() {
        let msra = ResNet50(initialization: .zeros)
        #expect(msra.res3.a.conv1.stride == (2, 2) && msra.res3.a.conv2.stride == (1, 1))
        #expect(msra.res3.a.conv4.stride == (2, 2))
        #expect(msra.res2.a.conv1.stride == (1, 1))
        let fb = ResNet50(downsampleFB: true, initialization: .zeros)
        #expect(fb.res3.a.conv1.stride == (1, 1) && fb.res3.a.conv2.stride == (2, 2))
        #expect(fb.res3.a.conv4.stride == (2, 2))
    }

    @Test("blocks add their shortcut: with zero convolutions only the BatchNorm shifts and the input remain")
    func residualWiring() {
        // Test mode, running mean 0 and variance 1: BatchNorm of a zero map is its beta.
        let model = ResNet50(initialization: .zeros)
        let x = zooImages([1, 256, 2, 2], seed: 4)
        let shift = NDArray((0..<256).map { Float($0 % 3) - 1 }, shape: [256])     // -1, 0, 1, …
        let block = model.res2.b[0]
        block.bn3.beta.data = shift
        let y = withTestMode { block(x) }
        // relu(bn3(0) + x) = relu(x + beta), channel by channel.
        let expected = maximum(x.data + shift.reshape([1, 256, 1, 1]), NDArray(Float(0)))
        #expect(y.data == expected)

        let first = model.res2.a
        first.bn3.beta.data = shift
        first.bn4.beta.data = NDArray.full([256], value: 0.5, dtype: .float32)
        let z = withTestMode { first(zooImages([1, 64, 2, 2], seed: 5)) }
        // relu(bn3(0) + bn4(0)): the main path's shift plus the projection's.
        let zExpected = NDArray((0..<256).flatMap { c in Array(repeating: max(Float(c % 3) - 0.5, 0), count: 4) },
                                shape: [1, 256, 2, 2])
        #expect(z.data == zExpected)
    }

    @Test("a forward pass on 32x32 images gives (N, classes); backward reaches conv1")
    func forwardPass() {
        let model = withRandomSource(seed: 0) { ResNet50(classes: 10) }
        let x = zooImages([2, 3, 32, 32], seed: 2)
        let y = model(x)
        #expect(y.shape == [2, 10])
        let values = y.data.scalars(as: Float.self)
        #expect(values.allSatisfy { $0.isFinite })
        #expect(Set(values).count > 1)
        sum(y).backward()
        #expect(model.conv1.W.grad?.shape == [64, 3, 7, 7])
        #expect(model.res5.b[1].bn3.gamma.grad?.shape == [2048])
        // Training updated the running statistics; test mode uses them and changes nothing.
        let before = model.bn1.avgMean.data
        let z = withTestMode { model(x) }
        #expect(z.shape == [2, 10])
        #expect(model.bn1.avgMean.data == before)
    }
}
