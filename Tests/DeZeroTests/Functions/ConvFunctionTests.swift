import Testing
import DeZero

/// Forward values, shapes and dtypes of the Variable-level functions, and the book's Step 57
/// shapes.
@Suite("convolution functions")
struct ConvFunctionTests {
    @Test func bookStep57Shapes() {
        // Step 57: im2col of (1, 3, 7, 7) with kernel 5 gives (9, 75); of (10, 3, 7, 7), (90, 75).
        #expect(im2col(Variable(NDArray.ones([1, 3, 7, 7])), kernelSize: 5, stride: 1, pad: 0).shape == [9, 75])
        #expect(im2col(Variable(NDArray.ones([10, 3, 7, 7])), kernelSize: 5).shape == [90, 75])
        // conv2d of (1, 5, 15, 15) with 8 filters 3×3, stride 1, pad 1 keeps 15×15.
        let y = conv2d(Variable(NDArray.ones([1, 5, 15, 15])), Variable(NDArray.ones([8, 5, 3, 3])), nil, stride: 1, pad: 1)
        #expect(y.shape == [1, 8, 15, 15])
    }

    @Test func conv2dValuesByHand() {
        // x = 1…9 in a 3×3 image, W = [[1, 0], [0, −1]] (top-left minus bottom-right), b = 10:
        // each output is x[i][j] − x[i+1][j+1] + 10 = −4 + 10.
        let x = Variable(NDArray((1...9).map(Double.init), shape: [1, 1, 3, 3]))
        let w = Variable(NDArray([1, 0, 0, -1] as [Double], shape: [1, 1, 2, 2]))
        let y = conv2d(x, w, Variable([10.0]))
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.data.scalars(as: Double.self) == [6, 6, 6, 6])
        // Its gradients by hand for y summed: ∂/∂W = Σ windows: [1+2+4+5, 2+3+5+6; 4+5+7+8, 5+6+8+9];
        // ∂/∂b = 4; ∂/∂x = how often each pixel is a top-left minus a bottom-right corner.
        sum(y).backward()
        #expect(w.grad!.data.scalars(as: Double.self) == [12, 16, 24, 28])
        #expect(x.grad!.data.scalars(as: Double.self) == [1, 1, 0, 1, 0, -1, 0, -1, -1])
    }

    @Test func conv2dMatchesArrayKernelAndKeepsFloat32() {
        let x = sampleArray([2, 3, 6, 6], seed: 31).astype(.float32)
        let w = sampleArray([4, 3, 3, 3], seed: 32).astype(.float32), b = sampleArray([4], seed: 33).astype(.float32)
        let y = conv2d(Variable(x), Variable(w), Variable(b), stride: 2, pad: 1)
        #expect(y.dtype == .float32)
        #expect(y.data == DeZeroArray.conv2d(x, w, b, stride: (2, 2), pad: (1, 1)))
        // No-grad mode computes the same without recording a graph.
        let z = withNoGrad { conv2d(Variable(x), Variable(w), Variable(b), stride: 2, pad: 1) }
        #expect(z.creator == nil)
        #expect(z.data == y.data)
        // Gradients come back in the parameters' dtype.
        let wv = Variable(w)
        sum(conv2d(Variable(x), wv, nil, stride: 1, pad: 1)).backward()
        #expect(wv.grad!.dtype == .float32 && wv.grad!.shape == [4, 3, 3, 3])
    }

    @Test func deconv2dShapesAndValues() {
        // 2×2 ones through a 2×2 ones filter: overlaps counted, bias 1 on top.
        let y = DeZero.deconv2d(Variable(NDArray.ones([1, 1, 2, 2])), Variable(NDArray.ones([1, 1, 2, 2])), Variable([1.0]))
        #expect(y.data.scalars(as: Double.self) == [2, 3, 2, 3, 5, 3, 2, 3, 2])
        // The usual decoder step: 7×7 to 14×14 with kernel 4, stride 2, pad 1.
        let z = DeZero.deconv2d(Variable(NDArray.ones([2, 8, 7, 7])), Variable(NDArray.ones([8, 3, 4, 4])), nil, stride: 2, pad: 1)
        #expect(z.shape == [2, 3, 14, 14])
    }

    @Test func poolingValuesAndGradientRouting() {
        // 0…15 in a 4×4 image; 2×2 windows, stride 2: the maxima are the bottom-right corners.
        let x = Variable(NDArray((0..<16).map(Double.init), shape: [1, 1, 4, 4]))
        let y = pooling(x, kernelSize: 2, stride: 2)
        #expect(y.data.scalars(as: Double.self) == [5, 7, 13, 15])
        (y * Variable(NDArray([1, 2, 3, 4] as [Double], shape: [1, 1, 2, 2]))).sum().backward()
        #expect(x.grad!.data.scalars(as: Double.self) == [0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4])
        // Average: window means, and each pixel gets a quarter of its window's gradient.
        let a = Variable(NDArray((0..<16).map(Double.init), shape: [1, 1, 4, 4]))
        let m = DeZero.averagePooling(a, kernelSize: 2, stride: 2)
        #expect(m.data.scalars(as: Double.self) == [2.5, 4.5, 10.5, 12.5])
        sum(m).backward()
        #expect(a.grad!.data.scalars(as: Double.self) == [Double](repeating: 0.25, count: 16))
    }

    @Test func averagePoolingWithNonSquareKernel() {
        // The Python DeZero fails here (its backward reshapes with the kernel's sides swapped).
        // Kernel (1, 3), stride (1, 3) on a 2×6 image: the mean of each row triple.
        let x = Variable(NDArray((0..<12).map(Double.init), shape: [1, 1, 2, 6]))
        let y = DeZero.averagePooling(x, kernelSize: (1, 3), stride: (1, 3))
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.data.scalars(as: Double.self) == [1, 4, 7, 10])
        (y * Variable(NDArray([3, 6, 9, 12] as [Double], shape: [1, 1, 2, 2]))).sum().backward()
        #expect(x.grad!.data.scalars(as: Double.self) == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    }
}
