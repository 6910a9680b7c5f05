import Testing
import DeZero

// The book's Stage 4 examples (Steps 38–42) as tests.
@Suite("tensor functions: the book's Stage 4 examples")
struct FunctionsBookTests {
    @Test("Step 38/39: reshape, transpose and sum pass gradients of ones back in the input's shape")
    func steps38and39() {
        let x = Variable(NDArray([[1, 2, 3], [4, 5, 6]] as [[Double]]))
        let y = reshape(x, [6])
        y.backward(retainGrad: true)
        #expect(x.grad!.shape == [2, 3] && x.grad!.scalars(as: Double.self) == [1, 1, 1, 1, 1, 1])
        x.clearGrad()
        transpose(x).backward()
        #expect(x.grad!.shape == [2, 3])
        let s = sum(x, axis: 0)
        #expect(s.scalars(as: Double.self) == [5, 7, 9])
        #expect(sum(x, keepdims: true).shape == [1, 1])
    }

    @Test("Step 41: matmul gradients have the shapes of x and W")
    func step41() {
        let x = Variable(NDArray.ones([2, 3]))
        let W = Variable(NDArray.ones([3, 4]))
        matmul(x, W).backward()
        #expect(x.grad!.shape == [2, 3] && W.grad!.shape == [3, 4])
    }

    @Test("Step 42: linear regression with meanSquaredError finds y = 5 + 2x (+ uniform noise, mean 0.5)")
    func step42() {
        var rng = RandomGenerator(seed: 0)
        let xData = rng.uniform([100, 1])
        let yData = 5 + 2 * xData + rng.uniform([100, 1])
        let x = Variable(xData), y = Variable(yData)
        let W = Variable(NDArray.zeros([1, 1])), b = Variable(NDArray.zeros([1]))
        var loss = Variable(0.0)
        for _ in 0..<100 {
            loss = meanSquaredError(y, linear(x, W, b))
            W.clearGrad(); b.clearGrad()
            loss.backward()
            W.data -= 0.1 * W.grad!.data
            b.data -= 0.1 * b.grad!.data
        }
        // The book prints W = 2.118, b = 5.466, loss 0.0791 (its NumPy noise differs from ours);
        // the noise's variance 1/12 is about where the loss settles.
        #expect(abs(W.item() - 2) < 0.35)
        #expect(abs(b.item() - 5.5) < 0.25)
        #expect(loss.item() > 0.06 && loss.item() < 0.12)
    }
}
