import Foundation
import Testing
import DeZero

@Suite("tensor functions: losses")
struct FunctionsLossTests {
    static let labels = NDArray([2, 0, 3, 3, 1])

    @Test("softmaxCrossEntropy gradient check, labels (N,) and (N, 1)", arguments: [[5], [5, 1]])
    func softmaxCrossEntropyGradient(labelShape: [Int]) {
        let t = Variable(Self.labels.reshape(labelShape))
        let r = gradientCheck({ softmaxCrossEntropy($0, t) }, sampleArray([5, 4], seed: 61, low: -3, high: 3))
        #expect(r.passed, "\(labelShape): \(r)")
    }

    @Test("softmaxCrossEntropy with logits ±1000 is finite and equals the hand value")
    func softmaxCrossEntropyLargeLogits() {
        let y = Variable(NDArray([[1000, -1000], [0, 0], [-1000, 1000]] as [[Double]]))
        let t = Variable(NDArray([0, 1, 0]))
        let loss = softmaxCrossEntropy(y, t)
        // Row losses: log(1 + e^-2000) = 0, log 2, 2000.
        #expect(abs(loss.item() - (2000 + Foundation.log(2.0)) / 3) < 1e-12)
        loss.backward()
        // (softmax − onehot) / N: softmax rows are [1, 0], [½, ½], [0, 1].
        let third = 1.0 / 3
        let expectedGrad: [Double] = [0, 0, 0.5 * third, -0.5 * third, -third, third]
        #expect(valuesAgree(y.grad!.scalars(as: Double.self), expectedGrad))
        let single = Variable(NDArray([[1000, -1000]] as [[Float]]))
        let f = softmaxCrossEntropy(single, Variable(NDArray([1], shape: [1, 1])))
        #expect(f.dtype == .float32)
        #expect(f.item() == 2000)
    }

    @Test("softmaxCrossEntropy equals −mean(logSoftmax picked at the labels), in and out of no-grad")
    func softmaxCrossEntropyDefinition() {
        let x = sampleArray([5, 4], seed: 62, low: -4, high: 4)
        let logp = logSoftmax(Variable(x)).scalars(as: Double.self)
        let picked = Self.labels.scalars(as: Int64.self).enumerated().map { logp[$0.offset * 4 + Int($0.element)] }
        let expected = -picked.reduce(0, +) / 5
        #expect(abs(softmaxCrossEntropy(Variable(x), Variable(Self.labels)).item() - expected) < 1e-12)
        #expect(abs(withNoGrad { softmaxCrossEntropy(Variable(x), Variable(Self.labels)) }.item() - expected) < 1e-12)
    }

    @Test("softmaxCrossEntropy: the createGraph gradient equals the plain one and differentiates again")
    func softmaxCrossEntropySecondOrder() {
        let t = Variable(Self.labels)
        let x = sampleArray([5, 4], seed: 63, low: -2, high: 2)
        let a = Variable(x), b = Variable(x)
        softmaxCrossEntropy(a, t).backward()
        softmaxCrossEntropy(b, t).backward(createGraph: true)
        #expect(valuesAgree(a.grad!.scalars(as: Double.self), b.grad!.scalars(as: Double.self), tolerance: 1e-14))
        let g: (Variable) -> Variable = { v in
            (softmaxCrossEntropy(v, t) * 3).backward(createGraph: true)
            let gv = v.grad!
            v.clearGrad()
            return gv * sampleArray([5, 4], seed: 64)
        }
        let r = gradientCheck(g, x, rtol: 1e-4, atol: 1e-5)
        #expect(r.passed, "\(r)")
    }

