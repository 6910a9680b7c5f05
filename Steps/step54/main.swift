// Step 54: dropout, and the switch between training and test mode.
//
// Run: swift run step54
//
// Swift differences: the book's `with test_mode():` block is `withTestMode { … }`, a closure
// that restores training mode when it returns. Python draws the dropout mask from NumPy's
// unseeded global generator; here the library-wide generator is seeded, so the mask (and the
// printed line) is the same on every run, though not the book's.
import DeZero

RandomGenerator.seedDefault(0)

let x = NDArray.ones([5])           // float64, like np.ones(5)
print(x.strDescription)     // Python's print shows str(); Swift's shows repr()

// When training: each element is dropped with probability 0.5, the rest are doubled.
let y = dropout(Variable(x))
print(y)

// When testing (predicting): dropout passes its input through.
withTestMode {
    let y = dropout(Variable(x))
    print(y)
}
