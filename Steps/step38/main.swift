// Step 38: functions that change shape: reshape and transpose, whose gradients change the shape back.
import DeZero

var x = Variable([[0, 1, 2], [3, 4, 5]])
var y = reshape(x, [6])  // y = x.reshape(6)
y.backward(retainGrad: true)
print(x.grad!)


x = Variable([[1, 2, 3], [4, 5, 6]])
y = transpose(x)  // y = x.T
y.backward()
print(x.grad!)
