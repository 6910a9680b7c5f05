// Step 55: the output size of a convolution, from the input size, kernel, stride and padding.
//
// Run: swift run step55
//
// Plain arithmetic, as in the book: nothing from DeZero is needed. Python's `//` is floor
// division; Swift's `/` on non-negative integers rounds the same way.

func convOutputSize(_ inputSize: Int, kernelSize: Int, stride: Int, pad: Int) -> Int {
    (inputSize + pad * 2 - kernelSize) / stride + 1
}

let (H, W) = (4, 4)        // input size
let (KH, KW) = (3, 3)      // kernel size
let (SH, SW) = (1, 1)      // kernel stride
let (PH, PW) = (1, 1)      // padding size

let OH = convOutputSize(H, kernelSize: KH, stride: SH, pad: PH)
let OW = convOutputSize(W, kernelSize: KW, stride: SW, pad: PW)
print(OH, OW)
