// Step 3: functions chain: y = (e^(x²))², computed as Square, then Exp, then Square.

import DeZeroArray

final class Variable {
    var data: NDArray

    init(_ data: NDArray) {
        self.data = data
    }
}

/// What every function does: compute its output array from its input array (the book's base
/// class with a `forward` to override; a protocol here).
protocol Function: AnyObject {
    func forward(_ x: NDArray) -> NDArray
}

extension Function {
    /// `f(x)`: wraps the computed array in a new variable.
    func callAsFunction(_ input: Variable) -> Variable {
        Variable(forward(input.data))
    }
}

final class Square: Function {
    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }
}

final class Exp: Function {
    func forward(_ x: NDArray) -> NDArray { exp(x) }
}

let A = Square()
let B = Exp()
let C = Square()

let x = Variable(NDArray(0.5))
let a = A(x)
let b = B(a)
let y = C(b)
print(y.data.strDescription)
