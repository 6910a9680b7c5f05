// Step 17: memory. A function held its outputs and each output its creator: a reference cycle,
// which Python's garbage collector frees late and Swift's reference counting never frees. The
// function now holds its outputs weakly (Python's weakref), so a graph is freed as soon as its
// last output is no longer used.

import DeZeroArray
import Foundation  // FileHandle.standardError, exit

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
            let gys = f.outputs.map { $0.variable!.grad! }  // the outputs are weak references
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

/// A reference to a variable that does not keep it alive (Python's `weakref.ref`); it reads
/// `nil` once the variable is freed.
struct WeakVariable {
    weak var variable: Variable?
}

/// A function of any number of inputs and outputs. It keeps its inputs, and its outputs weakly.
protocol Function: AnyObject {
    /// The largest generation among the inputs of the call.
    var generation: Int { get set }
    var inputs: [Variable] { get set }
    var outputs: [WeakVariable] { get set }
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
        self.outputs = outputs.map { WeakVariable(variable: $0) }
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
    var outputs: [WeakVariable] = []

    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }

    func backward(_ gy: NDArray) -> NDArray {
        let x = inputs[0].data
        return 2 * x * gy
    }
}

func square(_ x: Variable) -> Variable { Square()(x) }

// Unseeded in the book (np.random.randn); seeded here, so that every run is the same. The
// values are never printed.
var generator = RandomGenerator(seed: 0)
// Each iteration's output, held weakly, to see that its graph is freed.
var finished: [WeakVariable] = []
for _ in 0..<10 {
    let x = Variable(NDArray.randomNormal([10000], using: &generator))  // big data
    let y = square(square(square(x)))
    finished.append(WeakVariable(variable: y))
}

// Each graph was freed at the end of its iteration, when `y` went (in Python, when the next
// iteration rebinds `y`). With the strong outputs of Step 16, all ten would still be alive.
// Nothing is printed, as in the book; a graph still alive is reported and fails the run.
let alive = finished.filter { $0.variable != nil }.count
if alive > 0 {
    FileHandle.standardError.write(Data("step17: \(alive) of \(finished.count) graphs are still in memory\n".utf8))
    exit(1)
}
