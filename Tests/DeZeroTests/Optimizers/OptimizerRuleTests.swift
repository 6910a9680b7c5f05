import Foundation
import Testing
import DeZero

/// A layer holding one parameter, for driving optimizers with gradients set by hand.
final class OptimizerTestLayer: Layer {
    let w: Parameter
    init(_ values: [Double], dtype: DType = .float64) {
        w = Parameter(NDArray(values).astype(dtype), name: "w")
        super.init()
    }
}

/// Fixed numbers for three update steps; the second gradient has a zero, which the adaptive
/// rules must survive.
enum OptimizerFixture {
    static let start: [Double] = [0.5, -1.0, 2.0]
    static let grads: [[Double]] = [[0.1, -0.2, 0.3], [-0.4, 0.0, 0.05], [1.0, 0.25, -2.0]]
}

/// Runs three updates with the fixture's gradients; returns the weights after each.
func runThreeSteps(_ optimizer: Optimizer, dtype: DType = .float64) -> [[Double]] {
    let layer = OptimizerTestLayer(OptimizerFixture.start, dtype: dtype)
    optimizer.setup(layer)
    return OptimizerFixture.grads.map { g in
        layer.w.grad = Variable(NDArray(g).astype(dtype))
        optimizer.update()
        return layer.w.data.astype(.float64).scalars(as: Double.self)
    }
}

func expectStepsClose(_ got: [[Double]], _ want: [[Double]], tolerance: Double,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == want.count, sourceLocation: sourceLocation)
    for (step, (a, b)) in zip(got, want).enumerated() {
        for (x, y) in zip(a, b) where !(abs(x - y) <= tolerance * max(1, abs(y))) {
            Issue.record("step \(step + 1): got \(a), expected \(b)", sourceLocation: sourceLocation)
            break
        }
    }
}

// Each test writes its rule out with plain Doubles, element by element, and carries the state
// (velocity, moments) across the three steps itself.
@Suite("optimizers: three steps against the rules written out")
struct OptimizerRuleTests {
    @Test("SGD: w ← w − lr·g")
    func sgd() {
        var w = OptimizerFixture.start
        var want: [[Double]] = []
        for g in OptimizerFixture.grads {
            for i in 0..<3 { w[i] -= 0.1 * g[i] }
            want.append(w)
        }
        expectStepsClose(runThreeSteps(SGD(lr: 0.1)), want, tolerance: 1e-15)
        expectStepsClose(runThreeSteps(SGD(lr: 0.1), dtype: .float32), want, tolerance: 1e-6)
    }

    @Test("SGD's default learning rate is DeZero's 0.01")
    func sgdDefault() {
        expectStepsClose(runThreeSteps(SGD()), [[0.499, -0.998, 1.997], [0.503, -0.998, 1.9965], [0.493, -1.0005, 2.0165]],
                    tolerance: 1e-14)
    }

    @Test("MomentumSGD: v ← m·v − lr·g, w ← w + v, v carried over")
    func momentum() {
        var w = OptimizerFixture.start, v = [0.0, 0, 0]
        var want: [[Double]] = []
        for g in OptimizerFixture.grads {
            for i in 0..<3 {
                v[i] = 0.9 * v[i] - 0.1 * g[i]
                w[i] += v[i]
            }
            want.append(w)
        }
        expectStepsClose(runThreeSteps(MomentumSGD(lr: 0.1, momentum: 0.9)), want, tolerance: 1e-14)
        expectStepsClose(runThreeSteps(MomentumSGD(lr: 0.1, momentum: 0.9), dtype: .float32), want, tolerance: 1e-6)
        // The third step by hand for w[0]: v = −0.01, −0.009 + 0.04 = 0.031, 0.0279 − 0.1 = −0.0721.
        #expect(abs(want[2][0] - (0.5 - 0.01 + 0.031 - 0.0721)) < 1e-15)
    }

    @Test("AdaGrad: h ← h + g², w ← w − lr·g/(√h + eps), h carried over")
    func adaGrad() {
        var w = OptimizerFixture.start, h = [0.0, 0, 0]
        var want: [[Double]] = []
        for g in OptimizerFixture.grads {
            for i in 0..<3 {
                h[i] += g[i] * g[i]
                w[i] -= 0.5 * g[i] / (h[i].squareRoot() + 1e-8)
            }
            want.append(w)
        }
        expectStepsClose(runThreeSteps(AdaGrad(lr: 0.5)), want, tolerance: 1e-14)
        expectStepsClose(runThreeSteps(AdaGrad(lr: 0.5), dtype: .float32), want, tolerance: 1e-6)
    }

