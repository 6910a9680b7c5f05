// Step 10: testing. The book writes a unittest.TestCase with three checks of `square`: its
// forward value, its backward value, and a gradient check of backward against the numerical
// derivative. Here the three checks run when the program runs. Like unittest, they report on
// standard error and print nothing on standard output; a failed check makes the exit status 1.
// (The package's own tests use Swift Testing; this program stays a single file, as the book's.)

import DeZeroArray
import Foundation  // FileHandle.standardError, exit

final class Variable {
    var data: NDArray
    var grad: NDArray?
    var creator: (any Function)?

    init(_ data: NDArray) {
        self.data = data
    }

    func setCreator(_ function: any Function) {
        creator = function
    }

    func backward() {
        if grad == nil {
            grad = NDArray.onesLike(data)
        }
        var funcs = [creator!]
        while let f = funcs.popLast() {
            let (x, y) = (f.input!, f.output!)
            x.grad = f.backward(y.grad!)
            if let next = x.creator {
                funcs.append(next)
            }
        }
    }
}

/// A function computes forward and backward, and keeps the input and output of its call.
protocol Function: AnyObject {
    var input: Variable! { get set }
    var output: Variable! { get set }
    func forward(_ x: NDArray) -> NDArray
    func backward(_ gy: NDArray) -> NDArray
}

extension Function {
    func callAsFunction(_ input: Variable) -> Variable {
        let output = Variable(forward(input.data))
        output.setCreator(self)
        self.input = input
        self.output = output  // a reference cycle with `creator`, until Step 17
        return output
    }
}

final class Square: Function {
    var input: Variable!
    var output: Variable!

    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }

    func backward(_ gy: NDArray) -> NDArray {
        let x = input.data
        return 2 * x * gy
    }
}

func square(_ x: Variable) -> Variable { Square()(x) }

func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> NDArray {
    let x0 = Variable(x.data - eps)
    let x1 = Variable(x.data + eps)
    let y0 = f(x0)
    let y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)
}

/// The book's SquareTest. Each check returns `nil` when it passes, or what went wrong.
enum SquareTest {
    static func testForward() -> String? {
        let x = Variable(NDArray(2.0))
        let y = square(x)
        let expected = NDArray(4.0)
        return y.data == expected ? nil : "forward: \(y.data) != \(expected)"
    }

    static func testBackward() -> String? {
        let x = Variable(NDArray(3.0))
        let y = square(x)
        y.backward()
        let expected = NDArray(6.0)
        guard let grad = x.grad else { return "backward: x.grad is nil" }
        return grad == expected ? nil : "backward: \(grad) != \(expected)"
    }

    static func testGradientCheck() -> String? {
        // np.random.rand(1) with NumPy's unseeded global generator; a seeded generator of our
        // own here, so that every run checks the same point.
        var generator = RandomGenerator(seed: 0)
        let x = Variable(NDArray.randomUniform([1], using: &generator))
        let y = square(x)
        y.backward()
        let numGrad = numericalDiff(square, x)
        guard let grad = x.grad else { return "gradient check: x.grad is nil" }
        // np.allclose: |a − b| ≤ 1e-8 + 1e-5·|b|
        return grad.allClose(numGrad) ? nil : "gradient check: \(grad) is not close to \(numGrad)"
    }

    /// In unittest's order (alphabetical).
    static var all: [(name: String, run: () -> String?)] {
        [("testBackward", testBackward), ("testForward", testForward), ("testGradientCheck", testGradientCheck)]
    }
}

// Report as unittest does: one line per failure, then the count and OK or FAILED.
var failures: [String] = []
for test in SquareTest.all {
    if let problem = test.run() {
        failures.append("FAIL: \(test.name): \(problem)")
    }
}
var report = failures.map { $0 + "\n" }.joined()
report += "Ran \(SquareTest.all.count) tests\n\n"
report += failures.isEmpty ? "OK\n" : "FAILED (failures=\(failures.count))\n"
FileHandle.standardError.write(Data(report.utf8))
exit(failures.isEmpty ? 0 : 1)
