import Foundation
import Testing
@testable import DeZeroArray

@Suite struct ElementwiseMathTests {
    @Test func handValuesFloat64() {
        let e = 2.718281828459045
        #expect(EW.matches(exp(NDArray([0, 1, -1] as [Double])), [1, e, 1 / e], shape: [3], dtype: .float64, tol: 1e-15))
        #expect(EW.matches(log(NDArray([1, e, 0, -1] as [Double])), [0, 1, -.infinity, .nan], shape: [4], dtype: .float64, tol: 1e-15))
        #expect(EW.matches(sqrt(NDArray([4, 9, 0] as [Double])), [2, 3, 0], shape: [3], dtype: .float64))
        #expect(EW.matches(sin(NDArray([0, Double.pi / 2] as [Double])), [0, 1], shape: [2], dtype: .float64, tol: 1e-15))
        #expect(EW.matches(cos(NDArray([0, Double.pi] as [Double])), [1, -1], shape: [2], dtype: .float64, tol: 1e-15))
        // tanh(ln 2) = (4 - 1) / (4 + 1) = 0.6
        #expect(EW.matches(tanh(NDArray([0, Foundation.log(2.0)] as [Double])), [0, 0.6], shape: [2], dtype: .float64, tol: 1e-15))
        // sigmoid(ln 3) = 3 / 4; sigmoid(-ln 3) = 1 / 4
        #expect(EW.matches(sigmoid(NDArray([0, Foundation.log(3.0), -Foundation.log(3.0)] as [Double])),
                           [0.5, 0.75, 0.25], shape: [3], dtype: .float64, tol: 1e-15))
    }

    @Test func handValuesFloat32KeepDtype() {
        let x = NDArray([0, 1, 2, 4] as [Float])
        #expect(EW.matches(exp(x), [1, 2.718281828, 7.389056099, 54.59815003], shape: [4], dtype: .float32, tol: 1.2e-7))
        #expect(EW.matches(log(NDArray([1, 2, 4] as [Float])), [0, 0.693147181, 1.386294361], shape: [3], dtype: .float32, tol: 1.2e-7))
        #expect(EW.matches(tanh(NDArray([0, Float(Foundation.log(2.0))])), [0, 0.6], shape: [2], dtype: .float32, tol: 2.4e-7))
        #expect(EW.matches(sigmoid(NDArray([0, -200, 200] as [Float])), [0.5, 0, 1], shape: [3], dtype: .float32))
        #expect(EW.matches(sqrt(x), [0, 1, 1.414213562, 2], shape: [4], dtype: .float32, tol: 1.2e-7))
        #expect(EW.matches(sin(NDArray([0, Float.pi / 6] as [Float])), [0, 0.5], shape: [2], dtype: .float32, tol: 2.4e-7))
        #expect(EW.matches(cos(NDArray([0, Float.pi / 3] as [Float])), [1, 0.5], shape: [2], dtype: .float32, tol: 2.4e-7))
    }

    @Test func integerAndBoolInputGiveFloat64() {
        #expect(EW.matches(exp(NDArray([0, 1])), [1, 2.718281828459045], shape: [2], dtype: .float64, tol: 1e-15))
        #expect(EW.matches(sqrt(NDArray([true, false])), [1, 0], shape: [2], dtype: .float64))
        #expect(EW.matches(log(NDArray(1)), [0], shape: [], dtype: .float64))
    }

    @Test func scalarPathMatchesTheCLibraryExactly() {
        for v in [0.5, -3.25, 1e-300, 700.0] {
            #expect(exp(NDArray(v)).item() == Foundation.exp(v))
            #expect(sin(NDArray(v)).item() == Foundation.sin(v))
            #expect(tanh(NDArray(v)).item() == Foundation.tanh(v))
        }
        #expect(EW.isInline(exp(NDArray(0.5))) && EW.isInline(cos(NDArray(Float(0.5)))))
        #expect(exp(NDArray([0.5] as [Double], shape: [1, 1])).shape == [1, 1])
    }

    @Test func nonContiguousAndEmptyInput() {
        let x = NDArray([0, 1, 2, 3, 4, 5] as [Float], shape: [2, 3])
        let t = EW.transposed(x)
        let expected = [0, 3, 1, 4, 2, 5].map { Double(Foundation.exp(Float($0))) }
        #expect(EW.matches(exp(t), expected, shape: [3, 2], dtype: .float32, tol: 1.2e-7))
        let d = EW.transposed(NDArray([0, 1, 2, 3, 4, 5] as [Double], shape: [2, 3]))
        #expect(EW.matches(tanh(d), [0, 3, 1, 4, 2, 5].map { Foundation.tanh(Double($0)) }, shape: [3, 2], dtype: .float64))
        #expect(EW.matches(sqrt(t), [0, 3, 1, 4, 2, 5].map { Double(Float($0).squareRoot()) }, shape: [3, 2], dtype: .float32))
        #expect(EW.matches(exp(NDArray([] as [Float], shape: [2, 0])), [], shape: [2, 0], dtype: .float32))
    }

    @Test func largeArraysUseThreadsAndMatchSmallOnes() {
        // 70,000 elements: above the vector-math grain, so the work is split over threads.
        let n = 70_000
        let xs = (0..<n).map { Float($0 % 1000) / 100 - 5 }
        let big = exp(NDArray(xs)).scalars(as: Float.self)
        let pieces = stride(from: 0, to: n, by: 1000).flatMap { i in
            exp(NDArray(Array(xs[i..<Swift.min(i + 1000, n)]))).scalars(as: Float.self)
        }
        #expect(big == pieces)
    }

    @Test func powerFastPathsAndGeneral() {
        let x = NDArray([1, 2, 4] as [Float])
        #expect(EW.matches(pow(x, 2), [1, 4, 16], shape: [3], dtype: .float32))
        #expect(EW.matches(pow(x, 3.0), [1, 8, 64], shape: [3], dtype: .float32))
        #expect(EW.matches(pow(x, 0.5), [1, 1.414213562, 2], shape: [3], dtype: .float32, tol: 1.2e-7))
        #expect(EW.matches(pow(x, -1.0), [1, 0.5, 0.25], shape: [3], dtype: .float32))
        #expect(EW.matches(pow(x, 1.0), [1, 2, 4], shape: [3], dtype: .float32))
        #expect(EW.matches(pow(x, 1.5), [1, 2.828427125, 8], shape: [3], dtype: .float32, tol: 1.2e-7))
        #expect(EW.matches(pow(x, -2), [1, 0.25, 0.0625], shape: [3], dtype: .float32))
        // integers: Int exponent stays int64, Double exponent gives float64
        #expect(EW.matches(pow(NDArray([2, -3, 5]), 3), [8, -27, 125], shape: [3], dtype: .int64))
        #expect(EW.matches(pow(NDArray([4, 9]), 0.5), [2, 3], shape: [2], dtype: .float64))
        #expect(EW.matches(pow(NDArray([2, 3]), 0), [1, 1], shape: [2], dtype: .int64))
        // two arrays, broadcast
        let b = pow(NDArray([2, 3] as [Double], shape: [2, 1]), NDArray([0, 1, 2] as [Double]))
        #expect(EW.matches(b, [1, 2, 4, 1, 3, 9], shape: [2, 3], dtype: .float64))
        #expect(EW.matches(pow(NDArray([2, 3]), NDArray([3, 2])), [8, 9], shape: [2], dtype: .int64))
        #expect(EW.matches(pow(NDArray([4] as [Float]), NDArray([0.5] as [Double])), [2], shape: [1], dtype: .float64))
    }

    @Test func absAndSign() {
        let x = NDArray([-1.5, 0, -0.0, 2, .nan] as [Double])
        #expect(EW.matches(abs(x), [1.5, 0, 0, 2, .nan], shape: [5], dtype: .float64))
        #expect(abs(x).scalars(as: Double.self)[2].sign == .plus)
        #expect(EW.matches(sign(x), [-1, 0, 0, 1, .nan], shape: [5], dtype: .float64))
        #expect(sign(x).scalars(as: Double.self)[2].sign == .plus)
        #expect(EW.matches(abs(NDArray([-3, 4])), [3, 4], shape: [2], dtype: .int64))
        #expect(EW.matches(sign(NDArray([-3, 0, 4])), [-1, 0, 1], shape: [3], dtype: .int64))
        #expect(EW.matches(abs(NDArray([-2] as [Float])), [2], shape: [1], dtype: .float32))
        #expect(EW.matches(abs(NDArray([true, false])), [1, 0], shape: [2], dtype: .bool))
    }

    @Test func maximumMinimumAndClip() {
        let a = NDArray([1, 5, .nan, 2] as [Float]), b = NDArray([3, 2, 0, .nan] as [Float])
        #expect(EW.matches(maximum(a, b), [3, 5, .nan, .nan], shape: [4], dtype: .float32))
        #expect(EW.matches(minimum(a, b), [1, 2, .nan, .nan], shape: [4], dtype: .float32))
        // ReLU with a scalar on either side, dtype kept
        let x = NDArray([-1, 0.5, 2] as [Float])
        #expect(EW.matches(maximum(x, 0), [0, 0.5, 2], shape: [3], dtype: .float32))
        #expect(EW.matches(maximum(0.0, x), [0, 0.5, 2], shape: [3], dtype: .float32))
        #expect(EW.matches(minimum(x, 1.0), [-1, 0.5, 1], shape: [3], dtype: .float32))
        #expect(EW.matches(minimum(NDArray([5, -5]), 0), [0, -5], shape: [2], dtype: .int64))
        #expect(EW.matches(maximum(NDArray([5, -5]), 0.5), [5, 0.5], shape: [2], dtype: .float64))
        // broadcasting and promotion
        let m = maximum(NDArray([1, 4] as [Float], shape: [2, 1]), NDArray([2, 3] as [Double]))
        #expect(EW.matches(m, [2, 3, 4, 4], shape: [2, 2], dtype: .float64))
        #expect(EW.matches(maximum(NDArray([true, false]), NDArray([false, false])), [1, 0], shape: [2], dtype: .bool))
        // clip
        #expect(EW.matches(clip(NDArray([-2, 0.5, 3, .nan] as [Float]), min: 0, max: 1), [0, 0.5, 1, .nan], shape: [4], dtype: .float32))
        #expect(EW.matches(clip(NDArray([1, 5, 10]), min: 7, max: 3), [3, 3, 3], shape: [3], dtype: .int64))
        #expect(EW.matches(clip(NDArray([1, 5, 10]), min: 2.5, max: 7.5), [2.5, 5, 7.5], shape: [3], dtype: .float64))
        #expect(EW.matches(clip(EW.transposed(NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])), min: 2, max: 3),
                           [2, 3, 2, 3], shape: [2, 2], dtype: .float64))
    }
}
