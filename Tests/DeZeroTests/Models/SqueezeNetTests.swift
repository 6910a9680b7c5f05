import Testing
@testable import DeZero

@Suite("model zoo: SqueezeNet")
struct SqueezeNetTests {
    @Test("SqueezeNet 1.0: 1,248,424 parameters for 1000 classes")
    func parameterCount() {
        let model = SqueezeNet(initialization: .zeros)
        #expect(zooTrainableCount(model) == 1_248_424)
        #expect(model.params.count == 2 + 8 * 6 + 2)
    }

    @Test("keys: conv1, fireN/squeeze, expand1x1, expand3x3, conv10")
    func keys() {
        let model = SqueezeNet(initialization: .zeros)
        let keys = model.namedParams.map(\.key)
        #expect(keys.prefix(4) == ["conv1/W", "conv1/b", "fire2/squeeze/W", "fire2/squeeze/b"])
        #expect(keys.suffix(2) == ["conv10/W", "conv10/b"])
        #expect(zooShape(model, "conv1/W") == [96, 3, 7, 7])
        #expect(zooShape(model, "fire3/squeeze/W") == [16, 128, 1, 1])
        #expect(zooShape(model, "fire6/expand1x1/W") == [192, 48, 1, 1])
        #expect(zooShape(model, "fire9/expand3x3/W") == [256, 64, 3, 3])
        #expect(zooShape(model, "conv10/W") == [1000, 512, 1, 1])
    }

    @Test("random and zero initialisation make the same shapes under the same keys")
    func initializationsAgree() {
        let random = withRandomSource(seed: 0) { SqueezeNet(classes: 7) }
        let zeros = SqueezeNet(classes: 7, initialization: .zeros)
        #expect(random.namedParams.map(\.key) == zeros.namedParams.map(\.key))
        #expect(random.params.map(\.shape) == zeros.params.map(\.shape))
        #expect(zeros.params.allSatisfy { $0.data.scalars(as: Float.self).allSatisfy { $0 == 0 } })
        #expect(random.conv1.W.data.scalars(as: Float.self).contains { $0 != 0 })
    }

    @Test("a forward pass on the smallest input (35x35) and on 64x64 gives (N, classes), non-negative")
    func forwardPass() {
        let model = withRandomSource(seed: 0) { SqueezeNet(classes: 10) }
        for side in [35, 64] {
            let y = withTestMode { model(zooImages([2, 3, side, side], seed: UInt64(side))) }
            #expect(y.shape == [2, 10])
            // ReLU before the average pooling: scores cannot be negative.
            #expect(y.data.scalars(as: Float.self).allSatisfy { $0 >= 0 && $0.isFinite })
        }
        let y = withRandomSource(seed: 1) { model(zooImages([1, 3, 35, 35], seed: 3)) }
        sum(y).backward()
        #expect(model.fire2.expand3x3.W.grad?.shape == [64, 16, 3, 3])
    }

    @Test("Fire joins its ReLU'd expand branches along the channels, 1x1 first")
    func fireWiring() {
        // Zero weights: each expand branch gives relu(its bias) everywhere.
        let fire = SqueezeNet(initialization: .zeros).fire2
        fire.expand1x1.b!.data = NDArray((0..<64).map { Float($0) - 32 }, shape: [64])
        fire.expand3x3.b!.data = NDArray.full([64], value: 7, dtype: .float32)
        let y = fire(zooImages([1, 96, 3, 3], seed: 6))
        #expect(y.shape == [1, 128, 3, 3])
        let channels = (0..<64).map { max(Float($0) - 32, 0) } + Array(repeating: Float(7), count: 64)
        #expect(y.data.scalars(as: Float.self) == channels.flatMap { Array(repeating: $0, count: 9) })
    }

    @Test("Fire's channel join: values in order, gradient split back (gradient check)")
    func channelJoin() {
        let a = Variable(NDArray([1, 2, 3, 4] as [Double], shape: [1, 2, 2, 1]))
        let b = Variable(NDArray([5, 6] as [Double], shape: [1, 1, 2, 1]))
        let y = zooConcatenate([a, b], axis: 1)
        #expect(y.shape == [1, 3, 2, 1])
        #expect(y.data.scalars(as: Double.self) == [1, 2, 3, 4, 5, 6])
        var g = RandomGenerator(seed: 5)
        let inputs = [g.normal([2, 3, 2]), g.normal([2, 1, 2]), g.normal([2, 2, 2])]
        let weights = g.normal([2, 6, 2])
        let check = gradientCheck({ xs in sum(zooConcatenate(xs, axis: 1) * Variable(weights)) }, inputs)
        #expect(check.passed, "\(check)")
    }
}

@Suite struct ModelZooExitTests {
    @Test func resNetNamesTheDepths() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ResNet(layers: 34)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("ResNet: layers must be 50, 101 or 152, got 34"))
    }

    @Test func modelsNameTheExpectedInput() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SqueezeNet(classes: 2, initialization: .zeros)(Variable(NDArray.zeros([1, 1, 64, 64], dtype: .float32)))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("SqueezeNet: input must have shape (N, 3, H, W), got (1, 1, 64, 64)"))
    }
}
