// Step 4: the numerical derivative, by the centred difference (f(x+h) − f(x−h)) / 2h.

import DeZeroArray

final class Variable {
    var data: NDArray

    init(_ data: NDArray) {
        self.data = data
    }
}

/// A function computes its output array from its input array, and keeps its input and output
/// (the attributes the book sets in `__call__`; a protocol requirement here, so every function
/// type declares where they live).
protocol Function: AnyObject {
    var input: Variable? { get set }
    var output: Variable? { get set }
    func forward(_ x: NDArray) -> NDArray
}

extension Function {
    func callAsFunction(_ input: Variable) -> Variable {
        let output = Variable(forward(input.data))
        self.input = input
        self.output = output
        return output
    }
}

final class Square: Function {
    var input: Variable?
    var output: Variable?
    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }
}

final class Exp: Function {
    var input: Variable?
    var output: Variable?
    func forward(_ x: NDArray) -> NDArray { exp(x) }
}

/// The slope of `f` at `x`, from two evaluations `eps` either side.
/// `f` is any function of a variable: a closure here, where Python passes any callable.
func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> NDArray {
    let x0 = Variable(x.data - eps)
    let x1 = Variable(x.data + eps)
    let y0 = f(x0)
    let y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)
}

do {
    let f = Square()
    let x = Variable(NDArray(2.0))
    // A callable object is passed by its method: Swift does not turn `callAsFunction` types
    // into function types by themselves.
    let dy = numericalDiff(f.callAsFunction, x)
    print(dy.strDescription)
}

/// The composite function of Step 3, y = (e^(x²))².
func f(_ x: Variable) -> Variable {
    let A = Square()
    let B = Exp()
    let C = Square()
    return C(B(A(x)))
}

let x = Variable(NDArray(0.5))
let dy = numericalDiff(f, x)
print(dy.strDescription)
