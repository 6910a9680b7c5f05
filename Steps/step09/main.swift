// Step 9: easier to use. Functions are called as plain Swift functions (`square(exp(square(x)))`),
// backward starts from a gradient of ones by itself, and a variable holds only arrays.

import DeZeroArray

final class Variable {
    // The book checks at run time that `data` is an ndarray and raises TypeError otherwise.
    // Here the type says so: `Variable(1.0)` does not compile, since 1.0 is a Double, not an
    // NDArray. Python's `Variable(None)` has no counterpart either: `data` is never missing;
    // a variable that may be absent is a `Variable?`.
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
        if grad == nil {
            grad = NDArray.onesLike(data)  // dy/dy = 1, of y's shape and dtype
        }
        var funcs = [creator!]
        while let f = funcs.popLast() {
            let (x, y) = (f.input!, f.output!)
            x.grad = f.backward(y.grad!)
            if let next = x.creator {
                funcs.append(next)
            }
        }
    }
}

// The book adds `as_array` here because NumPy turns the result of an operation on a 0-d array
// into a scalar (np.float64), not an array. NDArray operations always return NDArrays, so the
// Swift steps need no such conversion.

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

func square(_ x: Variable) -> Variable { Square()(x) }

/// Overloads the array `exp` of DeZeroArray: the argument's type chooses.
func exp(_ x: Variable) -> Variable { Exp()(x) }

let x = Variable(NDArray(0.5))
let y = square(exp(square(x)))
y.backward()
print(x.grad!.strDescription)

// The book ends with `Variable(1.0)`, which raises TypeError (its traceback goes to stderr and
// the script stops there). In Swift that line is a compile-time error, so it is not written:
//     Variable(1.0)  // error: cannot convert value of type 'Double' to expected argument type 'NDArray'
