import Testing
import DeZero

private final class TwoParts: Layer {
    let first = OptimizerTestLayer([1.0, 2.0])
    let second = OptimizerTestLayer([3.0])
}

private func setGrads(_ model: TwoParts, _ a: [Double], _ b: [Double]) {
    model.first.w.grad = Variable(NDArray(a))
    model.second.w.grad = Variable(NDArray(b))
}

@Suite("optimizers: hooks")
struct OptimizerHookTests {
    @Test("WeightDecay adds rate·W to the gradient before the step")
    func weightDecay() {
        let model = TwoParts()
        let sgd = SGD(lr: 1).setup(model).addHook(WeightDecay(rate: 0.1))
        setGrads(model, [0.5, -0.5], [1])
        sgd.update()
        // w − (g + 0.1·w): 1 − (0.5 + 0.1) = 0.4, 2 − (−0.5 + 0.2) = 2.3, 3 − (1 + 0.3) = 1.7
        #expect(model.first.w.data.allClose(NDArray([0.4, 2.3]), atol: 1e-15))
        #expect(model.second.w.data.allClose(NDArray([1.7]), atol: 1e-15))
    }

    @Test("WeightDecay on two parameters that share one gradient variable decays each once")
    func weightDecaySharedGradient() {
        let model = TwoParts()
        model.second.w.data = NDArray([5.0, 7.0])
        let shared = Variable(NDArray([1.0, 1.0]))
        model.first.w.grad = shared
        model.second.w.grad = shared
        SGD(lr: 1).setup(model).addHook(WeightDecay(rate: 0.5)).update()
        // 1 − (1 + 0.5), 2 − (1 + 1); 5 − (1 + 2.5), 7 − (1 + 3.5)
        #expect(model.first.w.data == NDArray([-0.5, 0.0]))
        #expect(model.second.w.data == NDArray([1.5, 2.5]))
        #expect(shared.data == NDArray([1.0, 1.0]))
    }

    @Test("ClipGrad scales all gradients together when their norm exceeds the limit")
    func clipGrad() {
        let model = TwoParts()
        let sgd = SGD(lr: 1).setup(model).addHook(ClipGrad(maxNorm: 6.5))
        setGrads(model, [3, 4], [12])   // global norm √(9 + 16 + 144) = 13
        #expect(ClipGrad.globalNorm(model.params) == 13)
        sgd.update()
        let rate = 6.5 / (13 + 1e-6)     // about one half
        #expect(model.first.w.data.allClose(NDArray([1 - 3 * rate, 2 - 4 * rate]), atol: 1e-15))
        #expect(model.second.w.data.allClose(NDArray([3 - 12 * rate]), atol: 1e-15))
    }

    @Test("ClipGrad leaves gradients under the limit as they are")
    func clipGradUnderLimit() {
        let model = TwoParts()
        let sgd = SGD(lr: 1).setup(model).addHook(ClipGrad(maxNorm: 14))
        setGrads(model, [3, 4], [12])
        sgd.update()
        #expect(model.first.w.data == NDArray([-2.0, -2.0]))
        #expect(model.second.w.data == NDArray([-9.0]))
    }

    @Test("FreezeParam keeps a layer's parameters (and their state) unchanged")
    func freezeLayer() {
        let model = TwoParts()
        let adam = Adam(lr: 0.1).setup(model).addHook(FreezeParam(model.first))
        for _ in 0..<3 {
            setGrads(model, [1, 1], [1])
            adam.update()
        }
        #expect(model.first.w.data == NDArray([1.0, 2.0]))
        #expect(model.second.w.data.allClose(NDArray([3 - 0.3]), atol: 1e-6))
        #expect(adam.state.slots.keys.sorted() == ["second/w"])
        #expect(model.first.w.grad == nil)
    }

    @Test("FreezeParam of single parameters, made before a lazy layer has its weights")
    func freezeParameterBeforeCreation() {
        let layer = withRandomSource(seed: 0) { Linear(outSize: 2) }
        let sgd = SGD(lr: 1).setup(layer).addHook(FreezeParam(layer.W))
        let y = layer(Variable(NDArray.ones([1, 3], dtype: .float32)))
        let w = layer.W.data
        nnTotalSum(y).backward()
        sgd.update()
        #expect(layer.W.data == w)
        #expect(layer.b!.data == NDArray([-1, -1] as [Float]))
    }

    @Test("hooks run in the order added, on the parameters with gradients")
    func hookOrder() {
        let model = TwoParts()
        nonisolated(unsafe) var log: [String] = []
        let sgd = SGD(lr: 1).setup(model)
        sgd.addHook { params in log.append("a\(params.count)") }
        sgd.addHook { params in log.append("b\(params.count)") }
        model.first.w.grad = Variable(NDArray([0.0, 0.0]))  // the second has none
        sgd.update()
        #expect(log == ["a1", "b1"])

        // Decay then clip differs from clip then decay; each matches its order by hand.
        let decayThenClip = TwoParts(), clipThenDecay = TwoParts()
        SGD(lr: 1).setup(decayThenClip).addHook(WeightDecay(rate: 1)).addHook(ClipGrad(maxNorm: 1))
            .update(with: { setGrads(decayThenClip, [0, 0], [0]) })
        SGD(lr: 1).setup(clipThenDecay).addHook(ClipGrad(maxNorm: 1)).addHook(WeightDecay(rate: 1))
            .update(with: { setGrads(clipThenDecay, [0, 0], [0]) })
        // Decayed gradients are the weights (1, 2, 3), norm √14, then clipped to norm ≈ 1.
        let r = 1 / (14.0.squareRoot() + 1e-6)
        #expect(decayThenClip.first.w.data.allClose(NDArray([1 - r, 2 - 2 * r]), atol: 1e-15))
        // Zero gradients are not clipped; the decay then steps each weight to zero.
        #expect(clipThenDecay.first.w.data == NDArray([0.0, 0.0]))
        #expect(clipThenDecay.second.w.data == NDArray([0.0]))
    }
}

private extension Optimizer {
    /// Sets gradients, then updates (keeps the chained set-ups above on one line each).
    func update(with setGradients: () -> Void) {
        setGradients()
        update()
    }
}
