import Foundation
import Testing
import DeZero

/// `a · b · c` of three inputs that counts, per input, how often backward computed its
/// gradient, and computes only those its function says are needed — the way a built-in
/// formula skips work for data.
final class CountingTripleProduct: Function {
    var computed = [0, 0, 0]
    override func forward(_ xs: [NDArray]) -> [NDArray] { [xs[0] * xs[1] * xs[2]] }
    override func backward(_ gys: [Variable]) -> [Variable?] {
        let (a, b, c) = (inputs[0], inputs[1], inputs[2])
        let others = [b * c, a * c, a * b]
        return (0..<3).map { i in
            guard needsGradient(ofInput: i) else { return nil }
            computed[i] += 1
            return gys[0] * others[i]
        }
    }
}

/// `a · b` that returns both gradients whether needed or not: the engine must drop the one
/// for an input that requires none.
final class EagerProduct: BinaryFunction {
    override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { a * b }
    override func backward(_ gy: Variable) -> (Variable?, Variable?) { (gy * input1, gy * input0) }
}

/// A float64 scalar variable that is data.
private func data(_ value: Double) -> Variable { Variable(NDArray(value), requiresGrad: false) }

@Suite("requiresGrad: data gets no gradient, and none is computed for it")
struct RequiresGradTests {
    @Test("variables a user makes require gradients and get them, as in DeZero")
    func defaults() {
        let x = Variable(3.0), y = Variable(4.0)
        #expect(x.requiresGrad && y.requiresGrad && Parameter(NDArray(1.0)).requiresGrad)
        let z = x * y + x
        #expect(z.requiresGrad && z.creator != nil)
        z.backward()
        #expect(x.grad!.item() == 5 && y.grad!.item() == 3)
    }

    @Test("an input that does not require a gradient gets none; the others get theirs")
    func mixed() {
        let a = data(3.0), x = Variable(4.0)
        let y = a * x + sin(a)
        #expect(y.requiresGrad)
        y.backward()
        #expect(a.grad == nil)
        #expect(x.grad!.item() == 3)
        #expect(!(y.creator!.needsGradient(ofInput: 1)))  // sin(a) is data as well
        #expect(y.creator!.needsGradient(ofInput: 0))
    }

    @Test("a function of data alone records nothing, and its output is data")
    func onlyData() {
        let a = data(0.5), b = data(2.0)
        let outputs = [sin(a), a * b, a + 1, linear(Variable(NDArray([[1, 2]] as [[Double]]), requiresGrad: false),
                                                     Variable(NDArray([[1], [1]] as [[Double]]), requiresGrad: false))]
        for y in outputs {
            #expect(y.creator == nil)
            #expect(!y.requiresGrad)
        }
        let c = CountingTripleProduct()([a, b, data(1.0)])[0]
        #expect(c.creator == nil && !c.requiresGrad)
    }

    @Test("under no-grad nothing is recorded and outputs keep the default")
    func noGrad() {
        let x = Variable(1.0)
        let y = withNoGrad { sin(x) }
        #expect(y.creator == nil && y.requiresGrad)
    }

    @Test("needsGradient follows each recorded input, and only needed gradients are computed")
    func counting() {
        let a = Variable(2.0), b = data(3.0), c = Variable(5.0)
        let f = CountingTripleProduct()
        let y = f([a, b, c])[0]
        #expect(f.needsGradient(ofInput: 0) && !f.needsGradient(ofInput: 1) && f.needsGradient(ofInput: 2))
        #expect(!f.needsGradient(ofInput: 3))
        y.backward()
        #expect(f.computed == [1, 0, 1])
        #expect(a.grad!.item() == 15 && b.grad == nil && c.grad!.item() == 6)
    }

    @Test("a gradient returned for an input that needs none is dropped")
    func eagerFormula() {
        let a = data(3.0), x = Variable(4.0)
        let y = EagerProduct()(a, x)
        y.backward()
        #expect(a.grad == nil && x.grad!.item() == 3)
    }

    @Test("NDArray and scalar operands of operators are data")
    func operatorOperands() {
        let x = Variable([1.0, 2.0])
        let y = sum(x * NDArray([3.0, 4.0]) + 1)
        y.backward()
        #expect(x.grad!.scalars(as: Double.self) == [3, 4])
        // the matrix product skips the gradient of its data operand
        let m = Variable(NDArray([[1, 2]] as [[Double]]), requiresGrad: false)
        let W = Parameter(NDArray([[3], [4]] as [[Double]]))
        let p = matmul(m, W)
        #expect(!p.creator!.needsGradient(ofInput: 0) && p.creator!.needsGradient(ofInput: 1))
        p.backward()
        #expect(m.grad == nil && W.grad!.scalars(as: Double.self) == [1, 2])
    }

