import Testing
import DeZero

/// Deterministic float64 test inputs without touching any global generator.
func sampleArray(_ shape: [Int], seed: Int, low: Double = -2, high: Double = 2) -> NDArray {
    var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
    let n = shape.reduce(1, *)
    let values = (0..<n).map { _ -> Double in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return low + (high - low) * Double(state >> 11) / Double(1 << 53)
    }
    return NDArray(values, shape: shape)
}

@Suite("gradient checks: arithmetic with broadcasting")
struct OperatorGradientTests {
    static let shapePairs: [([Int], [Int])] = [
        ([3], [3]), ([2, 3], [3]), ([3], [2, 3]), ([2, 1], [1, 3]), ([2, 3], []), ([], [2, 3]),
        ([4, 1, 3], [2, 1]), ([], []), ([2, 3], [2, 3]),
    ]

    @Test("+ − * / between variables, both broadcasting directions", arguments: shapePairs)
    func binary(shapes: ([Int], [Int])) {
        let a = sampleArray(shapes.0, seed: 1)
        let b = sampleArray(shapes.1, seed: 2, low: 0.5, high: 2)  // away from zero for division
        let ops: [(String, (Variable, Variable) -> Variable)] = [
            ("+", { $0 + $1 }), ("-", { $0 - $1 }), ("*", { $0 * $1 }), ("/", { $0 / $1 }),
        ]
        for (name, op) in ops {
            let r = gradientCheck({ op($0[0], $0[1]) }, [a, b])
            #expect(r.passed, "\(name) \(shapes): \(r)")
        }
    }

    @Test("scalars and arrays on either side of each operator")
    func mixedOperands() {
        let x = sampleArray([2, 3], seed: 3, low: 0.5, high: 2)
        let c = NDArray([1.5, -2.0, 0.75])
        let cases: [(String, (Variable) -> Variable)] = [
            ("x+2.0", { $0 + 2.0 }), ("2.0+x", { 2.0 + $0 }), ("x-3", { $0 - 3 }), ("3-x", { 3 - $0 }),
            ("x*Float", { $0 * Float(1.5) }), ("Float*x", { Float(1.5) * $0 }), ("x/4", { $0 / 4 }),
            ("4/x", { 4 / $0 }), ("x+arr", { $0 + c }), ("arr-x", { c - $0 }), ("arr*x", { c * $0 }),
            ("x/arr", { $0 / c }), ("arr/x", { c / $0 }), ("-x", { -$0 }),
            ("x**3", { $0 ** 3 }), ("x**0.5", { $0 ** 0.5 }), ("x**-1.5", { $0 ** -1.5 }),
        ]
        for (name, f) in cases {
            let r = gradientCheck(f, x)
            #expect(r.passed, "\(name): \(r)")
        }
    }

    @Test("math functions", arguments: ["square", "exp", "log", "sin", "cos", "tanh", "sqrt"])
    func math(name: String) {
        let positive = name == "log" || name == "sqrt"
        let x = sampleArray([2, 3], seed: 4, low: positive ? 0.2 : -2, high: 2)
        let f: (Variable) -> Variable = switch name {
        case "square": square
        case "exp": exp
        case "log": log
        case "sin": sin
        case "cos": cos
        case "tanh": tanh
        default: sqrt
        }
        let r = gradientCheck(f, x)
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("second derivatives through createGraph match central differences of the gradient",
          arguments: ["square", "exp", "log", "sin", "cos", "tanh", "sqrt", "div", "pow"])
    func secondOrder(name: String) {
        let f: (Variable) -> Variable = switch name {
        case "square": square
        case "exp": exp
        case "log": log
        case "sin": sin
        case "cos": cos
        case "tanh": tanh
        case "sqrt": sqrt
        case "div": { 1 / $0 }
        default: { $0 ** 2.5 }
        }
        // g(x) = df/dx, built with createGraph, is itself differentiable.
        let gradient: (Variable) -> Variable = { x in
            let y = f(x)
            y.backward(createGraph: true)
            let gx = x.grad!
            x.clearGrad()
            return gx
        }
        let x = sampleArray([3], seed: 5, low: 0.3, high: 1.8)
        let r = gradientCheck(gradient, x, rtol: 1e-4, atol: 1e-5)
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("sumTo and broadcastTo are each other's gradient")
    func broadcasting() {
        let x = sampleArray([2, 3], seed: 6)
        #expect(gradientCheck({ sumTo($0, shape: [1, 3]) * NDArray([1.0, 2.0, 3.0], shape: [1, 3]) }, x).passed)
        #expect(gradientCheck({ sumTo($0, shape: [2, 1]) * NDArray([1.0, -2.0], shape: [2, 1]) }, x).passed)
        let v = sampleArray([3], seed: 7)
        #expect(gradientCheck({ broadcastTo($0, shape: [2, 3]) * sampleArray([2, 3], seed: 8) }, v).passed)
    }

    @Test("float32 stays float32 with Swift scalars; mixing with float64 gives float64")
    func promotion() {
        let x = Variable(NDArray([1, 2] as [Float], shape: [2]))
        #expect((x * 2.0).dtype == .float32)
        #expect((3 - x).dtype == .float32)
        #expect((x ** 2).dtype == .float32)
        #expect((x + Variable(NDArray([1.0, 2.0]))).dtype == .float64)
        let y = x * x
        y.backward()
        #expect(x.grad!.dtype == .float32)
        #expect(x.grad!.scalars(as: Float.self) == [2, 4])
    }

    @Test("mismatched shapes stop with a message naming the operation and shapes")
    func shapeMismatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Variable(NDArray([1.0, 2, 3])) + Variable(NDArray([1.0, 2]))
        }
    }
}
