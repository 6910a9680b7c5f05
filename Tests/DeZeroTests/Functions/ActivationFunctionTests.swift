import Foundation
import Testing
import DeZero

@Suite("tensor functions: sigmoid, relu, leakyRelu, softmax, logSoftmax, clip")
struct FunctionsActivationTests {
    @Test("gradient checks", arguments: [
        "sigmoid", "relu", "leakyRelu", "leakyRelu 0.01", "softmax", "softmax axis 0", "softmax axis -1",
        "softmax 3-d axis -2", "logSoftmax", "logSoftmax axis -1", "logSoftmax 3-d axis 0", "clip",
    ])
    func gradients(name: String) {
        let threeD = name.contains("3-d")
        let x = sampleArray(threeD ? [2, 3, 4] : [3, 4], seed: 51, low: -3, high: 3)
        let f: (Variable) -> Variable = switch name {
        case "sigmoid": sigmoid
        case "relu": relu
        case "leakyRelu": { leakyRelu($0) }
        case "leakyRelu 0.01": { leakyRelu($0, slope: 0.01) }
        case "softmax": { softmax($0) }
        case "softmax axis 0": { softmax($0, axis: 0) }
        case "softmax axis -1": { softmax($0, axis: -1) }
        case "softmax 3-d axis -2": { softmax($0, axis: -2) }
        case "logSoftmax": { logSoftmax($0) }
        case "logSoftmax axis -1": { logSoftmax($0, axis: -1) }
        case "logSoftmax 3-d axis 0": { logSoftmax($0, axis: 0) }
        default: { clip($0, min: -1, max: 1.5) }
        }
        let r = gradientCheck(weightedOutput(f), x)
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("values by hand")
    func values() {
        let x = Variable([-2.0, 0.0, 3.0])
        #expect(relu(x).scalars(as: Double.self) == [0, 0, 3])
        #expect(valuesAgree(leakyRelu(x).scalars(as: Double.self), [-0.4, 0, 3]))
        #expect(valuesAgree(leakyRelu(x, slope: 0.1).scalars(as: Double.self), [-0.2, 0, 3]))
        #expect(valuesAgree(sigmoid(x).scalars(as: Double.self), [1 / (1 + Foundation.exp(2.0)), 0.5, 1 / (1 + Foundation.exp(-3.0))]))
        #expect(clip(x, min: -1, max: 1).scalars(as: Double.self) == [-1, 0, 1])
        let s = softmax(Variable(NDArray([[0, Foundation.log(3.0)]] as [[Double]])))
        #expect(valuesAgree(s.scalars(as: Double.self), [0.25, 0.75]))
    }

    @Test("relu and clip pass the gradient only where the value was not cut")
    func masks() {
        let x = Variable([-2.0, 0.5, 3.0])
        relu(x).backward()
        #expect(x.grad!.scalars(as: Double.self) == [0, 1, 1])
        x.clearGrad()
        clip(x, min: 0, max: 1).backward()
        #expect(x.grad!.scalars(as: Double.self) == [0, 1, 0])
        x.clearGrad()
        leakyRelu(x).backward()
        #expect(valuesAgree(x.grad!.scalars(as: Double.self), [0.2, 1, 1]))
    }

    @Test("relu's one-pass gradient kernel gives the three-step formula gy · (x > 0) bit for bit")
    func reluGradientKernel() {
        // Special values in both operands (NaN, ±∞, ±0, subnormal), then a random array large
        // enough to be split across threads; float32 and float64; a broadcast gy takes the
        // three steps themselves.
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, .leastNormalMagnitude / 4, -.leastNormalMagnitude / 4, 2, -2]
        let xs = specials.flatMap { x in specials.map { _ in x } }, gys = specials.flatMap { _ in specials }
        var rng = RandomGenerator(seed: 5)
        let cases: [(NDArray, NDArray)] = [
            (NDArray(gys, shape: [9, 9]), NDArray(xs, shape: [9, 9])),
            (rng.normal([3, 70_000]), rng.normal([3, 70_000])),
            (NDArray(2.0), NDArray([-1.0, 1.0])),
        ]
        for (gy, x) in cases {
            for dtype in [DType.float32, .float64] {
                let (g, v) = (gy.astype(dtype), x.astype(dtype))
                let fused = reluGradient(g, input: v), steps = g * (v .> 0.0).astype(dtype)
                #expect(fused.shape == steps.shape && fused.dtype == steps.dtype)
                let a = fused.astype(.float64).scalars(as: Double.self), b = steps.astype(.float64).scalars(as: Double.self)
                #expect(zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
            }
        }
    }

