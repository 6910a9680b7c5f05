import Testing
import DeZero

/// Gradient checks in float64 (central differences, DESIGN.md §7) for every convolution
/// function: stride, padding, non-square kernels and strides, with and without bias.
@Suite("gradient checks: convolution")
struct ConvGradientTests {
    /// (input shape, output channels, kernel, stride, pad).
    static let convCases: [([Int], Int, (Int, Int), (Int, Int), (Int, Int))] = [
        ([2, 2, 5, 5], 3, (3, 3), (1, 1), (0, 0)),
        ([2, 2, 5, 5], 3, (3, 3), (1, 1), (1, 1)),
        ([1, 2, 7, 6], 2, (3, 3), (2, 2), (1, 1)),
        ([2, 1, 5, 7], 2, (2, 3), (2, 1), (0, 1)),
        ([1, 3, 4, 4], 40, (3, 3), (1, 1), (1, 1)),  // 40·3·3·3 weights: the GEMM path
    ]

    @Test(arguments: 0..<5)
    func conv2dWithBias(_ i: Int) {
        let (shape, oc, k, s, p) = Self.convCases[i]
        let x = sampleArray(shape, seed: 1), w = sampleArray([oc, shape[1], k.0, k.1], seed: 2)
        let b = sampleArray([oc], seed: 3)
        let r = gradientCheck({ v in convWeightedSquare(conv2d(v[0], v[1], v[2], stride: s, pad: p)) }, [x, w, b])
        #expect(r.passed, "\(r)")
    }

    @Test(arguments: 0..<5)
    func conv2dWithoutBias(_ i: Int) {
        let (shape, oc, k, s, p) = Self.convCases[i]
        let x = sampleArray(shape, seed: 4), w = sampleArray([oc, shape[1], k.0, k.1], seed: 5)
        let r = gradientCheck({ v in convWeightedSquare(conv2d(v[0], v[1], nil, stride: s, pad: p)) }, [x, w])
        #expect(r.passed, "\(r)")
    }

    @Test func conv2dIntSizes() {
        // The Int overload: stride 2, pad 1 on both axes.
        let x = sampleArray([2, 2, 6, 5], seed: 6), w = sampleArray([3, 2, 3, 3], seed: 7), b = sampleArray([3], seed: 8)
        let r = gradientCheck({ v in convWeightedSquare(conv2d(v[0], v[1], v[2], stride: 2, pad: 1)) }, [x, w, b])
        #expect(r.passed, "\(r)")
    }

    @Test(arguments: [false, true])
    func deconv2d(withOutsize: Bool) {
        // (1, 3, 3, 4) → stride 2, pad 1, kernel (3, 2): 2·(3 − 1) + 3 − 2 = 5 by 2·3 + 2 − 2 = 6,
        // or 6 by 7 with outsize (both convolve back to 3 by 4).
        let x = sampleArray([1, 3, 3, 4], seed: 9), w = sampleArray([3, 2, 3, 2], seed: 10), b = sampleArray([2], seed: 11)
        let outsize: (Int, Int)? = withOutsize ? (6, 7) : nil
        let y = DeZero.deconv2d(Variable(x), Variable(w), Variable(b), stride: 2, pad: 1, outsize: outsize)
        #expect(y.shape == (withOutsize ? [1, 2, 6, 7] : [1, 2, 5, 6]))
        let r = gradientCheck({ v in
            convWeightedSquare(DeZero.deconv2d(v[0], v[1], v[2], stride: 2, pad: 1, outsize: outsize))
        }, [x, w, b])
        #expect(r.passed, "\(r)")
    }

    @Test func deconv2dPairSizesNoBias() {
        let x = sampleArray([2, 2, 3, 3], seed: 12), w = sampleArray([2, 3, 2, 3], seed: 13)
        let r = gradientCheck({ v in
            convWeightedSquare(DeZero.deconv2d(v[0], v[1], nil, stride: (2, 1), pad: (0, 1)))
        }, [x, w])
        #expect(r.passed, "\(r)")
    }

    @Test(arguments: [false, true])
    func im2colAndCol2im(toMatrix: Bool) {
        let x = sampleArray([2, 2, 5, 6], seed: 14)
        for (k, s, p) in [((3, 3), (1, 1), (1, 1)), ((2, 3), (2, 1), (0, 1))] {
            let r = gradientCheck({ v in convWeightedSquare(im2col(v[0], kernelSize: k, stride: s, pad: p, toMatrix: toMatrix)) }, [x])
            #expect(r.passed, "im2col \(k) \(s) \(p): \(r)")
            let colShape = im2col(Variable(x), kernelSize: k, stride: s, pad: p, toMatrix: toMatrix).shape
            let col = sampleArray(colShape, seed: 15)
            let r2 = gradientCheck({ v in
                convWeightedSquare(col2im(v[0], inputShape: [2, 2, 5, 6], kernelSize: k, stride: s, pad: p, toMatrix: toMatrix))
            }, [col])
            #expect(r2.passed, "col2im \(k) \(s) \(p): \(r2)")
        }
        let r3 = gradientCheck({ v in convWeightedSquare(im2col(v[0], kernelSize: 3, stride: 2, pad: 1, toMatrix: toMatrix)) }, [x])
        #expect(r3.passed, "\(r3)")
    }