    @Test("float32 logits give float32 losses and gradients that agree with float64")
    func float32Losses() {
        let x = sampleArray([5, 4], seed: 72, low: -3, high: 3)
        let x64 = Variable(x), x32 = Variable(x.astype(.float32))
        let t = Variable(Self.labels)
        let l64 = softmaxCrossEntropy(x64, t), l32 = softmaxCrossEntropy(x32, t)
        #expect(l32.dtype == .float32 && abs(l32.item() - l64.item()) < 1e-5)
        l64.backward(); l32.backward()
        #expect(x32.grad!.dtype == .float32)
        #expect(valuesAgree(x32.grad!.scalars(as: Float.self).map(Double.init), x64.grad!.scalars(as: Double.self), tolerance: 1e-5))
        let s = sigmoidCrossEntropy(Variable(x.astype(.float32)), Variable(NDArray.ones([5, 4], dtype: .int64)))
        #expect(s.dtype == .float32)
    }

    @Test("meanSquaredError: value by hand (divides by the first axis) and gradients of both inputs")
    func meanSquaredErrorTests() {
        let y = Variable(NDArray([[1, 2], [3, 4]] as [[Double]]))
        #expect(meanSquaredError(y, Variable(NDArray.zeros([2, 2]))).item() == 15)   // (1+4+9+16) / 2
        let p = Variable(NDArray([1, 2, 4] as [Double], shape: [3, 1]))
        #expect(abs(meanSquaredError(p, Variable(NDArray.ones([3, 1]))).item() - 10.0 / 3) < 1e-15)
        let r = gradientCheck({ meanSquaredError($0[0], $0[1]) }, [sampleArray([3, 2], seed: 65), sampleArray([3, 2], seed: 66)])
        #expect(r.passed, "\(r)")
        let r2 = gradientCheck(createGraphGradient({ meanSquaredError($0, Variable(sampleArray([3, 2], seed: 66))) * $0.sum() }),
                               sampleArray([3, 2], seed: 65), rtol: 1e-4, atol: 1e-5)
        #expect(r2.passed, "second order: \(r2)")
    }

