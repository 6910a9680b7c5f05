import Testing
import DeZero

private final class Net: Layer {
    let l1 = OptimizerTestLayer([0.5, -1.0, 2.0])
    let l2 = OptimizerTestLayer([4.0])
}

private func setGrads(_ net: Net, step: Int) {
    net.l1.w.grad = Variable(NDArray(OptimizerFixture.grads[step]))
    net.l2.w.grad = Variable(NDArray([OptimizerFixture.grads[step][0] * 2]))
}

@Suite("optimizers: state for checkpoints")
struct OptimizerStateTests {
    @Test("state names each parameter's arrays by key and slot; flattening round-trips")
    func stateLayout() {
        let net = Net()
        let momentum = MomentumSGD(lr: 0.1, momentum: 0.9).setup(net)
        setGrads(net, step: 0)
        momentum.update()
        let state = momentum.state
        #expect(state.iteration == 1)
        #expect(state.slots.keys.sorted() == ["l1/w", "l2/w"])
        // After one step from zero, v = −lr·g.
        #expect(state.slots["l1/w"]!["v"]!.allClose(NDArray([-0.01, 0.02, -0.03]), atol: 1e-15))
        #expect(state.flattened.keys.sorted() == ["l1/w/v", "l2/w/v"])
        #expect(OptimizerState(iteration: 1, flattened: state.flattened) == state)
        #expect(Adam().setup(net).state == OptimizerState(iteration: 0, slots: [:]))
    }

    @Test("each optimizer saves its state under the names checkpoints hold (m/v, v, h, msg/msdx)")
    func stateNamesAreTheCheckpointFormat() {
        let expected: [(Optimizer, [String])] = [
            (SGD(), []), (MomentumSGD(), ["l1/w/v", "l2/w/v"]), (AdaGrad(), ["l1/w/h", "l2/w/h"]),
            (AdaDelta(), ["l1/w/msdx", "l1/w/msg", "l2/w/msdx", "l2/w/msg"]),
            (Adam(), ["l1/w/m", "l1/w/v", "l2/w/m", "l2/w/v"]),
        ]
        for (optimizer, keys) in expected {
            let net = Net()
            optimizer.setup(net)
            setGrads(net, step: 0)
            optimizer.update()
            #expect(optimizer.state.flattened.keys.sorted() == keys, "\(type(of: optimizer))")
            #expect(optimizer.state.flattened.values.allSatisfy { $0.dtype == .float64 && $0.shape == [3] || $0.shape == [1] })
        }
    }

    @Test("a restored state continues exactly where the saved run was (Adam, momentum, AdaDelta)")
    func resume() throws {
        for make in [{ Adam(lr: 0.05) as Optimizer }, { MomentumSGD(lr: 0.1) as Optimizer }, { AdaDelta() as Optimizer }] {
            // One run of three steps …
            let straight = Net()
            let a = make().setup(straight)
            for step in 0..<3 { setGrads(straight, step: step); a.update() }

            // … against two steps, a save, and a fresh optimizer on a copy of the weights.
            let first = Net()
            let b = make().setup(first)
            for step in 0..<2 { setGrads(first, step: step); b.update() }
            let saved = OptimizerState(iteration: b.state.iteration, flattened: b.state.flattened)
            let resumed = Net()
            resumed.l1.w.data = first.l1.w.data
            resumed.l2.w.data = first.l2.w.data
            let c = make().setup(resumed)
            try c.loadState(saved)
            setGrads(resumed, step: 2)
            c.update()

            #expect(resumed.l1.w.data == straight.l1.w.data, "\(type(of: c))")
            #expect(resumed.l2.w.data == straight.l2.w.data, "\(type(of: c))")
            #expect(c.iteration == 3)
        }
    }

    @Test("a state that does not fit is refused whole, listing every problem")
    func mismatches() {
        let net = Net()
        let adam = Adam().setup(net)
        setGrads(net, step: 0)
        adam.update()
        let before = adam.state
        var bad = before
        bad.slots["l3/w"] = ["m": NDArray([0.0]), "v": NDArray([0.0])]
        bad.slots["l2/w"]!["m"] = NDArray([0.0, 0.0])
        bad.slots["l1/w"] = ["v": NDArray.zeros([3])]
        #expect(throws: OptimizerStateError.self) { try adam.loadState(bad) }
        do {
            try adam.loadState(bad)
        } catch {
            #expect(error.problems.count == 3)
            #expect(error.problems.contains("no parameter l3/w in the model"))
            #expect(error.problems.contains("l2/w/m is (2,) float64, the parameter is (1,) float64"))
            #expect(error.problems.contains("l1/w has state [\"v\"], Adam keeps [\"m\", \"v\"]"))
        }
        #expect(adam.state == before)
        #expect(throws: OptimizerStateError.self) { try Adam().loadState(before) }  // no setup
    }
}