    @Test("large inputs stay finite: sigmoid(±1000), softmax and logSoftmax of 1000")
    func stability() {
        let x = Variable([-1000.0, 1000.0])
        let y = sigmoid(x)
        #expect(y.scalars(as: Double.self) == [0, 1])
        y.backward()
        #expect(x.grad!.scalars(as: Double.self) == [0, 0])
        let logits = Variable(NDArray([[0, 1000], [-1000, -1000]] as [[Double]]))
        #expect(softmax(logits).scalars(as: Double.self) == [0, 1, 0.5, 0.5])
        #expect(valuesAgree(logSoftmax(logits).scalars(as: Double.self), [-1000, 0, -Foundation.log(2.0), -Foundation.log(2.0)]))
        let f = Variable(NDArray([[0, 1000]] as [[Float]]))
        #expect(softmax(f).scalars(as: Float.self) == [0, 1])
        #expect(sigmoid(Variable([-200, 200] as [Float])).scalars(as: Float.self) == [0, 1])
    }

    @Test("softmax rows sum to 1; logSoftmax is its logarithm", arguments: [1, 0, -1])
    func consistency(axis: Int) {
        let x = Variable(sampleArray([3, 4], seed: 52, low: -5, high: 5))
        let s = softmax(x, axis: axis)
        let sums = s.sum(axis: axis).scalars(as: Double.self)
        #expect(sums.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(valuesAgree(exp(logSoftmax(x, axis: axis)).scalars(as: Double.self), s.scalars(as: Double.self)))
    }

    @Test("second order through sigmoid, softmax, logSoftmax, leakyRelu",
          arguments: ["sigmoid", "softmax", "logSoftmax", "leakyRelu", "relu"])
    func secondOrder(name: String) {
        let r: GradientCheckResult
        switch name {
        case "sigmoid": r = gradientCheck(createGraphGradient(sigmoid), sampleArray([2, 3], seed: 53), rtol: 1e-4, atol: 1e-5)
        case "softmax": r = gradientCheck(createGraphGradient({ softmax($0, axis: -1) }), sampleArray([2, 3], seed: 53), rtol: 1e-4, atol: 1e-5)
        case "logSoftmax": r = gradientCheck(createGraphGradient({ logSoftmax($0) }), sampleArray([2, 3], seed: 53), rtol: 1e-4, atol: 1e-5)
        case "leakyRelu": r = gradientCheck(createGraphGradientOfCubed({ leakyRelu($0) }), sampleArray([2, 3], seed: 53), rtol: 1e-4, atol: 1e-5)
        default: r = gradientCheck(createGraphGradientOfCubed(relu), sampleArray([2, 3], seed: 53), rtol: 1e-4, atol: 1e-5)
        }
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("sigmoid's third derivative (createGraph twice) matches the formula")
    func sigmoidHigherOrder() {
        // σ' = σ(1−σ), σ'' = σ'(1−2σ), σ''' = σ'(1 − 6σ + 6σ²).
        let x = Variable(0.7)
        let s = 1 / (1 + Foundation.exp(-0.7))
        sigmoid(x).backward(createGraph: true)
        var g = x.grad!
        for _ in 0..<2 {
            x.clearGrad()
            g.backward(createGraph: true)
            g = x.grad!
        }
        let d1 = s * (1 - s)
        #expect(abs(g.item() - d1 * (1 - 6 * s + 6 * s * s)) < 1e-12)
    }
}
