import Testing
import DeZero

@Suite("tensor functions: sum, mean, max, min")
struct FunctionsReductionTests {
    /// (axes, keepdims); `nil` axes reduces everything.
    static let cases: [([Int]?, Bool)] = [
        (nil, false), (nil, true), ([0], false), ([1], true), ([-1], false), ([-1], true),
        ([0, 2], false), ([-1, -3], true), ([2, 0, 1], false),
    ]

    static func reduce(_ kind: String, _ x: Variable, _ axes: [Int]?, _ keepdims: Bool) -> Variable {
        switch (kind, axes) {
        case ("sum", nil): return x.sum(keepdims: keepdims)
        case ("sum", let a?): return a.count == 1 ? x.sum(axis: a[0], keepdims: keepdims) : sum(x, axes: a, keepdims: keepdims)
        case ("mean", nil): return mean(x, keepdims: keepdims)
        case ("mean", let a?): return a.count == 1 ? mean(x, axis: a[0], keepdims: keepdims) : x.mean(axes: a, keepdims: keepdims)
        case ("max", nil): return x.max(keepdims: keepdims)
        case ("max", let a?): return a.count == 1 ? max(x, axis: a[0], keepdims: keepdims) : x.max(axes: a, keepdims: keepdims)
        case ("min", nil): return min(x, keepdims: keepdims)
        case (_, let a?): return a.count == 1 ? x.min(axis: a[0], keepdims: keepdims) : min(x, axes: a, keepdims: keepdims)
        default: return x.min(keepdims: keepdims)
        }
    }

    @Test("gradient checks over axes (negative too) and keepdims", arguments: ["sum", "mean", "max", "min"])
    func gradients(kind: String) {
        let x = sampleArray([2, 3, 4], seed: 21)
        for (axes, keepdims) in Self.cases {
            let r = gradientCheck(weightedOutput({ Self.reduce(kind, $0, axes, keepdims) }), x)
            #expect(r.passed, "\(kind) axes \(String(describing: axes)) keepdims \(keepdims): \(r)")
        }
    }

    @Test("output shapes with and without keepdims, negative axes included")
    func shapes() {
        let x = Variable(sampleArray([2, 3, 4], seed: 22))
        #expect(x.sum().shape == [])
        #expect(x.sum(keepdims: true).shape == [1, 1, 1])
        #expect(x.sum(axis: -1).shape == [2, 3])
        #expect(mean(x, axes: [-1, 0], keepdims: true).shape == [1, 3, 1])
        #expect(max(x, axis: -2, keepdims: true).shape == [2, 1, 4])
        #expect(x.min(axes: [0, -1]).shape == [3])
    }

    @Test("values: sum, mean, max, min by hand")
    func values() {
        let x = Variable(NDArray([[1, 5, 3], [4, 2, 6]] as [[Double]]))
        #expect(x.sum().item() == 21)
        #expect(x.sum(axis: 0).scalars(as: Double.self) == [5, 7, 9])
        #expect(x.mean(axis: -1).scalars(as: Double.self) == [3, 4])
        #expect(x.max(axis: -1).scalars(as: Double.self) == [5, 6])
        #expect(min(x, axis: 0).scalars(as: Double.self) == [1, 2, 3])
        #expect(max(x).item() == 6)
    }

    @Test("max and min send the gradient to the extremum, along negative axes too")
    func extremumGradient() {
        let x = Variable(NDArray([[1, 5, 3], [4, 2, 6]] as [[Double]]))
        let y = max(x, axis: -1) * NDArray([10.0, 100.0])
        y.backward()
        #expect(x.grad!.scalars(as: Double.self) == [0, 10, 0, 0, 0, 100])
        x.clearGrad()
        min(x, axes: [-2, -1], keepdims: true).backward()
        #expect(x.grad!.scalars(as: Double.self) == [1, 0, 0, 0, 0, 0])
    }

    @Test("ties share the gradient equally (documented choice; DeZero gives each the whole)")
    func ties() {
        let x = Variable(NDArray([[3, 1, 3], [2, 2, 2]] as [[Double]]))
        max(x, axis: 1).backward()
        let g = x.grad!.scalars(as: Double.self)
        #expect(valuesAgree(g, [0.5, 0, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3]))
    }

    @Test("reductions broadcast back inside expressions: x - mean(x, keepdims)")
    func broadcastingExpression() {
        let x = sampleArray([3, 4], seed: 23)
        let centered: (Variable) -> Variable = { $0 - mean($0, axis: -1, keepdims: true) }
        #expect(gradientCheck(weightedOutput(centered), x).passed)
        let scaled: (Variable) -> Variable = { $0 / max($0 * $0, axis: 0, keepdims: true) }
        let r = gradientCheck(weightedOutput(scaled), x)
        #expect(r.passed, "\(r)")
    }

    @Test("second order through sum, mean and max", arguments: ["sum", "mean", "max"])
    func secondOrder(kind: String) {
        let r = gradientCheck(createGraphGradientOfCubed({ Self.reduce(kind, $0, [-1], kind == "mean") }),
                              sampleArray([2, 3], seed: 24), rtol: 1e-4, atol: 1e-5)
        #expect(r.passed, "\(kind): \(r)")
    }

    @Test("Swift's max and min on numbers still work beside the Variable overloads")
    func numbersStillWork() {
        #expect(max(3, 5) == 5)
        #expect(min(2.5, 1.5) == 1.5)
        #expect(max(1, 7, 4) == 7)
    }
}
