import Testing
import DeZero

/// Spellings of the book's lines that must mean in Swift what they mean in Python.
@Suite("The book's spellings: integer arrays and compound assignment on variables")
struct BookSpellingTests {
    @Test("an array of integer literals is int64 inside a Variable, as np.array makes it (Step 37)")
    func integerLiteralArraysAreInt64() {
        let x = Variable([[1, 2, 3], [4, 5, 6]])
        #expect(x.dtype == .int64 && x.shape == [2, 3])
        #expect(x.description == "variable([[1 2 3]\n          [4 5 6]])")
        let v = Variable([1, 2, 3])
        #expect(v.dtype == .int64 && v.shape == [3])
        // A lone integer stays a float64 scalar, ready to differentiate; float literals are float64.
        #expect(Variable(2).dtype == .float64 && Variable(2).shape == [])
        #expect(Variable([1.0, 2.0]).dtype == .float64)
        #expect(Variable([[0.5, 1], [2, 3]]).dtype == .float64)
    }

    @Test("Step 37: the sum of int64 variables has int64 gradients, as NumPy's ones_like gives")
    func step37IntegerGradients() {
        let x = Variable([[1, 2, 3], [4, 5, 6]])
        let c = Variable([[10, 20, 30], [40, 50, 60]])
        let t = x + c
        let y = sum(t)
        y.backward(retainGrad: true)
        #expect(y.description == "variable(231)")
        #expect(y.grad!.description == "variable(1)")
        #expect(x.grad!.dtype == .int64 && x.grad!.scalars(as: Int64.self) == [1, 1, 1, 1, 1, 1])
        #expect(c.grad!.description == "variable([[1 1 1]\n          [1 1 1]])")
    }

    @Test("x += y makes a new variable and rebinds the name, as Python does on a DeZero Variable")
    func compoundAssignmentRebinds() {
        let x = Variable(2.0)
        var z = x
        z += x          // z = x + x: a new variable; x itself is untouched
        #expect(z !== x && x.item() == 2 && z.item() == 4)
        z *= x          // (x + x) · x = 2x²
        z -= 1          // 2x² − 1
        z /= 2.0        // x² − 0.5
        #expect(z.item() == 3.5)
        z.backward()
        #expect(x.grad!.item() == 4)   // d(x² − 0.5)/dx = 2x
        // With arrays and every scalar type on the right.
        var w = Variable([1.0, 2.0])
        w += NDArray([1, 1] as [Double]); w -= Float(0.5); w *= 2; w /= Variable([3.0, 5.0])
        #expect(w.scalars(as: Double.self) == [1, 1])
    }

    @Test("the book's scalar constants keep a float32 variable float32, whatever the scalar's type")
    func scalarsOfEveryTypeAgree() {
        let x = Variable(NDArray([1, 2] as [Float]))
        let n = 3, d = 3.0, f: Float = 3
        let results = [x * 3, x * 3.0, x * n, x * d, x * f, 3 * x, n * x, d * x, f * x]
        #expect(results.allSatisfy { $0.dtype == .float32 && $0.scalars(as: Float.self) == [3, 6] })
        let powers = [x ** 2, x ** n, x ** d, x ** f]
        #expect(powers.allSatisfy { $0.dtype == .float32 })
        #expect(powers[1].scalars(as: Float.self) == [1, 8])
    }

    @Test("NDArray ** keeps int64 for an integer exponent, as NumPy does (Step 29's gx2 on x.data)")
    func arrayPower() {
        let a = NDArray([1, 2, 3])
        #expect((a ** 2).dtype == .int64 && (a ** 2).scalars(as: Int64.self) == [1, 4, 9])
        #expect((a ** 0.5).dtype == .float64)
        let x = NDArray(2.0)
        #expect((12 * x ** 2 - 4).item() == 44)
    }
}
