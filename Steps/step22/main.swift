// Step 22: the remaining operators: negation, subtraction, division and powers, each a
// function with its backward, with a variable on either side (Python's `__neg__`, `__sub__`,
// `__rsub__`, `__truediv__`, `__rtruediv__`, `__pow__`).
//
// Swift has no `**` operator; this step declares one, binding tighter than `*` and grouping
// from the right, as Python's does.

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
    /// A name to tell variables apart (used when drawing graphs, from Step 26).
    var name: String?
    var grad: NDArray?
    var creator: (any Function)?
    /// 0 for a variable the user made; one more than its creator's otherwise.
    var generation = 0

    init(_ data: NDArray, name: String? = nil) {
        self.data = data
        self.name = name
    }

    // The array's properties, so that a variable reads like its array (Python's @property).
    var shape: [Int] { data.shape }
    var ndim: Int { data.ndim }
    var size: Int { data.size }
    var dtype: DType { data.dtype }

    /// Python's `len(x)`: the length of the first dimension. NDArray's `count` means all the
    /// elements, so the book's meaning gets a name of its own here.
    var length: Int { data.shape[0] }

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

/// A value a function accepts as an input: a variable, or an array or a number, which becomes
/// one (the book's `as_variable`, with `as_array` for numbers).
protocol VariableConvertible {
    var asVariable: Variable { get }
}

extension Variable: VariableConvertible {
    var asVariable: Variable { self }
}

extension NDArray: VariableConvertible {
    var asVariable: Variable { Variable(self) }
}

extension Double: VariableConvertible {
    /// A 0-d float64 array in a variable (np.array(3.0)).
    var asVariable: Variable { Variable(NDArray(self)) }
}

extension Variable: CustomStringConvertible {
    /// What `print(x)` shows (the book's `__repr__`): `variable(` + NumPy's str() of the data
    /// + `)`, with the lines after the first indented under the opening parenthesis.
    var description: String {
        let lines = data.strDescription.split(separator: "\n", omittingEmptySubsequences: false)
        return "variable(" + lines.joined(separator: "\n" + String(repeating: " ", count: 9)) + ")"
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
    func callAsFunction(_ inputs: [any VariableConvertible]) -> [Variable] {
        let inputs = inputs.map(\.asVariable)
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

    func callAsFunction(_ x0: some VariableConvertible, _ x1: some VariableConvertible) -> Variable {
        callAsFunction([x0, x1])[0]
    }
}

final class Add: BinaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 + x1 }
    func backward(_ gy: NDArray) -> (NDArray, NDArray) { (gy, gy) }
}

func add(_ x0: some VariableConvertible, _ x1: some VariableConvertible) -> Variable { Add()(x0, x1) }

final class Mul: BinaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 * x1 }

    func backward(_ gy: NDArray) -> (NDArray, NDArray) {
        let (x0, x1) = (inputs[0].data, inputs[1].data)
        return (gy * x1, gy * x0)
    }
}

func mul(_ x0: some VariableConvertible, _ x1: some VariableConvertible) -> Variable { Mul()(x0, x1) }

final class Neg: UnaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []

    func forward(_ x: NDArray) -> NDArray { -x }
    func backward(_ gy: NDArray) -> NDArray { -gy }
}

func neg(_ x: Variable) -> Variable { Neg()(x) }

final class Sub: BinaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 - x1 }
    func backward(_ gy: NDArray) -> (NDArray, NDArray) { (gy, -gy) }
}

func sub(_ x0: some VariableConvertible, _ x1: some VariableConvertible) -> Variable { Sub()(x0, x1) }

final class Div: BinaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []

    func forward(_ x0: NDArray, _ x1: NDArray) -> NDArray { x0 / x1 }

    func backward(_ gy: NDArray) -> (NDArray, NDArray) {
        let (x0, x1) = (inputs[0].data, inputs[1].data)
        let gx0 = gy / x1
        let gx1 = gy * (-x0 / pow(x1, 2))
        return (gx0, gx1)
    }
}

func div(_ x0: some VariableConvertible, _ x1: some VariableConvertible) -> Variable { Div()(x0, x1) }

/// x ** c for a constant c, which the function keeps (Python's `__init__(self, c)`).
final class Pow: UnaryFunction {
    var generation = 0
    var inputs: [Variable] = []
    var outputs: [WeakVariable] = []
    let c: Double

    init(_ c: Double) {
        self.c = c
    }

    func forward(_ x: NDArray) -> NDArray { pow(x, c) }

    func backward(_ gy: NDArray) -> NDArray {
        let x = inputs[0].data
        return c * pow(x, c - 1) * gy
    }
}

/// Overloads DeZeroArray's `pow` for arrays: the argument's type chooses.
func pow(_ x: Variable, _ c: Double) -> Variable { Pow(c)(x) }

precedencegroup ExponentiationPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}

infix operator ** : ExponentiationPrecedence

// A variable on either side, the other operand anything that converts. The variable–variable
// forms are there so that `a + b` has one best match rather than two equally good ones.
extension Variable {
    static func + (lhs: Variable, rhs: Variable) -> Variable { add(lhs, rhs) }
    static func + (lhs: Variable, rhs: some VariableConvertible) -> Variable { add(lhs, rhs) }
    static func + (lhs: some VariableConvertible, rhs: Variable) -> Variable { add(lhs, rhs) }

    static func * (lhs: Variable, rhs: Variable) -> Variable { mul(lhs, rhs) }
    static func * (lhs: Variable, rhs: some VariableConvertible) -> Variable { mul(lhs, rhs) }
    static func * (lhs: some VariableConvertible, rhs: Variable) -> Variable { mul(lhs, rhs) }

    static prefix func - (x: Variable) -> Variable { neg(x) }

    static func - (lhs: Variable, rhs: Variable) -> Variable { sub(lhs, rhs) }
    static func - (lhs: Variable, rhs: some VariableConvertible) -> Variable { sub(lhs, rhs) }
    static func - (lhs: some VariableConvertible, rhs: Variable) -> Variable { sub(lhs, rhs) }

    static func / (lhs: Variable, rhs: Variable) -> Variable { div(lhs, rhs) }
    static func / (lhs: Variable, rhs: some VariableConvertible) -> Variable { div(lhs, rhs) }
    static func / (lhs: some VariableConvertible, rhs: Variable) -> Variable { div(lhs, rhs) }

    static func ** (x: Variable, c: Double) -> Variable { pow(x, c) }
}

let x = Variable(NDArray(2.0))
var y = -x
print(y)  // variable(-2.0)

let y1 = 2.0 - x
let y2 = x - 1.0
print(y1)  // variable(0.0)
print(y2)  // variable(1.0)

y = 3.0 / x
print(y)  // variable(1.5)

y = x ** 3
y.backward()
print(y)  // variable(8.0)
