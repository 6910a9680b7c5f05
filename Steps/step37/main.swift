// Step 37: tensors. Elementwise functions work on every element, and the gradient has the
// shape of its variable. Integer literals make int64 arrays, as np.array does, so the
// gradients print as integers too (ones of the output's dtype, like NumPy's ones_like).
import DeZero

let x = Variable([[1, 2, 3], [4, 5, 6]])
let c = Variable([[10, 20, 30], [40, 50, 60]])
let t = x + c
let y = sum(t)

y.backward(retainGrad: true)
print(y.grad!)
print(t.grad!)
print(x.grad!)
print(c.grad!)
