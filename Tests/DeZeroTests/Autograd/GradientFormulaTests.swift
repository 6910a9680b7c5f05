import Testing
import DeZero

/// Each built-in gradient formula is written once and runs on arrays in a plain backward and
/// on recorded variables under `createGraph`. These tests run both and compare: they catch an
/// operation that the array side and the variable side of the formula spell differently.
@Suite("gradient formulas: arrays and recorded variables agree")
struct GradientFormulaTests {
    /// The gradients of `Σ w·f(inputs)` for each input, by a plain backward and by one with
    /// `createGraph`.
    static func bothWays(_ inputs: [NDArray], _ f: ([Variable]) -> Variable) -> (plain: [NDArray], recorded: [NDArray]) {
        func gradients(createGraph: Bool) -> [NDArray] {
            let xs = inputs.map { Variable($0) }
            let y = f(xs)
            sum(y * sampleArray(y.shape, seed: 5)).backward(createGraph: createGraph)
            return xs.map { $0.grad!.data }
        }
        return (gradients(createGraph: false), gradients(createGraph: true))
    }

    static func agree(_ inputs: [NDArray], _ f: ([Variable]) -> Variable) -> Bool {
        let (plain, recorded) = bothWays(inputs, f)
        return zip(plain, recorded).allSatisfy { p, r in
            p.shape == r.shape && p.dtype == r.dtype
                && valuesAgree(p.scalars(as: Double.self), r.scalars(as: Double.self))
        }
    }

    static let x = sampleArray([3, 4], seed: 1)
    static let positive = sampleArray([3, 4], seed: 2, low: 0.5, high: 3)

    @Test("one-input formulas", arguments: [
        ("square", { square($0) }), ("exp", { exp($0) }), ("sin", { sin($0) }), ("cos", { cos($0) }),
        ("tanh", { tanh($0) }), ("sigmoid", { sigmoid($0) }), ("relu", { relu($0) }),
        ("leakyRelu", { leakyRelu($0) }), ("softmax", { softmax($0) }), ("logSoftmax", { logSoftmax($0, axis: 0) }),
        ("power", { $0 ** 3 }), ("negate", { -$0 }), ("sum", { sum($0, axis: 1, keepdims: true) }),
        ("mean", { mean($0, axes: [0, 1]) }), ("max", { max($0, axis: 0) }), ("min", { min($0) }),
        ("reshape", { reshape($0, [4, 3]) }), ("transpose", { transpose($0) }),
        ("sumTo", { sumTo($0, shape: [1, 4]) }), ("broadcastTo", { broadcastTo(sumTo($0, shape: [1, 4]), shape: [2, 3, 4]) }),
        ("clip", { clip($0, min: -1, max: 1) }),
        ("dropout", { Dropout(scaledMask: NDArray([[2, 0, 2, 0], [0, 2, 2, 0], [2, 2, 0, 0]] as [[Double]]))($0) }),
    ] as [(String, @Sendable (Variable) -> Variable)])
    func unary(_ name: String, _ f: @Sendable (Variable) -> Variable) {
        #expect(Self.agree([Self.x]) { f($0[0]) }, "\(name)")
    }

    @Test("formulas that need positive inputs")
    func positiveOnly() {
        #expect(Self.agree([Self.positive]) { log($0[0]) })
        #expect(Self.agree([Self.positive]) { sqrt($0[0]) })
    }

    @Test("two-input formulas, with broadcasting")
    func binary() {
        let row = sampleArray([1, 4], seed: 3)
        #expect(Self.agree([Self.x, row]) { $0[0] + $0[1] })
        #expect(Self.agree([Self.x, row]) { $0[0] - $0[1] })
        #expect(Self.agree([Self.x, row]) { $0[0] * $0[1] })
        #expect(Self.agree([Self.x, Self.positive]) { $0[0] / $0[1] })
        #expect(Self.agree([Self.x, row]) { meanSquaredError($0[0], $0[1]) })
        #expect(Self.agree([Self.x, sampleArray([4, 2], seed: 4)]) { matmul($0[0], $0[1]) })
        #expect(Self.agree([Self.x, sampleArray([4, 2], seed: 4), sampleArray([2], seed: 6)]) { linear($0[0], $0[1], $0[2]) })
    }

    @Test("losses with labels: the logits' gradients agree")
    func losses() {
        let labels = Variable(NDArray([0, 3, 1]))
        #expect(Self.agree([Self.x]) { softmaxCrossEntropy($0[0], labels) })
        let targets = sampleArray([3, 4], seed: 7, low: 0, high: 1)
        #expect(Self.agree([Self.x, targets]) { sigmoidCrossEntropy($0[0], $0[1]) })
    }
}
