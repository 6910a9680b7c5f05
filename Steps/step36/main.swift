// Step 36: a use of double backprop beyond Newton's method: z = (dy/dx)³ + y with y = x²,
// differentiated with respect to x (dz/dx = 24x² + 2x = 100 at x = 2).
import DeZero

let x = Variable(2.0)
let y = x ** 2
y.backward(createGraph: true)
let gx = x.grad!
x.clearGrad()

let z = gx ** 3 + y
z.backward()
print(x.grad!)
