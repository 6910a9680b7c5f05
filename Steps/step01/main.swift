// Step 1: a variable is a box that holds data.
//
// The data is an `NDArray`, this project's NumPy. The box is a class rather than a struct,
// because from Step 7 on functions and variables refer to one another by identity.

import DeZeroArray

/// The box: it holds an array, which can be swapped for another one.
final class Variable {
    var data: NDArray

    init(_ data: NDArray) {
        self.data = data
    }
}

let data = NDArray(1.0)  // np.array(1.0): a 0-d float64 array
let x = Variable(data)
// Python's print() shows str() of an array; NDArray's `description` is its repr(), so the steps
// print `strDescription`.
print(x.data.strDescription)

x.data = NDArray(2.0)
print(x.data.strDescription)
