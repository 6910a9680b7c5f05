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

    static var x: NDArray { sampleArray([3, 4], seed: 1) }
    static var positive: NDArray { sampleArray([3, 4], seed: 2, low: 0.5, high: 3) }

    static func unary(named name: String) -> (Variable) -> Variable {
        switch name {
        case "square": return { square($0) }
        case "exp": return { exp($0) }
        case "sin": return { sin($0) }
        case "cos": return { cos($0) }
        case "tanh": return { tanh($0) }
        case "sigmoid": return { sigmoid($0) }
        case "relu": return { relu($0) }
        case "leakyRelu": return { leakyRelu($0) }
        case "softmax": return { softmax($0) }
        case "logSoftmax": return { logSoftmax($0, axis: 0) }
        case "power": return { $0 ** 3 }
        case "negate": return { -$0 }
        case "sum": return { sum($0, axis: 1, keepdims: true) }
        case "mean": return { mean($0, axes: [0, 1]) }
        case "max": return { max($0, axis: 0) }
        case "min": return { min($0) }
        case "reshape": return { reshape($0, [4, 3]) }
        case "transpose": return { transpose($0) }
        case "transposeAxes": return { transpose(reshape($0, [3, 2, 2]), axes: [2, 0, 1]) }
        case "sumTo": return { sumTo($0, shape: [1, 4]) }
        case "broadcastTo": return { broadcastTo(sumTo($0, shape: [1, 4]), shape: [2, 3, 4]) }
        case "clip": return { clip($0, min: -1, max: 1) }
        case "dropout": return { Dropout(scaledMask: NDArray([[2, 0, 2, 0], [0, 2, 2, 0], [2, 2, 0, 0]] as [[Double]]))($0) }
        default: fatalError("no function \(name)")
        }
    }

    @Test("one-input formulas", arguments: [
        "square", "exp", "sin", "cos", "tanh", "sigmoid", "relu", "leakyRelu", "softmax", "logSoftmax",
        "power", "negate", "sum", "mean", "max", "min", "reshape", "transpose", "transposeAxes",
        "sumTo", "broadcastTo", "clip", "dropout",
    ])
    func unary(_ name: String) {
        let f = Self.unary(named: name)
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
