// Step 39: sum, over everything or along an axis, and its gradient (a broadcast of ones).
import DeZero

var x = Variable([1, 2, 3, 4, 5, 6])
var y = sum(x)
y.backward()
print(y)
print(x.grad!)

x = Variable([[1, 2, 3], [4, 5, 6]])
y = sum(x)
y.backward()
print(y)
print(x.grad!)

x = Variable([[1, 2, 3], [4, 5, 6]])
y = sum(x, axis: 0)
y.backward()
print(y)
print(x.grad!)

// The book draws np.random.randn unseeded; a seeded generator makes the run repeatable
// (only the shape is printed).
var generator = RandomGenerator(seed: 0)
x = Variable(generator.normal([2, 3, 4, 5]))
y = x.sum(keepdims: true)
print(shapeDescription(y.shape))  // Python prints the shape tuple: (1, 1, 1, 1)
