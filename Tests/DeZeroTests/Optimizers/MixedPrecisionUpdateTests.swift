import Testing
import DeZero

/// float32 weights with float64 gradients (a float64 input through a float32 layer): every
/// optimizer takes the step in float64 and rounds the weights and its state once, as NumPy does
/// DeZero's `W.data -= lr * grad`, instead of rounding the gradient to float32 first.
@Suite struct MixedPrecisionUpdateTests {
    static func make(_ name: String) -> Optimizer {
        switch name {
        case "SGD": SGD(lr: 0.1)
        case "MomentumSGD": MomentumSGD(lr: 0.1, momentum: 0.9)
        case "AdaGrad": AdaGrad(lr: 0.1)
        case "AdaDelta": AdaDelta()
        default: Adam(lr: 0.1)
        }
    }
    /// Gradients with more bits than float32 holds, so rounding them first would show.
    static let grads: [[Double]] = [[0.1, -1.0 / 3, 0.7 + 0x1p-40], [1e-3 / 7, 0.2, -2.0 / 3], [-0.3, 1.0 / 9, 5e-4]]

    @Test("SGD: 1 − (2⁻²⁵ + 2⁻⁵⁰) rounds once to 1 − 2⁻²⁴ (rounding the gradient first gives 1)")
    func sgdRoundsOnce() {
        let layer = OptimizerTestLayer([1, 0.5], dtype: .float32)
        let optimizer = SGD(lr: 1).setup(layer)
        layer.w.grad = Variable(NDArray([0x1p-25 + 0x1p-50, 0.25]))
        optimizer.update()
        #expect(layer.w.dtype == .float32)
        #expect(layer.w.data.scalars(as: Float.self) == [1 - 0x1p-24, 0.25])
    }

    @Test("each step equals the float64 step from the float32 weights and state, rounded once",
          arguments: ["SGD", "MomentumSGD", "AdaGrad", "AdaDelta", "Adam"])
    func stepIsTheFloat64StepRoundedOnce(_ name: String) throws {
        let layer = OptimizerTestLayer([0.5, -1, 2], dtype: .float32)
        let optimizer = Self.make(name).setup(layer)
        for g in Self.grads {
            // The reference: a float64 optimizer started from this one's weights and state.
            let wide = OptimizerTestLayer(layer.w.data.astype(.float64).scalars(as: Double.self))
            let reference = Self.make(name).setup(wide)
            try reference.loadState(Self.converted(optimizer.state, to: .float64))
            wide.w.grad = Variable(NDArray(g))
            reference.update()

            layer.w.grad = Variable(NDArray(g))
            optimizer.update()
            #expect(layer.w.dtype == .float32)
            #expect(layer.w.data == wide.w.data.astype(.float32), "\(name) after \(g)")
            #expect(optimizer.state == Self.converted(reference.state, to: .float32), "\(name) state after \(g)")
        }
    }

    static func converted(_ state: OptimizerState, to dtype: DType) -> OptimizerState {
        OptimizerState(iteration: state.iteration, slots: state.slots.mapValues { $0.mapValues { $0.astype(dtype) } })
    }
}
