import Testing
import DeZero

@Suite("tensor functions: matmul and linear")
struct FunctionsMatMulTests {
    @Test("matmul gradient checks: matrices, vectors, broadcast batches", arguments: [
        ([2, 3], [3, 4]), ([3], [3, 4]), ([2, 3], [3]), ([3], [3]), ([4, 2, 3], [3, 5]),
        ([2, 1, 2, 3], [4, 3, 2]), ([3, 2], [2, 2, 4]),
    ])
    func matmulGradients(shapes: ([Int], [Int])) {
        let a = sampleArray(shapes.0, seed: 31), b = sampleArray(shapes.1, seed: 32)
        let r = gradientCheck({ matmul($0[0], $0[1]) * sampleArray(matmul(a, b).shape, seed: 33) }, [a, b])
        #expect(r.passed, "\(shapes): \(r)")
    }

    @Test("matmul values and shapes by hand")
    func matmulValues() {
        let x = Variable(NDArray([[1, 2], [3, 4]] as [[Double]]))
        let W = Variable(NDArray([[5, 6], [7, 8]] as [[Double]]))
        let y = matmul(x, W)
        #expect(y.scalars(as: Double.self) == [19, 22, 43, 50])
        y.backward()
        #expect(W.grad!.scalars(as: Double.self) == [4, 4, 6, 6])    // xᵀ·1
        #expect(x.grad!.scalars(as: Double.self) == [11, 15, 11, 15])  // 1·Wᵀ
        #expect(matmul(Variable([1.0, 2.0]), W).shape == [2])
        #expect(matmul(Variable([1.0, 2.0]), Variable([3.0, 4.0])).item() == 11)
    }

    @Test("linear gradient checks: with bias (out,), bias (1, out), without bias", arguments: ["bias", "row bias", "none"])
    func linearGradients(kind: String) {
        let x = sampleArray([4, 3], seed: 34), W = sampleArray([3, 5], seed: 35)
        let w = sampleArray([4, 5], seed: 36)
        let r: GradientCheckResult
        switch kind {
        case "bias":
            r = gradientCheck({ linear($0[0], $0[1], $0[2]) * w }, [x, W, sampleArray([5], seed: 37)])
        case "row bias":
            r = gradientCheck({ linear($0[0], $0[1], $0[2]) * w }, [x, W, sampleArray([1, 5], seed: 37)])
        default:
            r = gradientCheck({ linear($0[0], $0[1]) * w }, [x, W])
        }
        #expect(r.passed, "\(kind): \(r)")
    }

    @Test("linear equals matmul plus the bias, and records one function")
    func linearValues() {
        let x = Variable(NDArray([[1, 2]] as [[Double]]))
        let W = Variable(NDArray([[1, 0, 2], [0, 1, 3]] as [[Double]]))
        let b = Variable([0.5, 0.5, 0.5])
        let y = linear(x, W, b)
        #expect(y.scalars(as: Double.self) == [1.5, 2.5, 8.5])
        #expect(y.creator is Affine)
        #expect(y.creator!.inputs.count == 3)
        #expect(linear(x, W).scalars(as: Double.self) == [1, 2, 8])
        #expect(withNoGrad { linear(x, W, b) }.scalars(as: Double.self) == [1.5, 2.5, 8.5])
        // The bias was added into a new array: b and W are untouched.
        #expect(b.scalars(as: Double.self) == [0.5, 0.5, 0.5])
    }

    @Test("float32 linear keeps float32 gradients")
    func float32() {
        let x = Variable(NDArray([1, 2, 3, 4] as [Float], shape: [2, 2]))
        let W = Variable(NDArray([1, 0, 0, 1] as [Float], shape: [2, 2]))
        let b = Variable([1, 1] as [Float])
        let y = linear(x, W, b)
        #expect(y.dtype == .float32)
        y.backward()
        #expect(W.grad!.dtype == .float32 && b.grad!.dtype == .float32 && x.grad!.dtype == .float32)
        #expect(b.grad!.scalars(as: Float.self) == [2, 2])
        #expect(W.grad!.scalars(as: Float.self) == [4, 4, 6, 6])
    }

    @Test("second order through matmul and linear", arguments: ["matmul", "linear"])
    func secondOrder(kind: String) {
        let w = sampleArray([3, 2], seed: 39)
        // g(a, W) = ∂/∂a Σ (a·W)³, differentiated again with respect to both inputs.
        let g: ([Variable]) -> Variable = { v in
            let y = kind == "matmul" ? matmul(v[0], v[1]) : linear(v[0], v[1], v[2])
            sum(y * y * y * w).backward(createGraph: true)
            let ga = v[0].grad!
            for x in v { x.clearGrad() }
            return ga
        }
        let inputs = [sampleArray([3, 4], seed: 40), sampleArray([4, 2], seed: 41)] + (kind == "linear" ? [sampleArray([2], seed: 42)] : [])
        let r = gradientCheck(g, inputs, rtol: 1e-4, atol: 1e-5)
        #expect(r.passed, "\(kind): \(r)")
    }
}
