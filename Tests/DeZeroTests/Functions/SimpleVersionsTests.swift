import Foundation
import Testing
import DeZero

/// The book's `*_simple` names give the values of the fused functions they stand for.
@Suite struct SimpleVersionsTests {
    @Test func simpleNamesComputeTheBooksFormulas() {
        let x = Variable(sampleArray([2, 3], seed: 31))
        let W = Variable(sampleArray([3, 4], seed: 32)), b = Variable(sampleArray([4], seed: 33))
        // Against the formulas the book writes the simple versions with.
        #expect(valuesAgree(sigmoidSimple(x).scalars(as: Double.self),
                            (1 / (1 + exp(-x))).scalars(as: Double.self), tolerance: 1e-15))
        #expect(valuesAgree(linearSimple(x, W, b).scalars(as: Double.self),
                            (matmul(x, W) + b).scalars(as: Double.self), tolerance: 1e-14))
        let e = exp(x)
        #expect(valuesAgree(softmaxSimple(x).scalars(as: Double.self),
                            (e / sum(e, axis: 1, keepdims: true)).scalars(as: Double.self), tolerance: 1e-15))
        let diff = x - Variable(sampleArray([2, 3], seed: 34))
        #expect(abs(meanSquaredErrorSimple(x, Variable(sampleArray([2, 3], seed: 34))).item()
                    - sum(diff ** 2).item() / 2) < 1e-14)
        let t = Variable(NDArray([2, 0]))
        let p = softmax(x).scalars(as: Double.self)
        let expected = -(Foundation.log(p[2]) + Foundation.log(p[3])) / 2
        #expect(abs(softmaxCrossEntropySimple(x, t).item() - expected) < 1e-14)
    }

    @Test func convolutionAndPoolingSimpleMatchTheFusedOnes() {
        let x = Variable(sampleArray([1, 2, 5, 5], seed: 35)), W = Variable(sampleArray([3, 2, 3, 3], seed: 36))
        #expect(conv2dSimple(x, W, b: nil, stride: 1, pad: 1).data == conv2d(x, W, nil, stride: 1, pad: 1).data)
        #expect(poolingSimple(x, kernelSize: 2, stride: 2).data == pooling(x, kernelSize: 2, stride: 2).data)
    }
}
