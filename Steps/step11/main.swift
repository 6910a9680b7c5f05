// Step 11: functions with several inputs and outputs: a function takes a list of variables and
// returns a list. Only forward for now; backward for several inputs comes in Step 13.

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

    // The book keeps Step 9's `backward` here, which reads `f.input`, an attribute these
    // functions no longer have: it would fail if called, and no code calls it. Swift checks
    // every line when compiling, so `backward` is left out until Step 13 rewrites it.
}

/// A function of any number of inputs and outputs, as lists. It keeps both lists of its call.
/// (No `backward` yet: Python's base class raises NotImplementedError for it, and a Swift
/// protocol asks only for what the program uses.)
protocol Function: AnyObject {
    var inputs: [Variable] { get set }
    var outputs: [Variable] { get set }
    func forward(_ xs: [NDArray]) -> [NDArray]
}

extension Function {
    func callAsFunction(_ inputs: [Variable]) -> [Variable] {
        let xs = inputs.map(\.data)                 // the arrays of the variables
        let ys = forward(xs)
        let outputs = ys.map { Variable($0) }      // wrapped again
        for output in outputs {
            output.setCreator(self)
        }
        self.inputs = inputs
        self.outputs = outputs  // a reference cycle with `creator`, until Step 17
        return outputs
    }
}

final class Add: Function {
    var inputs: [Variable] = []
    var outputs: [Variable] = []

    func forward(_ xs: [NDArray]) -> [NDArray] {
        let (x0, x1) = (xs[0], xs[1])
        let y = x0 + x1
        return [y]
    }
}

let xs = [Variable(NDArray(2)), Variable(NDArray(3))]
let f = Add()
let ys = f(xs)
let y = ys[0]
print(y.data.strDescription)
