// Step 16: backward in the right order for any graph. Each variable and function gets a
// generation (its depth from the inputs), and backward always takes the function of the highest
// generation next, so a variable's gradient is complete before it flows on. y = (x²)² + (x²)²
// at x = 2: y = 32 and dy/dx = 64.

import DeZeroArray

final class Variable {
    var data: NDArray
    var grad: NDArray?
    var creator: (any Function)?
    /// 0 for a variable the user made; one more than its creator's otherwise.
    var generation = 0

    init(_ data: NDArray) {
        self.data = data
    }

    func setCreator(_ function: any Function) {
        creator = function
        generation = function.generation + 1
    }

    func clearGrad() {
        grad = nil
    }

    func backward() {
        if grad == nil {
            grad = NDArray.onesLike(data)
        }
        var funcs: [any Function] = []
        // Functions are classes, so identity tells them apart (Python's set of objects).
        var seenSet: Set<ObjectIdentifier> = []

        func addFunc(_ f: any Function) {
            if seenSet.insert(ObjectIdentifier(f)).inserted {
                funcs.append(f)
                funcs.sort { $0.generation < $1.generation }  // the last one is the deepest
            }
        }

        addFunc(creator!)

        while let f = funcs.popLast() {
            let gys = f.outputs.map { $0.grad! }
            let gxs = f.backward(gys)
            for (x, gx) in zip(f.inputs, gxs) {
                if let grad = x.grad {
                    x.grad = grad + gx
                } else {
                    x.grad = gx
                }
                if let next = x.creator {
                    addFunc(next)
                }
            }
        }
    }
}

/// A function of any number of inputs and outputs. It keeps both lists of its call.
protocol Function: AnyObject {
    /// The largest generation among the inputs of the call.
    var generation: Int { get set }
    var inputs: [Variable] { get set }
    var outputs: [Variable] { get set }
    func forward(_ xs: [NDArray]) -> [NDArray]
    /// The gradients of the inputs, from the gradients of the outputs.
    func backward(_ gys: [NDArray]) -> [NDArray]
}

extension Function {
    func callAsFunction(_ inputs: [Variable]) -> [Variable] {
        let outputs = forward(inputs.map(\.data)).map { Variable($0) }
        generation = inputs.map(\.generation).max()!
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

final class Square: UnaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [Variable] = []

    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }

    func backward(_ gy: NDArray) -> NDArray {
        let x = inputs[0].data
        return 2 * x * gy
    }
}

func square(_ x: Variable) -> Variable { Square()(x) }

final class Add: BinaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [Variable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 + x1 }
    func backward(_ gy: NDArray) -> (NDArray, NDArray) { (gy, gy) }
}

func add(_ x0: Variable, _ x1: Variable) -> Variable { Add()(x0, x1) }

let x = Variable(NDArray(2.0))
let a = square(x)
let y = add(square(a), square(a))
y.backward()

print(y.data.strDescription)
print(x.grad!.strDescription)
