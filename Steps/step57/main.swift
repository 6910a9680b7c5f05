// Step 57: im2col, and a convolution built from it and one matrix product (`conv2d_simple`).
//
// Run: swift run step57
//
// Swift differences: the library's `conv2d` is a fused kernel, so the book's `conv2d_simple`
// (im2col, then `linear`) is written out below, as the book does in this step. Shapes print
// as Python tuples through `shapeDescription`. Python draws its inputs from NumPy's unseeded
// generator; here the library-wide generator is seeded (only shapes are printed anyway).
import DeZero

RandomGenerator.seedDefault(0)

func convOutputSize(_ inputSize: Int, kernelSize: Int, stride: Int, pad: Int) -> Int {
    (inputSize + pad * 2 - kernelSize) / stride + 1
}

/// A convolution as im2col followed by a matrix product: each row of the patch matrix is one
/// window, each column of the reshaped kernel one output channel.
func conv2dSimple(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Int = 1, pad: Int = 0) -> Variable {
    let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
    let (outChannels, kh, kw) = (W.shape[0], W.shape[2], W.shape[3])
    let oh = convOutputSize(h, kernelSize: kh, stride: stride, pad: pad)
    let ow = convOutputSize(w, kernelSize: kw, stride: stride, pad: pad)

    let col = im2col(x, kernelSize: (kh, kw), stride: (stride, stride), pad: (pad, pad), toMatrix: true)
    let kernel = transpose(reshape(W, [outChannels, -1]))     // (C·KH·KW, OC)
    let t = linear(col, kernel, b)                             // (N·OH·OW, OC)
    return transpose(reshape(t, [n, oh, ow, outChannels]), axes: [0, 3, 1, 2])
}

// im2col
let x1 = NDArray.randomUniform([1, 3, 7, 7])
let col1 = im2col(Variable(x1), kernelSize: 5, stride: 1, pad: 0, toMatrix: true)
print(shapeDescription(col1.shape))   // (9, 75)

let x2 = NDArray.randomUniform([10, 3, 7, 7])   // 10 images
let kernelSize = (5, 5)
let stride = (1, 1)
let pad = (0, 0)
let col2 = im2col(Variable(x2), kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: true)
print(shapeDescription(col2.shape))   // (90, 75)

// conv2d
let (N, C, H, W) = (1, 5, 15, 15)
let (OC, KH, KW) = (8, 3, 3)
let x = Variable(NDArray.randomNormal([N, C, H, W]))
let weight = Variable(NDArray.randomNormal([OC, C, KH, KW]))
let y = conv2dSimple(x, weight, nil, stride: 1, pad: 1)
y.backward()
print(shapeDescription(y.shape))        // (1, 8, 15, 15)
print(shapeDescription(x.grad!.shape))  // (1, 5, 15, 15)
