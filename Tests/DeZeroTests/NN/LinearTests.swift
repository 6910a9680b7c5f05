import Foundation
import Testing
import DeZero

/// The sum of all elements as a differentiable scalar.
func nnTotalSum(_ x: Variable) -> Variable { sumTo(x, shape: []) }

@Suite("layers: Linear")
struct LinearTests {
    @Test("the input size comes from the first input: W is created then, b at once")
    func lazyShapes() {
        let layer = withRandomSource(seed: 0) { Linear(outSize: 4) }
        #expect(layer.inSize == nil)
        #expect(layer.W.shape == [0])
        #expect(layer.b!.shape == [4])
        #expect(layer.namedParams.map(\.key) == ["W", "b"])  // known before W exists
        let y = layer(Variable(NDArray.ones([5, 3], dtype: .float32)))
        #expect(layer.inSize == 3)
        #expect(layer.W.shape == [3, 4])
        #expect(layer.W.dtype == .float32 && layer.b!.dtype == .float32)
        #expect(y.shape == [5, 4])
        #expect(y.dtype == .float32)
        #expect(layer.b!.data.scalars(as: Float.self) == [0, 0, 0, 0])
    }

    @Test("an explicit inSize creates W at once; nobias leaves b out; float64")
    func explicitSizeNoBias() {
        let layer = withRandomSource(seed: 0) { Linear(outSize: 2, nobias: true, dtype: .float64, inSize: 6) }
        #expect(layer.W.shape == [6, 2])
        #expect(layer.W.dtype == .float64)
        #expect(layer.b == nil)
        #expect(layer.namedParams.map(\.key) == ["W"])
        #expect(layer.W.name == "W")
    }

    @Test("forward is x·W + b, and backward gives the gradients worked out by hand")
    func forwardBackward() {
        let layer = withRandomSource(seed: 0) { Linear(outSize: 3, inSize: 2) }
        layer.W.data = NDArray([[1, 0, -1], [2, 1, 0]] as [[Float]])
        layer.b!.data = NDArray([0.5, 0, 1] as [Float])
        let x = Variable(NDArray([[1, 2], [3, 4]] as [[Float]]))
        let y = layer(x)
        #expect(y.data == NDArray([[5.5, 2, 0], [11.5, 4, -2]] as [[Float]]))
        nnTotalSum(y).backward()
        // dL/dW = xᵀ·1, dL/db = column sums of 1, dL/dx = 1·Wᵀ (row sums of W).
        #expect(layer.W.grad!.data == NDArray([[4, 4, 4], [6, 6, 6]] as [[Float]]))
        #expect(layer.b!.grad!.data == NDArray([2, 2, 2] as [Float]))
        #expect(x.grad!.data == NDArray([[0, 3], [0, 3]] as [[Float]]))
    }

    @Test("W assigned before the first forward (as loading does) is used, not redrawn")
    func assignedBeforeFirstCall() {
        let layer = Linear(outSize: 2)
        layer.W.data = NDArray([[1, 2], [3, 4], [5, 6]] as [[Float]])
        #expect(layer.inSize == 3)
        let y = layer(Variable(NDArray([[1, 1, 1]] as [[Float]])))
        #expect(y.data == NDArray([[9, 12]] as [[Float]]))
    }

    @Test("W ~ normal(0, 1)·√(1/inSize): mean, standard deviation and the one-sigma fraction")
    func initStatistics() {
        let inSize = 400
        let layer = withRandomSource(seed: 11) { Linear(outSize: 500, inSize: inSize) }
        let w = layer.W.data.scalars(as: Float.self).map(Double.init)
        let n = Double(w.count)
        let mean = w.reduce(0, +) / n
        let std = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
        let sigma = (1.0 / Double(inSize)).squareRoot()   // 0.05
        // Standard errors: σ/√n ≈ 1.1e-4 for the mean, σ/√(2n) ≈ 8e-5 for the deviation.
        #expect(abs(mean) < 1e-3)
        #expect(abs(std - sigma) < 1e-3)
        let withinOneSigma = Double(w.filter { abs($0) < sigma }.count) / n
        #expect(abs(withinOneSigma - 0.6827) < 0.005)
    }

    @Test("weights come from the source current when the layer was made, drawn at first forward")
    func randomSourceCapture() {
        let layer = withRandomSource(seed: 3) { Linear(outSize: 4) }
        _ = layer(Variable(NDArray.ones([1, 2], dtype: .float32)))   // outside the scope
        var g = RandomGenerator(seed: 3)
        let standard = g.normal([2, 4], dtype: .float64)
        let scaled = layer.W.data.astype(.float64) / (1.0 / 2.0).squareRoot()
        #expect(scaled.allClose(standard, rtol: 1e-6, atol: 1e-6))

        // Same seed, same weights; layers sharing one source get successive draws.
        let source = RandomSource(seed: 5)
        let (a, b) = withRandomSource(source) { (Linear(outSize: 3, inSize: 3), Linear(outSize: 3, inSize: 3)) }
        let again = withRandomSource(seed: 5) { Linear(outSize: 3, inSize: 3) }
        #expect(a.W.data == again.W.data)
        #expect(a.W.data != b.W.data)
    }

    @Test("an input with the wrong number of features stops with a message naming the shapes")
    func featureMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = withRandomSource(seed: 0) { Linear(outSize: 2, inSize: 3) }
            _ = layer(Variable(NDArray.ones([4, 5], dtype: .float32)))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Linear: input of shape (4, 5) has 5 features, but W has shape (3, 2)"))
    }
}
