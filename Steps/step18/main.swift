// Step 18: using less memory. Backward forgets the gradients of intermediate variables unless
// asked to keep them (`retainGrad`), and a no-grad mode computes without recording a graph at
// all, for when no backward will follow (inference).

import DeZeroArray

/// Global settings (the book's `Config` class with class attributes).
struct Config {
    /// When false, functions record no graph: no creator, no inputs, no outputs kept.
    var enableBackprop = true

    /// The settings in effect. A plain global, as the book's class attribute is; Swift 6 asks
    /// to declare it unchecked for concurrency, and this program runs on one thread.
    nonisolated(unsafe) static var current = Config()
}

/// Runs `body` with one setting changed, then restores it, as the book's
/// `with using_config(name, value):`. The setting is named by a key path instead of a string,
/// and `defer` restores it however `body` ends (the `finally` of the book's context manager).
func usingConfig<R>(_ setting: WritableKeyPath<Config, Bool>, _ value: Bool, _ body: () throws -> R) rethrows -> R {
    let oldValue = Config.current[keyPath: setting]
    Config.current[keyPath: setting] = value
    defer { Config.current[keyPath: setting] = oldValue }
    return try body()
}

/// Runs `body` without recording graphs (the book's `with no_grad():`).
func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try usingConfig(\.enableBackprop, false, body)
}

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

    /// - Parameter retainGrad: keep the gradients of the intermediate variables too; by
    ///   default only the variables the user made (the leaves) keep theirs.
    func backward(retainGrad: Bool = false) {
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

            if !retainGrad {
                for y in f.outputs {
                    y.variable?.grad = nil
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
        if Config.current.enableBackprop {
            generation = inputs.map(\.generation).max()!
            for output in outputs {
                output.setCreator(self)
            }
            self.inputs = inputs
            self.outputs = outputs.map { WeakVariable(variable: $0) }
        }
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

final class Add: BinaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 + x1 }
    func backward(_ gy: NDArray) -> (NDArray, NDArray) { (gy, gy) }
}

func add(_ x0: Variable, _ x1: Variable) -> Variable { Add()(x0, x1) }

/// A gradient as Python's print shows it; Swift spells a missing value `nil`.
func show(_ grad: NDArray?) -> String {
    grad?.strDescription ?? "nil"
}

let x0 = Variable(NDArray(1.0))
let x1 = Variable(NDArray(1.0))
let t = add(x0, x1)
let y = add(x0, t)
y.backward()
print(show(y.grad), show(t.grad))    // nil nil: intermediate gradients are not kept
print(show(x0.grad), show(x1.grad))  // 2.0 1.0

// Python's `with` blocks become closures. The results are not used, as in the book.
usingConfig(\.enableBackprop, false) {
    let x = Variable(NDArray(2.0))
    _ = square(x)
}

noGrad {
    let x = Variable(NDArray(2.0))
    _ = square(x)
}
