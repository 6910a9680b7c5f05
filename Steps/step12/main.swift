// Step 12: easier calls for several inputs. `add(x0, x1)` instead of `Add()([x0, x1])`, a
// single output comes back as a variable rather than a one-element list, and `forward` takes
// its inputs as separate arguments.
//
// Python does all three at run time (`*inputs`, unpacking `forward(*xs)`, returning a list or
// its only element). Swift decides them from types, so a function with two inputs and one
// output says so by adopting `BinaryFunction`, which turns the general list form into the
// two-argument one.

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

    // `backward` is rewritten for several inputs in Step 13 (the book's copy here is Step 9's,
    // which these functions cannot run; see Step 11).
}

/// A function of any number of inputs and outputs. It keeps both lists of its call.
protocol Function: AnyObject {
    var inputs: [Variable] { get set }
    var outputs: [Variable] { get set }
    func forward(_ xs: [NDArray]) -> [NDArray]
}

extension Function {
    func callAsFunction(_ inputs: [Variable]) -> [Variable] {
        let xs = inputs.map(\.data)
        let ys = forward(xs)
        let outputs = ys.map { Variable($0) }
        for output in outputs {
            output.setCreator(self)
        }
        self.inputs = inputs
        self.outputs = outputs  // a reference cycle with `creator`, until Step 17
        return outputs
    }
}

/// A function of two inputs and one output, written with two arguments.
protocol BinaryFunction: Function {
    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray
}

extension BinaryFunction {
    func forward(_ xs: [NDArray]) -> [NDArray] { [forward(xs[0], xs[1])] }

    /// `f(x0, x1)`, returning the one output itself.
    func callAsFunction(_ x0: Variable, _ x1: Variable) -> Variable {
        callAsFunction([x0, x1])[0]
    }
}

final class Add: BinaryFunction {
    var inputs: [Variable] = []
    var outputs: [Variable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 + x1 }
}

func add(_ x0: Variable, _ x1: Variable) -> Variable { Add()(x0, x1) }

let x0 = Variable(NDArray(2))
let x1 = Variable(NDArray(3))
let y = add(x0, x1)
print(y.data.strDescription)
