// Step 2: a function takes a variable and returns a new variable.
//
// The book writes a base class `Function` whose `forward` raises NotImplementedError, and
// subclasses it. In Swift the requirement is a protocol: a function type that has no `forward`
// does not compile, instead of failing when called.

import DeZeroArray

final class Variable {
    var data: NDArray

    init(_ data: NDArray) {
        self.data = data
    }
}

/// What every function does: compute its output array from its input array.
protocol Function: AnyObject {
    func forward(_ x: NDArray) -> NDArray
}

extension Function {
    /// `f(x)`: Python's `__call__` is Swift's `callAsFunction`. It unwraps the input's data,
    /// computes, and wraps the result in a new variable.
    func callAsFunction(_ input: Variable) -> Variable {
        let x = input.data
        let y = forward(x)
        return Variable(y)
    }
}

final class Square: Function {
    func forward(_ x: NDArray) -> NDArray { pow(x, 2) }  // x ** 2
}

let x = Variable(NDArray(10))  // np.array(10): a 0-d int64 array
let f = Square()
let y = f(x)
// Python prints `<class '__main__.Variable'>`; Swift's `type(of:)` prints the bare type name.
print(type(of: y))
print(y.data.strDescription)
