// Step 40: broadcasting. x1 of shape (1,) is repeated to x0's shape (3,) in forward, and its
// gradient is summed back to (1,) in backward.
import DeZero

let x0 = Variable([1, 2, 3])
let x1 = Variable([10])
let y = x0 + x1
print(y)

y.backward()
print(x1.grad!)
