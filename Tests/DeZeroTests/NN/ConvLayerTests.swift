import Testing
import DeZero

@Suite("layers: Conv2d and Deconv2d")
struct ConvLayerTests {
    @Test func conv2dTakesInputChannelsFromTheFirstInput() {
        let conv = withRandomSource(seed: 0) { Conv2d(outChannels: 4, kernelSize: 3, pad: 1) }
        #expect(conv.inChannels == nil)
        #expect(conv.W.shape == [0])
        #expect(conv.b!.shape == [4])
        #expect(conv.namedParams.map(\.key) == ["W", "b"])
        let y = conv(Variable(NDArray.ones([2, 3, 8, 8], dtype: .float32)))
        #expect(conv.inChannels == 3)
        #expect(conv.W.shape == [4, 3, 3, 3])
        #expect(conv.W.dtype == .float32 && y.dtype == .float32)
        #expect(y.shape == [2, 4, 8, 8])
        #expect(conv.b!.data.scalars(as: Float.self) == [0, 0, 0, 0])
    }

    @Test func conv2dOptions() {
        let conv = withRandomSource(seed: 0) {
            Conv2d(outChannels: 2, kernelSize: (2, 3), stride: (2, 1), pad: (0, 1), nobias: true, dtype: .float64, inChannels: 5)
        }
        #expect(conv.W.shape == [2, 5, 2, 3])  // created at once
        #expect(conv.W.dtype == .float64)
        #expect(conv.b == nil)
        #expect(conv.namedParams.map(\.key) == ["W"])
        // (7 + 0 − 2) / 2 + 1 = 3 rows, (6 + 2 − 3) / 1 + 1 = 6 columns.
        #expect(conv(Variable(NDArray.zeros([1, 5, 7, 6]))).shape == [1, 2, 3, 6])
    }

    @Test func conv2dInitialisationScale() {
        // W ~ N(0, 1)·√(1 / (C·KH·KW)): with C = 16 and 3×3, σ = 1/12.
        let conv = withRandomSource(seed: 1) { Conv2d(outChannels: 64, kernelSize: 3, inChannels: 16) }
        let w = conv.W.data.scalars(as: Float.self).map(Double.init)
        let mean = w.reduce(0, +) / Double(w.count)
        let std = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count)).squareRoot()
        #expect(abs(mean) < 0.005)
        #expect(abs(std - 1.0 / 12) < 0.003)
        // The same seed gives the same weights, drawn when the layer first runs.
        let again = withRandomSource(seed: 1) { Conv2d(outChannels: 64, kernelSize: 3) }
        _ = again(Variable(NDArray.zeros([1, 16, 3, 3], dtype: .float32)))
        #expect(again.W.data == conv.W.data)
    }

    @Test func deconv2dLayer() {
        let up = withRandomSource(seed: 0) { Deconv2d(outChannels: 1, kernelSize: 4, stride: 2, pad: 1) }
        #expect(up.inChannels == nil)
        let y = up(Variable(NDArray.ones([2, 6, 7, 7], dtype: .float32)))
        #expect(up.W.shape == [6, 1, 4, 4])
        #expect(up.inChannels == 6)
        #expect(y.shape == [2, 1, 14, 14])
        #expect(up.namedParams.map(\.key) == ["W", "b"])
        let sized = withRandomSource(seed: 0) { Deconv2d(outChannels: 2, kernelSize: 3, stride: 2, inChannels: 6, outSize: (8, 8)) }
        #expect(sized(Variable(NDArray.ones([1, 6, 3, 3], dtype: .float32))).shape == [1, 2, 8, 8])
    }

    @Test func assignedWeightsAreUsedAsGiven() {
        // Loading weights assigns W.data before the first forward: the layer then uses them.
        let conv = Conv2d(outChannels: 1, kernelSize: 2)
        conv.W.data = NDArray.ones([1, 2, 2, 2], dtype: .float32)
        let y = conv(Variable(NDArray.ones([1, 2, 3, 3], dtype: .float32)))
        #expect(conv.inChannels == 2)
        #expect(y.data.scalars(as: Float.self) == [8, 8, 8, 8])
    }

    @Test func smallCNNLearns() {
        // A small version of W3's network learns to tell three patterns apart with plain SGD
        // (the layers, pooling and their gradients work together).
        final class Net: Model {
            let conv1 = Conv2d(outChannels: 4, kernelSize: 3, pad: 1)
            let conv2 = Conv2d(outChannels: 8, kernelSize: 3, pad: 1)
            let fc = Linear(outSize: 3)
            override func forward(_ x: Variable) -> Variable {
                var h = pooling(relu(conv1(x)), kernelSize: 2, stride: 2)
                h = DeZero.averagePooling(relu(conv2(h)), kernelSize: 2, stride: 2)
                return fc(h.reshape(h.shape[0], -1))
            }
        }
        // Class k: a bright 3×3 blob at rows 2k…2k+2 over weak noise.
        var rng = RandomGenerator(seed: 3)
        var pixels = rng.uniform([12, 1, 8, 8], high: 0.2, dtype: .float32).scalars(as: Float.self)
        for i in 0..<12 { for r in 0..<3 { for c in 2..<5 { pixels[i * 64 + (2 * (i % 3) + r) * 8 + c] += 1 } } }
        let x = Variable(NDArray(pixels, shape: [12, 1, 8, 8]))
        let t = Variable(NDArray((0..<12).map { $0 % 3 }, shape: [12]))
        let model = withRandomSource(seed: 2) { Net() }
        let optimizer = SGD(lr: 0.1).setup(model)
        var losses: [Double] = []
        for _ in 0..<30 {
            let loss = softmaxCrossEntropy(model(x), t)
            model.clearGrads()
            loss.backward()
            optimizer.update()
            losses.append(loss.item())
        }
        #expect(model.params.count == 6)
        #expect(losses.last! < 0.5 * losses.first!, "\(losses)")
    }
}