    @Test("AdaDelta: running means of g² and of the steps, carried over")
    func adaDelta() {
        let rho = 0.9, eps = 1e-6
        var w = OptimizerFixture.start, msg = [0.0, 0, 0], msdx = [0.0, 0, 0]
        var want: [[Double]] = []
        for g in OptimizerFixture.grads {
            for i in 0..<3 {
                msg[i] = rho * msg[i] + (1 - rho) * g[i] * g[i]
                let dx = ((msdx[i] + eps) / (msg[i] + eps)).squareRoot() * g[i]
                msdx[i] = rho * msdx[i] + (1 - rho) * dx * dx
                w[i] -= dx
            }
            want.append(w)
        }
        expectStepsClose(runThreeSteps(AdaDelta(rho: rho)), want, tolerance: 1e-14)
        expectStepsClose(runThreeSteps(AdaDelta(rho: rho), dtype: .float32), want, tolerance: 1e-6)
    }

    @Test("Adam: moments carried over, step lr·√(1−β₂ᵗ)/(1−β₁ᵗ)")
    func adam() {
        let lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8
        var w = OptimizerFixture.start, m = [0.0, 0, 0], v = [0.0, 0, 0]
        var want: [[Double]] = []
        for (k, g) in OptimizerFixture.grads.enumerated() {
            let t = Double(k + 1)
            let lrt = lr * (1 - pow(b2, t)).squareRoot() / (1 - pow(b1, t))
            for i in 0..<3 {
                m[i] += (1 - b1) * (g[i] - m[i])
                v[i] += (1 - b2) * (g[i] * g[i] - v[i])
                w[i] -= lrt * m[i] / (v[i].squareRoot() + eps)
            }
            want.append(w)
        }
        expectStepsClose(runThreeSteps(Adam(lr: lr, beta1: b1, beta2: b2)), want, tolerance: 1e-14)
        expectStepsClose(runThreeSteps(Adam(lr: lr), dtype: .float32), want, tolerance: 1e-6)
    }

    @Test("Adam's bias correction: the first step moves every weight by lr against its gradient's sign")
    func adamBiasCorrection() {
        let adam = Adam(lr: 0.01)
        let after = runThreeSteps(adam)[0]
        // Uncorrected, the first step would be 0.01·0.1/√0.001 ≈ 0.0316 times smaller or larger.
        for (i, g) in OptimizerFixture.grads[0].enumerated() {
            #expect(abs((OptimizerFixture.start[i] - after[i]) - 0.01 * (g > 0 ? 1 : -1)) < 1e-7)
        }
        #expect(adam.iteration == 3)
        #expect(abs(adam.correctedLR - 0.01 * (1 - 0.999 * 0.999 * 0.999).squareRoot() / (1 - 0.9 * 0.9 * 0.9)) < 1e-16)
    }

    @Test("a parameter without a gradient is left alone and gets no state")
    func skipsMissingGradients() {
        final class Two: Layer {
            let a = Parameter(NDArray([1.0, 2.0]))
            let b = Parameter(NDArray([3.0]))
        }
        let model = Two()
        let adam = Adam().setup(model)
        model.a.grad = Variable(NDArray([1.0, 1.0]))
        adam.update()
        #expect(model.b.data == NDArray([3.0]))
        #expect(model.a.data != NDArray([1.0, 2.0]))
        #expect(adam.state.slots.keys.sorted() == ["a"])
    }

    @Test("float32 gradients of float64 parameters are converted, and the parameter stays float64")
    func mixedDtypes() {
        let layer = OptimizerTestLayer([1.0, 2.0])
        let sgd = SGD(lr: 0.5).setup(layer)
        layer.w.grad = Variable(NDArray([2, 4] as [Float]))
        sgd.update()
        #expect(layer.w.data == NDArray([0.0, 0.0]))
    }

    @Test("a large parameter, split over threads, gets the same Adam steps as an element loop")
    func largeParameterThreaded() {
        let n = 300_001  // several threading grains and a ragged end
        var g = RandomGenerator(seed: 1)
        let w0 = g.normal([n], dtype: .float32), g1 = g.normal([n], dtype: .float32), g2 = g.normal([n], dtype: .float32)
        let layer = OptimizerTestLayer([0])
        layer.w.data = w0
        let adam = Adam(lr: 0.001).setup(layer)
        for grad in [g1, g2] {
            layer.w.grad = Variable(grad)
            adam.update()
        }
        var w = w0.scalars(as: Float.self)
        var m = [Float](repeating: 0, count: n), v = m
        for (k, grad) in [g1, g2].map({ $0.scalars(as: Float.self) }).enumerated() {
            let t = Double(k + 1)
            let lrt = Float(0.001 * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t)))
            for i in 0..<n {
                m[i] += 0.1 * (grad[i] - m[i])
                v[i] += 0.001 * (grad[i] * grad[i] - v[i])
                w[i] -= lrt * m[i] / (v[i].squareRoot() + 1e-8)
            }
        }
        let got = layer.w.data.scalars(as: Float.self)
        let worst = zip(got, w).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-6)
    }

    @Test("update() before setup(_:) stops with a message")
    func updateWithoutSetup() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            SGD().update()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("SGD.update(): call setup(_:) with a model first"))
    }
}
