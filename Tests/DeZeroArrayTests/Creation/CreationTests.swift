import Testing
import DeZeroArray

// Expected values follow NumPy's documented definitions; the non-obvious float ones
// (arange/linspace rounding) were printed by NumPy 2.4.6, e.g.
// python3 -c "import numpy as np; print([float(v).hex() for v in np.arange(0, 1, 0.1)])".

@Suite struct CreationTests {
    @Test func zerosOnesFullHaveShapeDtypeAndValue() {
        let z = NDArray.zeros([2, 3])
        #expect(z.shape == [2, 3] && z.dtype == .float64)
        #expect(z.scalars(as: Double.self) == [0, 0, 0, 0, 0, 0])
        #expect(NDArray.zeros(2, 3) == z)
        #expect(NDArray.zeros([3], dtype: .int64) == NDArray([0, 0, 0]))
        #expect(NDArray.zeros([2], dtype: .bool) == NDArray([false, false]))
        #expect(NDArray.zeros([]).shape == [] && NDArray.zeros([]).item() == 0)
        #expect(NDArray.zeros([0, 4]).count == 0)

        #expect(NDArray.ones([2], dtype: .float32) == NDArray([1, 1] as [Float]))
        #expect(NDArray.ones(2, 2) == NDArray([[1, 1], [1, 1]] as [[Double]]))
        #expect(NDArray.ones([2], dtype: .bool) == NDArray([true, true]))

        #expect(NDArray.full([2], value: 0.5) == NDArray([0.5, 0.5] as [Double]))
        #expect(NDArray.full([3], value: 7) == NDArray([7, 7, 7]))                // Int gives int64
        #expect(NDArray.full([2], value: -2.7, dtype: .int64) == NDArray([-2, -2])) // truncates
        #expect(NDArray.full([1], value: 3, dtype: .float32) == NDArray([3] as [Float]))
        #expect(NDArray.full([2], value: true) == NDArray([true, true]))
        let count = 3
        #expect(NDArray.full([2], value: count, dtype: .float32) == NDArray([3, 3] as [Float]))
        #expect(NDArray.full([1], value: (1 << 53) + 1, dtype: .int64).scalars(as: Int64.self) == [(1 << 53) + 1])
        #expect(NDArray.full([2], value: 2, dtype: .bool) == NDArray([true, true]))
    }

    @Test func likeFunctionsKeepShapeAndDtype() {
        let x = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(NDArray.zerosLike(x) == NDArray([0, 0, 0, 0, 0, 0] as [Float], shape: [2, 3]))
        #expect(NDArray.onesLike(x) == NDArray([1, 1, 1, 1, 1, 1] as [Float], shape: [2, 3]))
        #expect(NDArray.fullLike(x, value: 2.5) == NDArray([2.5, 2.5, 2.5, 2.5, 2.5, 2.5] as [Float], shape: [2, 3]))
        #expect(NDArray.onesLike(x, dtype: .int64) == NDArray([1, 1, 1, 1, 1, 1], shape: [2, 3]))
    }

    @Test func integerArange() {
        let a = NDArray.arange(5)
        #expect(a.dtype == .int64 && a == NDArray([0, 1, 2, 3, 4]))
        #expect(NDArray.arange(start: 10, stop: 0, step: -3) == NDArray([10, 7, 4, 1]))
        #expect(NDArray.arange(start: 2, stop: 9, step: 3) == NDArray([2, 5, 8]))
        #expect(NDArray.arange(start: 1, stop: 1).shape == [0])
        #expect(NDArray.arange(start: 5, stop: 1).shape == [0])
        #expect(NDArray.arange(4, dtype: .float32) == NDArray([0, 1, 2, 3] as [Float]))
        // Exact beyond 2^53, where a float64 detour would round.
        let big = (1 << 60) + 1
        #expect(NDArray.arange(start: big, stop: big + 2).scalars(as: Int64.self) == [Int64(big), Int64(big) + 1])
    }