    @Test("the starting gradient of backward is data")
    func seed() {
        let x = Variable(2.0)
        let y = square(x)
        y.backward(retainGrad: true, createGraph: true)
        #expect(y.grad != nil && !y.grad!.requiresGrad)
        #expect(x.grad!.item() == 4 && x.grad!.requiresGrad)
    }

    @Test("higher-order derivatives are unchanged: tanh's first six at 1 (Step 35)")
    func higherOrder() {
        let x = Variable(1.0)
        tanh(x).backward(createGraph: true)
        var values = [x.grad!.item()]
        for _ in 0..<5 {
            let gx = x.grad!
            x.clearGrad()
            gx.backward(createGraph: true)
            values.append(x.grad!.item())
        }
        // dⁿ/dxⁿ tanh(x) = pₙ(t) with t = tanh(x) and pₙ₊₁ = pₙ′(t)(1 − t²)
        let t = Foundation.tanh(1.0)
        let polynomials: [[Double]] = [[1, 0, -1], [0, -2, 0, 2], [-2, 0, 8, 0, -6], [0, 16, 0, -40, 0, 24],
                                       [16, 0, -136, 0, 240, 0, -120], [0, -272, 0, 1232, 0, -1680, 0, 720]]
        let expected = polynomials.map { p in p.reversed().reduce(0.0) { $0 * t + $1 } }
        for (v, e) in zip(values, expected) { #expect(abs(v - e) <= 1e-12 * max(1, abs(e))) }
    }

    @Test("second derivative through a data operand (createGraph with mixed inputs)")
    func secondOrderMixed() {
        let x = Variable(3.0), c = data(2.0)
        let y = c * x * x * x            // c x³
        y.backward(createGraph: true)
        #expect(x.grad!.item() == 54)    // 3 c x²
        let gx = x.grad!
        x.clearGrad()
        gx.backward()
        #expect(x.grad!.item() == 36)    // 6 c x
        #expect(c.grad == nil)
    }

    @Test("a layer called on an NDArray gives the parameter gradients of the Variable path")
    func layerOnArray() {
        let layer = withRandomSource(seed: 3) { Linear(outSize: 3, dtype: .float64, inSize: 4) }
        let input = NDArray((0..<8).map { Double($0) * 0.25 - 1 }, shape: [2, 4])
        func gradients(_ y: Variable) -> [[Double]] {
            layer.clearGrads()
            sum(y * y).backward()
            return layer.params.map { $0.grad!.scalars(as: Double.self) }
        }
        let viaVariable = gradients(layer(Variable(input)))
        let x = Variable(input, requiresGrad: false)
        let viaArray = gradients(layer(input))
        #expect(viaArray == viaVariable)
        let y = layer(x)
        #expect(!y.creator!.needsGradient(ofInput: 0) && y.creator!.needsGradient(ofInput: 1))
        y.backward()
        #expect(x.grad == nil)
    }

    @Test("a convolution on a data image gives its parameters the Variable path's gradients and the image none")
    func convolutionOnData() {
        let conv = withRandomSource(seed: 5) { Conv2d(outChannels: 3, kernelSize: 3, pad: 1, dtype: .float64, inChannels: 2) }
        let values: [Double] = (0..<100).map { (i: Int) -> Double in Double(i % 7) * 0.3 - 1 }
        let input = NDArray(values, shape: [2, 2, 5, 5])
        func gradients(_ y: Variable) -> [[Double]] {
            conv.clearGrads()
            sum(y * y).backward()
            return conv.params.map { $0.grad!.scalars(as: Double.self) }
        }
        let image = Variable(input)
        let viaVariable = gradients(conv(image))
        #expect(image.grad != nil)
        let data = Variable(input, requiresGrad: false)
        let y = conv(data)
        #expect(!y.creator!.needsGradient(ofInput: 0) && y.creator!.needsGradient(ofInput: 1))
        #expect(gradients(y) == viaVariable)
        #expect(data.grad == nil)
        #expect(gradients(conv(input)) == viaVariable)
    }
}
