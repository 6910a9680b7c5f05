import Testing
import DeZero

/// float32 weights with float64 gradients (a float64 input through a float32 layer): SGD does
/// DeZero's `W.data -= lr * grad` as NumPy does it, in float64, rounded once into float32.
@Suite struct SGDMixedPrecisionTests {
    @Test func float32WeightsTakeTheFloat64UpdateRoundedOnce() {
        let layer = OptimizerTestLayer([1, 0.5], dtype: .float32)
        let optimizer = SGD(lr: 1).setup(layer)
        // 1 − (2⁻²⁵ + 2⁻⁵⁰) rounds to 1 − 2⁻²⁴; a gradient rounded to float32 first gives 1.
        layer.w.grad = Variable(NDArray([0x1p-25 + 0x1p-50, 0.25]))
        optimizer.update()
        #expect(layer.w.dtype == .float32)
        #expect(layer.w.data.scalars(as: Float.self) == [1 - 0x1p-24, 0.25])
    }
}