    @Test("meanSquaredError broadcasts as DeZero does: Step 59's (1, 1) prediction against a (1,) target")
    func meanSquaredErrorBroadcasts() {
        let y = Variable(NDArray([0.5] as [Double], shape: [1, 1])), t = Variable(NDArray([2.0] as [Double]))
        let loss = meanSquaredError(y, t)
        #expect(loss.shape == [] && loss.item() == 2.25)            // (0.5 − 2)² / 1
        loss.backward()
        #expect(y.grad!.shape == [1, 1] && t.grad!.shape == [1])    // each input's own shape
        #expect(y.grad!.item() == -3 && t.grad!.item() == 3)         // ±2 (y − t) / 1
        // Divides by the first axis of the broadcast difference: (3, 2) against a (2,) row.
        let p = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2]))
        let row = Variable(NDArray([1, 1] as [Double]))
        #expect(meanSquaredError(p, row).item() == (0 + 1 + 4 + 9 + 16 + 25) / 3.0)
        // Gradients of both inputs, in float64, for broadcasts on either side.
        let r1 = gradientCheck({ meanSquaredError($0[0], $0[1]) }, [sampleArray([3, 2], seed: 73), sampleArray([2], seed: 74)])
        #expect(r1.passed, "(3, 2) against (2,): \(r1)")
        let r2 = gradientCheck({ meanSquaredError($0[0], $0[1]) }, [sampleArray([1, 1], seed: 75), sampleArray([1], seed: 76)])
        #expect(r2.passed, "(1, 1) against (1,): \(r2)")
        let r3 = gradientCheck({ meanSquaredError($0[0], $0[1]) }, [sampleArray([4, 1], seed: 77), sampleArray([4, 3], seed: 78)])
        #expect(r3.passed, "(4, 1) against (4, 3): \(r3)")
    }

    @Test("sigmoidCrossEntropy: hand values, large logits, gradients for int and float targets")
    func sigmoidCrossEntropyTests() {
        let zero = Variable(NDArray([0, 0] as [Double], shape: [2, 1]))
        #expect(abs(sigmoidCrossEntropy(zero, Variable(NDArray([1, 0]))).item() - Foundation.log(2.0)) < 1e-15)
        // Each element costs 1000 (the wrong side by 1000), two elements over N = 2.
        let big = Variable(NDArray([1000, -1000] as [Double], shape: [2, 1]))
        let loss = sigmoidCrossEntropy(big, Variable(NDArray([0, 1], shape: [2, 1])))
        #expect(loss.item() == 1000)
        loss.backward()
        #expect(big.grad!.scalars(as: Double.self) == [0.5, -0.5])   // (σ − t) / N
        // Against the definition for moderate logits.
        let x = sampleArray([4, 3], seed: 67, low: -3, high: 3)
        let t = NDArray([1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0], shape: [4, 3])
        let xs = x.scalars(as: Double.self), ts = t.scalars(as: Int64.self)
        var total = 0.0
        for (v, label) in zip(xs, ts) {
            let s = 1 / (1 + Foundation.exp(-v))
            total -= label == 1 ? Foundation.log(s) : Foundation.log(1 - s)
        }
        #expect(abs(sigmoidCrossEntropy(Variable(x), Variable(t)).item() - total / 4) < 1e-12)
        let ri = gradientCheck({ sigmoidCrossEntropy($0, Variable(t)) }, x)
        #expect(ri.passed, "int targets: \(ri)")
        let rf = gradientCheck({ sigmoidCrossEntropy($0[0], $0[1]) }, [x, sampleArray([4, 3], seed: 68, low: 0, high: 1)])
        #expect(rf.passed, "float targets: \(rf)")
        let rs = gradientCheck(createGraphGradient({ sigmoidCrossEntropy($0, Variable(t)) * $0.sum() }), x, rtol: 1e-4, atol: 1e-5)
        #expect(rs.passed, "second order: \(rs)")
        // (N,) labels for (N, 1) logits are reshaped, as in DeZero.
        let col = sampleArray([3, 1], seed: 69)
        #expect(abs(sigmoidCrossEntropy(Variable(col), Variable(NDArray([1, 0, 1]))).item()
                    - sigmoidCrossEntropy(Variable(col), Variable(NDArray([1, 0, 1], shape: [3, 1]))).item()) < 1e-15)
    }

    @Test("binaryCrossEntropy: hand value, clipping as DeZero, gradients")
    func binaryCrossEntropyTests() {
        let p = Variable(NDArray([0.5, 0.5] as [Double], shape: [2, 1]))
        #expect(abs(binaryCrossEntropy(p, Variable(NDArray([1, 0]))).item() - Foundation.log(2.0)) < 1e-15)
        let q = Variable(NDArray([0.8, 0.1, 0.6] as [Double], shape: [3, 1]))
        let expected = -(Foundation.log(0.8) + Foundation.log(0.9) + Foundation.log(0.4)) / 3
        #expect(abs(binaryCrossEntropy(q, Variable(NDArray([1, 0, 0], shape: [3, 1]))).item() - expected) < 1e-14)
        // p = 0 and p = 1 are clipped to 1e-15 and 0.999: finite.
        let edge = binaryCrossEntropy(Variable(NDArray([0, 1] as [Double], shape: [2, 1])), Variable(NDArray([1, 0])))
        #expect(abs(edge.item() - (-Foundation.log(1e-15) - Foundation.log(1 - 0.999)) / 2) < 1e-9)
        let x = sampleArray([4, 2], seed: 70, low: 0.05, high: 0.95)
        let t = NDArray([1, 0, 0, 1, 1, 1, 0, 0], shape: [4, 2])
        let r = gradientCheck({ binaryCrossEntropy($0, Variable(t)) }, x)
        #expect(r.passed, "\(r)")
        let rf = gradientCheck({ binaryCrossEntropy($0[0], $0[1]) }, [x, sampleArray([4, 2], seed: 71, low: 0, high: 1)])
        #expect(rf.passed, "float targets: \(rf)")
    }
}
