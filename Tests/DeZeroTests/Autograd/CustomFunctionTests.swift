import Testing
import DeZero

/// A user-defined operation, as a reader of the book would write one.
final class Cube: UnaryFunction {
    override func forward(_ x: NDArray) -> NDArray { x * x * x }
    override func backward(_ gy: Variable) -> Variable { gy * 3 * input * input }
}

/// A general function with two outputs: (a + b, a − b).
final class SumAndDifference: Function {
    override func forward(_ xs: [NDArray]) -> [NDArray] { [xs[0] + xs[1], xs[0] - xs[1]] }
    override func backward(_ gys: [Variable]) -> [Variable?] { [gys[0] + gys[1], gys[0] - gys[1]] }
}

@Suite("user-defined functions")
struct CustomFunctionTests {
    @Test("a UnaryFunction subclass differentiates, also to second order")
    func cube() {
        let x = Variable(2.0)
        let y = Cube()(x)
        #expect(y.item() == 8)
        y.backward(createGraph: true)
        #expect(x.grad!.item() == 12)
        let gx = x.grad!
        x.clearGrad()
        gx.backward()
        #expect(x.grad!.item() == 12)  // d²/dx² x³ = 6x
        #expect(gradientCheck({ Cube()($0) }, NDArray([0.5, -1.5, 2.0])).passed)
    }

    @Test("a multi-output Function gets zero gradient for an unused output")
    func multiOutput() {
        let a = Variable(3.0), b = Variable(1.0)
        let outs = SumAndDifference()([a, b])
        #expect(outs.map { $0.item() } == [4, 2])
        (outs[0] * outs[1]).backward()
        // d/da (a+b)(a−b) = 2a, d/db = −2b
        #expect(a.grad!.item() == 6 && b.grad!.item() == -2)
        let c = Variable(3.0), d = Variable(1.0)
        let only = SumAndDifference()([c, d])
        only[1].backward()
        #expect(c.grad!.item() == 1 && d.grad!.item() == -1)
    }
}
