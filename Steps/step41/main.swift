// Step 41: the matrix product and the shapes of its gradients.
import DeZero

// The book draws np.random.randn unseeded; a seeded generator makes the run repeatable
// (only the gradients' shapes are printed).
var generator = RandomGenerator(seed: 0)
let x = Variable(generator.normal([2, 3]))
let w = Variable(generator.normal([3, 4]))
let y = matmul(x, w)
y.backward()

print(shapeDescription(x.grad!.shape))  // Python prints the shape tuple: (2, 3)
print(shapeDescription(w.grad!.shape))