    @Test func floatArangeMatchesNumPy() {
        // np.arange(0, 1, 0.1): start + i·((start + step) − start), so 3·0.1 shows its rounding.
        let a = NDArray.arange(start: 0, stop: 1, step: 0.1)
        #expect(a.dtype == .float64)
        #expect(a == NDArray([0, 0x1.999999999999ap-4, 0x1.999999999999ap-3, 0x1.3333333333334p-2, 0x1.999999999999ap-2,
                              0x1.0p-1, 0x1.3333333333334p-1, 0x1.6666666666667p-1, 0x1.999999999999ap-1,
                              0x1.ccccccccccccdp-1] as [Double]))
        // np.arange(0, 1, 0.1, dtype=np.float32) fills in float32 arithmetic.
        let f = NDArray.arange(start: 0, stop: 1, step: 0.1, dtype: .float32)
        #expect(f.scalars(as: Float.self).map(\.bitPattern) == [
            0, 0x1.99999ap-4, 0x1.99999ap-3, 0x1.333334p-2, 0x1.99999ap-2,
            0x1.0p-1, 0x1.333334p-1, 0x1.666666p-1, 0x1.99999ap-1, 0x1.cccccep-1,
        ].map { (v: Float) in v.bitPattern })
        #expect(NDArray.arange(2.5) == NDArray([0, 1, 2] as [Double]))
        #expect(NDArray.arange(start: -1, stop: 1, step: 0.5) == NDArray([-1, -0.5, 0, 0.5] as [Double]))
        #expect(NDArray.arange(start: 0.5, stop: 3, step: 0.7, dtype: .float32) == NDArray([0.5, 1.2, 1.9000001, 2.6000001] as [Float]))
    }

    @Test func linspaceMatchesNumPy() {
        #expect(NDArray.linspace(0, 1, count: 5) == NDArray([0, 0.25, 0.5, 0.75, 1] as [Double]))
        #expect(NDArray.linspace(0, 1, count: 7) == NDArray([0.0, 0.16666666666666666, 0.3333333333333333, 0.5,
                                                             0.6666666666666666, 0.8333333333333333, 1.0] as [Double]))
        #expect(NDArray.linspace(0, 1, count: 7, endpoint: false) == NDArray([
            0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855,
            0.5714285714285714, 0.7142857142857142, 0.8571428571428571] as [Double]))
        #expect(NDArray.linspace(2, 3, count: 1) == NDArray([2] as [Double]))
        #expect(NDArray.linspace(2, 3, count: 0).shape == [0])
        #expect(NDArray.linspace(-2.5, 2.5, count: 5, dtype: .int64) == NDArray([-3, -2, 0, 1, 2]))  // floors
        #expect(NDArray.linspace(0, 1, count: 3, dtype: .float32) == NDArray([0, 0.5, 1] as [Float]))
        #expect(NDArray.linspace(0, 1).count == 50)
    }

    @Test func eyeMatchesNumPy() {
        #expect(NDArray.eye(3) == NDArray([[1, 0, 0], [0, 1, 0], [0, 0, 1]] as [[Double]]))
        #expect(NDArray.eye(2, m: 3, k: 1, dtype: .int64) == NDArray([[0, 1, 0], [0, 0, 1]]))
        #expect(NDArray.eye(3, k: -1) == NDArray([[0, 0, 0], [1, 0, 0], [0, 1, 0]] as [[Double]]))
        #expect(NDArray.eye(2, k: 5) == NDArray.zeros([2, 2]))
        #expect(NDArray.eye(1, dtype: .bool) == NDArray([[true]] as [[Bool]]))
        #expect(NDArray.eye(0).shape == [0, 0])
    }

    @Test func nestedArraysGiveShapesAndDtypes() {
        let cube = NDArray([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
        #expect(cube.shape == [2, 2, 2] && cube.dtype == .int64)
        #expect(cube.scalars(as: Int64.self) == [1, 2, 3, 4, 5, 6, 7, 8])
        let f = NDArray([[[1.5]], [[2.5]]] as [[[Float]]])
        #expect(f.shape == [2, 1, 1] && f.dtype == .float32)
        let d = NDArray([[[0.5, 1]]] as [[[Double]]])
        #expect(d.shape == [1, 1, 2] && d.dtype == .float64)
        let mask = NDArray([[true, false]] as [[Bool]])
        #expect(mask.shape == [1, 2] && mask.dtype == .bool)
        #expect(NDArray([[[true]]] as [[[Bool]]]).shape == [1, 1, 1])
    }

    @Test func badArgumentsStopWithAMessage() async {
        let zeroStep = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray.arange(start: 0, stop: 5, step: 0)
        }
        let zeroStepMessage = String(decoding: zeroStep?.standardErrorContent ?? [], as: UTF8.self)
        #expect(zeroStepMessage.contains("arange: step must not be zero"))
        let negative = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray.zeros([2, -1])
        }
        let negativeMessage = String(decoding: negative?.standardErrorContent ?? [], as: UTF8.self)
        #expect(negativeMessage.contains("negative dimension in shape (2, -1)"))
    }
}
