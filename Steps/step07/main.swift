// Step 7: backpropagation made automatic. Each variable remembers the function that created it
// and each function its input and output, so `y.backward()` walks the graph back by itself.

import DeZeroArray

final class Variable {
    var data: NDArray
    var grad: NDArray?
    /// The function that made this variable; `nil` for one the user made.
    var creator: (any Function)?

    init(_ data: NDArray) {
        self.data = data
    }

    func setCreator(_ function: any Function) {
        creator = function
    }

    /// Recursive, as in the book: the creator computes the input's gradient from this one,
    /// then the input carries on.
    func backward() {
        guard let f = creator else { return }
        let x = f.input!
        x.grad = f.backward(grad!)
        x.backward()
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
        output.setCreator(self)  // the output remembers its parent function
        self.input = input
        // With `creator` this makes a reference cycle. Python's garbage collector frees cycles;
        // Swift's reference counting never does, so a graph stays in memory until Step 17
        // makes this reference weak.
        self.output = output
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

final class Exp: Function {
    var input: Variable!
    var output: Variable!

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

// Backward
y.grad = NDArray(1.0)
y.backward()
print(x.grad!.strDescription)
