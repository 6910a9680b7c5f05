import Foundation
import Testing
import DeZero

@Suite("Variable basics")
struct VariableTests {
    @Test("initialisers give NumPy's dtypes")
    func inits() {
        #expect(Variable(0.5).dtype == .float64)
        #expect(Variable(2).dtype == .float64)
        #expect(Variable(Float(1)).dtype == .float32)
        #expect(Variable([1.0, 2.0]).shape == [2])
        #expect(Variable([[1.0, 2.0], [3.0, 4.0]]).shape == [2, 2])
        let v = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]), name: "w")
        #expect(v.name == "w" && v.ndim == 2 && v.size == 6 && v.count == 6 && v.dtype == .float32)
    }

    @Test("printing follows DeZero: variable(<NumPy str>)")
    func printing() {
        #expect(Variable(3.297442541400256).description == "variable(3.297442541400256)")
        #expect(Variable([1.0, 2.0, 3.0]).description == "variable([1. 2. 3.])")
        #expect(Variable([[1.0, 2.0], [3.0, 4.0]]).description == "variable([[1. 2.]\n          [3. 4.]])")
    }

    @Test("data is settable, as in the book's gradient descent")
    func settableData() {
        let x = Variable(1.0)
        x.data = x.data - 0.5
        #expect(x.item() == 0.5)
    }

    @Test("numericalDiff agrees with the derivative (Step 4)")
    func numericalDiffWorks() {
        let d = numericalDiff(square, Variable(3.0))
        #expect(abs(d.item() - 6) < 1e-8)
        let e = numericalDiff({ exp(square($0)) }, Variable(0.5))
        #expect(abs(e.item() - 2 * 0.5 * Foundation.exp(0.25)) < 1e-7)
    }

    @Test("gradientCheck reports a wrong backward")
    func gradientCheckCatchesErrors() {
        final class WrongSin: UnaryFunction {
            override func forward(_ x: NDArray) -> NDArray { DeZeroArray.sin(x) }
            override func backward(_ gy: Variable) -> Variable { gy * sin(input) }  // should be cos
        }
        let r = gradientCheck({ WrongSin()($0) }, NDArray([0.3, 1.1]))
        #expect(!r.passed)
        #expect(r.description.contains("input 0"))
    }
}
