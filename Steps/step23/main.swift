// Step 23: the code becomes a package. From here on the steps import the framework,
// `import DeZero`, as the book's steps import `dezero`.
import DeZero

// Variable(1.0) is the book's Variable(np.array(1.0)): a float64 scalar.
let x = Variable(1.0)
let y = (x + 3) ** 2
y.backward()

print(y)
print(x.grad!)  // grad is optional in Swift: nil until a backward pass has set it
