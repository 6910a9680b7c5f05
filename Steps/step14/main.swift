// Step 14: using the same variable twice. y = x + x must give dy/dx = 2, so a gradient that
// reaches a variable again is added to what it has, not written over it; `clearGrad()` resets
// a variable for a new computation.

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

    func clearGrad() {
        grad = nil
    }

    func backward() {
        if grad == nil {
            grad = NDArray.onesLike(data)
        }
        var funcs = [creator!]
        while let f = funcs.popLast() {
            let gys = f.outputs.map { $0.grad! }
            let gxs = f.backward(gys)
            for (x, gx) in zip(f.inputs, gxs) {
                if let grad = x.grad {
                    // The book avoids NumPy's in-place `+=`, which would also change the array that
                    // `gx` is, possibly another variable's gradient. NDArray is a value type, so
                    // `+=` would be safe here; written as the book writes it.
                    x.grad = grad + gx
                } else {
                    x.grad = gx
                }
                if let next = x.creator {
                    funcs.append(next)
                }
            }
        }
    }
}

/// A function of any number of inputs and outputs. It keeps both lists of its call.
protocol Function: AnyObject {
    var inputs: [Variable] { get set }
    var outputs: [Variable] { get set }
    func forward(_ xs: [NDArray]) -> [NDArray]
    /// The gradients of the inputs, from the gradients of the outputs.
    func backward(_ gys: [NDArray]) -> [NDArray]
}

extension Function {
    func callAsFunction(_ inputs: [Variable]) -> [Variable] {
        let outputs = forward(inputs.map(\.data)).map { Variable($0) }
        for output in outputs {
            output.setCreator(self)
        }
        self.inputs = inputs
        self.outputs = outputs  // a reference cycle with `creator`, until Step 17
        return outputs
    }
}

/// A function of one input and one output, written with one argument.
protocol UnaryFunction: Function {
    func forward(_ x: NDArray) -> NDArray
    func backward(_ gy: NDArray) -> NDArray
}

extension UnaryFunction {
    func forward(_ xs: [NDArray]) -> [NDArray] { [forward(xs[0])] }
    func backward(_ gys: [NDArray]) -> [NDArray] { [backward(gys[0])] }
    func callAsFunction(_ x: Variable) -> Variable { callAsFunction([x])[0] }
}

/// A function of two inputs and one output: backward returns the pair of input gradients
/// (Python returns a tuple, or a single gradient, and checks which at run time).
protocol BinaryFunction: Function {
    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray
    func backward(_ gy: NDArray) -> (NDArray, NDArray)
}

extension BinaryFunction {
    func forward(_ xs: [NDArray]) -> [NDArray] { [forward(xs[0], xs[1])] }

    func backward(_ gys: [NDArray]) -> [NDArray] {
        let (gx0, gx1) = backward(gys[0])
        return [gx0, gx1]
    }

    func callAsFunction(_ x0: Variable, _ x1: Variable) -> Variable { callAsFunction([x0, x1])[0] }
}

final class Add: BinaryFunction {
    var inputs: [Variable] = []
    var outputs: [Variable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 + x1 }
    func backward(_ gy: NDArray) -> (NDArray, NDArray) { (gy, gy) }
}

func add(_ x0: Variable, _ x1: Variable) -> Variable { Add()(x0, x1) }

var x = Variable(NDArray(3.0))
var y = add(x, x)
y.backward()
print(x.grad!.strDescription)

x = Variable(NDArray(3.0))  // or x.clearGrad()
y = add(add(x, x), x)
y.backward()
print(x.grad!.strDescription)
