// Step 8: backward with a loop instead of recursion: a list of functions still to process.

import DeZeroArray

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
        var funcs = [creator!]
        while let f = funcs.popLast() {        // 1. take a function
            let (x, y) = (f.input!, f.output!)  // 2. its input and output
            x.grad = f.backward(y.grad!)       // 3. its backward
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
