// Step 6: backpropagation by hand. Each function gets a `backward` that turns the gradient of
// its output into the gradient of its input (the chain rule), called here in reverse order.

import DeZeroArray

final class Variable {
    var data: NDArray
    /// dy/d(this variable); `nil` until backpropagation reaches it (Python's `None`).
    var grad: NDArray?

    init(_ data: NDArray) {
        self.data = data
    }
}

/// A function computes forward and backward, and keeps its input for backward.
protocol Function: AnyObject {
    /// Set by the call; backward reads it.
    var input: Variable! { get set }
    func forward(_ x: NDArray) -> NDArray
    func backward(_ gy: NDArray) -> NDArray
}

extension Function {
    func callAsFunction(_ input: Variable) -> Variable {
        let output = Variable(forward(input.data))
        self.input = input
        return output
    }
}

final class Square: Function {
    var input: Variable!

    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }

    func backward(_ gy: NDArray) -> NDArray {
        let x = input.data
        return 2 * x * gy
    }
}

final class Exp: Function {
    var input: Variable!

    func forward(_ x: NDArray) -> NDArray { exp(x) }

    func backward(_ gy: NDArray) -> NDArray {
        let x = input.data
        return exp(x) * gy
    }
}

let A = Square()
let B = Exp()
let C = Square()

let x = Variable(NDArray(0.5))
let a = A(x)
let b = B(a)
let y = C(b)

// Backward, by hand, from dy/dy = 1. `!` reads a gradient that the line before has just set.
y.grad = NDArray(1.0)
b.grad = C.backward(y.grad!)
a.grad = B.backward(b.grad!)
x.grad = A.backward(a.grad!)
print(x.grad!.strDescription)