    /// (kernel, stride, pad) for pooling, overlapping and padded windows included.
    static let poolCases: [((Int, Int), (Int, Int), (Int, Int))] = [
        ((2, 2), (2, 2), (0, 0)), ((3, 3), (1, 1), (1, 1)), ((2, 3), (2, 1), (0, 1)), ((3, 2), (1, 2), (1, 0)),
    ]

    @Test(arguments: 0..<4)
    func maxPooling(_ i: Int) {
        let (k, s, p) = Self.poolCases[i]
        let x = distinctSample([2, 2, 5, 6], seed: 16)
        let r = gradientCheck({ v in convWeightedSquare(pooling(v[0], kernelSize: k, stride: s, pad: p)) }, [x])
        #expect(r.passed, "\(r)")
    }

    @Test(arguments: 0..<4)
    func averagePooling(_ i: Int) {
        let (k, s, p) = Self.poolCases[i]
        let x = sampleArray([2, 2, 5, 6], seed: 17)
        let r = gradientCheck({ v in convWeightedSquare(DeZero.averagePooling(v[0], kernelSize: k, stride: s, pad: p)) }, [x])
        #expect(r.passed, "\(r)")
    }

    @Test func poolingIntSizes() {
        let x = distinctSample([1, 2, 6, 6], seed: 18)
        let r = gradientCheck({ v in convWeightedSquare(pooling(v[0], kernelSize: 3, stride: 2, pad: 1)) }, [x])
        #expect(r.passed, "\(r)")
        let r2 = gradientCheck({ v in convWeightedSquare(DeZero.averagePooling(v[0], kernelSize: 3, stride: 2, pad: 1)) }, [x])
        #expect(r2.passed, "\(r2)")
    }
}

/// Second derivatives: the backward of every function is made of differentiable functions
/// (conv2d ⇄ deconv2d ⇄ Conv2dGradW, the pooling gradients), checked by differentiating a
/// gradient built with `createGraph` numerically.
@Suite("gradient checks: convolution, second order")
struct ConvSecondOrderTests {
    @Test func conv2dThroughItsGradients() {
        let x = sampleArray([1, 2, 5, 4], seed: 21), w = sampleArray([3, 2, 3, 2], seed: 22), b = sampleArray([3], seed: 23)
        let f: ([Variable]) -> Variable = { v in conv2d(v[0], v[1], v[2], stride: (2, 1), pad: (1, 0)) }
        for input in 0..<2 {  // ∂/∂x and ∂/∂W, each differentiated again with respect to x, W and b
            let r = gradientCheck(convGradientOf(f, input: input), [x, w, b])
            #expect(r.passed, "gradient of input \(input): \(r)")
        }
    }

    @Test func deconv2dThroughItsGradients() {
        let x = sampleArray([1, 2, 3, 3], seed: 24), w = sampleArray([2, 2, 3, 3], seed: 25)
        let f: ([Variable]) -> Variable = { v in DeZero.deconv2d(v[0], v[1], nil, stride: 2, pad: 1) }
        for input in 0..<2 {
            let r = gradientCheck(convGradientOf(f, input: input), [x, w])
            #expect(r.passed, "gradient of input \(input): \(r)")
        }
    }

    @Test func poolingThroughItsGradients() {
        let x = distinctSample([1, 2, 5, 5], seed: 26)
        let maxGrad = gradientCheck(convGradientOf({ v in pooling(v[0], kernelSize: 3, stride: 2, pad: 1) }, input: 0), [x])
        #expect(maxGrad.passed, "\(maxGrad)")
        let avgGrad = gradientCheck(convGradientOf({ v in DeZero.averagePooling(v[0], kernelSize: (2, 3), stride: (1, 2)) }, input: 0), [x])
        #expect(avgGrad.passed, "\(avgGrad)")
    }

    @Test func im2colThroughItsGradient() {
        let x = sampleArray([1, 2, 4, 5], seed: 27)
        let r = gradientCheck(convGradientOf({ v in im2col(v[0], kernelSize: (2, 3), stride: (1, 2), pad: (1, 0)) }, input: 0), [x])
        #expect(r.passed, "\(r)")
    }
}
