import Foundation
import Testing
import DeZero

/// The book's published results for Stages 1–3, each computed by our code and compared with
/// a closed form or the number printed in the book.
@Suite("Book results, Stages 1–3")
struct BookResultsTests {
    @Test("Step 7: square(exp(square(x))) at 0.5")
    func step7() {
        let x = Variable(0.5)
        let y = square(exp(square(x)))
        y.backward()
        #expect(x.grad!.item() == 3.297442541400256)
        #expect(x.grad!.description == "variable(3.297442541400256)")
    }

    static func sphere(_ x: Variable, _ y: Variable) -> Variable { x ** 2 + y ** 2 }
    static func matyas(_ x: Variable, _ y: Variable) -> Variable {
        0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
    }
    // Written as one expression on purpose: DESIGN.md §4 requires the type checker to accept it.
    static func goldstein(_ x: Variable, _ y: Variable) -> Variable {
        (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) *
            (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
    }

    @Test("Step 24: sphere, matyas and Goldstein-Price gradients at (1, 1)", arguments: [
        ("sphere", 2.0, 2.0), ("matyas", 0.04, 0.04), ("goldstein", -5376.0, 8064.0),
    ])
    func step24(name: String, gx: Double, gy: Double) {
        let x = Variable(1.0), y = Variable(1.0)
        let f: (Variable, Variable) -> Variable = switch name {
        case "sphere": Self.sphere
        case "matyas": Self.matyas
        default: Self.goldstein
        }
        f(x, y).backward()
        #expect(abs(x.grad!.item() - gx) < 1e-9)
        #expect(abs(y.grad!.item() - gy) < 1e-9)
    }

    /// Step 27: sin from its Taylor series, differentiated through the loop that builds it.
    static func taylorSin(_ x: Variable, threshold: Double) -> Variable {
        var y = Variable(0.0)
        var factorial = 1.0
        for i in 0..<100 {
            if i > 0 { factorial *= Double(2 * i) * Double(2 * i + 1) }
            let c = (i % 2 == 0 ? 1.0 : -1.0) / factorial
            let t = c * x ** Double(2 * i + 1)
            y = y + t
            if abs(t.item()) < threshold { break }
        }
        return y
    }

    @Test("Step 27: Taylor-series sin agrees with sin and its gradient with cos")
    func step27() {
        let x = Variable(Double.pi / 4)
        let y = Self.taylorSin(x, threshold: 1e-4)
        y.backward()
        // The book prints 0.7071064695751781 and 0.7071032148228457 for threshold 1e-4.
        #expect(abs(y.item() - 0.7071064695751781) < 1e-15)
        #expect(abs(x.grad!.item() - 0.7071032148228457) < 1e-15)
        let xFine = Variable(Double.pi / 4)
        let yFine = Self.taylorSin(xFine, threshold: 1e-17)
        yFine.backward()
        #expect(abs(yFine.item() - Foundation.sin(Double.pi / 4)) < 1e-15)
        #expect(abs(xFine.grad!.item() - Foundation.cos(Double.pi / 4)) < 1e-15)
    }

    @Test("Step 28: gradient descent on Rosenbrock from (0, 2) approaches (1, 1)")
    func step28() {
        let x0 = Variable(0.0), x1 = Variable(2.0)
        let lr = 0.001
        // The same descent with the gradient written out by hand, as the reference.
        var r0 = 0.0, r1 = 2.0
        var distances: [Double] = []
        for _ in 0..<10_000 {
            let y = 100 * (x1 - x0 ** 2) ** 2 + (1 - x0) ** 2
            x0.clearGrad(); x1.clearGrad()
            y.backward()
            x0.data = x0.data - lr * x0.grad!.data
            x1.data = x1.data - lr * x1.grad!.data
            let g0 = -400 * r0 * (r1 - r0 * r0) - 2 * (1 - r0), g1 = 200 * (r1 - r0 * r0)
            r0 -= lr * g0; r1 -= lr * g1
            distances.append(hypot(x0.item() - 1, x1.item() - 1))
        }
        #expect(abs(x0.item() - r0) < 1e-12 && abs(x1.item() - r1) < 1e-12)
        // The book prints (0.99449…, 0.98900…) after 10,000 steps.
        #expect(abs(x0.item() - 0.9945) < 1e-4 && abs(x1.item() - 0.9890) < 1e-4)
        #expect(distances[9_999] < distances[5_000] && distances[5_000] < distances[1_000])
    }

    @Test("Steps 29 and 33: Newton's method on x⁴ − 2x² from 2 converges to 1")
    func newton() {
        let x = Variable(2.0)
        var iterations = 0
        var history: [Double] = []
        while abs(x.item() - 1) > 1e-12 && iterations < 10 {
            let y = x ** 4 - 2 * x ** 2
            x.clearGrad()
            y.backward(createGraph: true)
            let gx = x.grad!
            x.clearGrad()
            gx.backward()
            let gx2 = x.grad!
            x.data = x.data - gx.data / gx2.data
            history.append(x.item())
            iterations += 1
        }
        #expect(iterations <= 7)
        #expect(abs(x.item() - 1) < 1e-12)
        // The book prints 1.4545454545454546 after the first step (2 − 24/44).
        #expect(abs(history[0] - 1.4545454545454546) < 1e-15)
    }

    @Test("Step 35: tanh's first to sixth derivatives at 1 equal their closed forms")
    func tanhDerivatives() {
        let t = Foundation.tanh(1.0)
        let u = 1 - t * t
        // d/dx p(tanh x) = p'(t)(1 − t²), applied repeatedly from p = t.
        let closedForms = [
            u,
            -2 * t * u,
            -2 + 8 * t * t - 6 * pow(t, 4),
            16 * t - 40 * pow(t, 3) + 24 * pow(t, 5),
            16 - 136 * t * t + 240 * pow(t, 4) - 120 * pow(t, 6),
            -272 * t + 1232 * pow(t, 3) - 1680 * pow(t, 5) + 720 * pow(t, 7),
        ]
        let x = Variable(1.0)
        tanh(x).backward(createGraph: true)
        var derivatives = [x.grad!.item()]
        for _ in 1..<6 {
            let gx = x.grad!
            x.clearGrad()
            gx.backward(createGraph: true)
            derivatives.append(x.grad!.item())
        }
        for (k, (got, want)) in zip(derivatives, closedForms).enumerated() {
            #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "derivative \(k + 1)")
        }
        #expect(abs(derivatives[5] - 13.624075441312101) < 1e-12)
    }

    @Test("Step 36: double backprop, z = (dy/dx)³ + y gives dz/dx = 100 at x = 2")
    func step36() {
        let x = Variable(2.0)
        let y = x ** 2
        y.backward(createGraph: true)
        let gx = x.grad!
        x.clearGrad()
        let z = gx ** 3 + y
        z.backward()
        #expect(x.grad!.item() == 100)
    }
}
