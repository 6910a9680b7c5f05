import Testing
@testable import DeZeroArray

@Suite struct ElementwiseComparisonTests {
    func bools(_ x: NDArray) -> [Bool] { x.scalars(as: Bool.self) }

    @Test func comparisonsOfArrays() {
        let a = NDArray([1, 2, 3, .nan] as [Float]), b = NDArray([3, 2, 1, .nan] as [Float])
        #expect((a .== b).dtype == .bool && (a .== b).shape == [4])
        #expect(bools(a .== b) == [false, true, false, false])
        #expect(bools(a .!= b) == [true, false, true, true])
        #expect(bools(a .< b) == [true, false, false, false])
        #expect(bools(a .<= b) == [true, true, false, false])
        #expect(bools(a .> b) == [false, false, true, false])
        #expect(bools(a .>= b) == [false, true, true, false])
    }

    @Test func comparisonsWithScalarsOnEitherSide() {
        let x = NDArray([-1, 0, 2] as [Float])
        #expect(bools(x .> 0) == [false, false, true])
        #expect(bools(0 .< x) == [false, false, true])
        #expect(bools(x .== 0) == [false, true, false])
        #expect(bools(1.5 .>= x) == [true, true, false])
        // An integer array against a fractional scalar compares exactly (in float64).
        let i = NDArray([2, 3])
        #expect(bools(i .< 2.5) == [true, false])
        #expect(bools(i .!= 2.0) == [false, true])
        #expect(bools(2.5 .> i) == [true, false])
    }

    @Test func promotionBroadcastingAndBools() {
        let f = NDArray([1.5, 2] as [Float]), d = NDArray([1.5, 3] as [Double])
        #expect(bools(f .== d) == [true, false])
        let col = NDArray([1, 2], shape: [2, 1]), row = NDArray([1, 2, 3])
        let m = col .< row
        #expect(m.shape == [2, 3] && bools(m) == [false, true, true, false, false, true])
        let t = NDArray([true, false]), u = NDArray([true, true])
        #expect(bools(t .== u) == [true, false])
        #expect(bools(t .< u) == [false, true])               // false < true, as 0 < 1
        #expect(bools(NDArray([0, 1]) .== t) == [false, false])
        // 0-d and non-contiguous
        #expect(bools(NDArray(2.0) .> NDArray(1.0)) == [true] && (NDArray(2.0) .> 1).shape == [])
        let tr = EW.transposed(NDArray([1, 2, 3, 4] as [Double], shape: [2, 2]))   // [[1, 3], [2, 4]]
        #expect(bools(tr .> 2) == [false, true, false, true])
        #expect((NDArray([] as [Float]) .> 0).shape == [0])
    }

    @Test func logicalOperators() {
        let a = NDArray([true, true, false, false]), b = NDArray([true, false, true, false])
        #expect(bools(a .& b) == [true, false, false, false])
        #expect(bools(a .| b) == [true, true, true, false])
        #expect(bools(a .^ b) == [false, true, true, false])
        #expect(bools(.!a) == [false, false, true, true])
        let x = NDArray([-1, 0.5, 2] as [Float])
        #expect(bools((x .> 0) .& (x .< 1)) == [false, true, false])
        #expect(bools(.!NDArray([0, 3])) == [true, false])          // numbers read as != 0
        #expect(bools(NDArray([true, false], shape: [2, 1]) .| NDArray([false, false, true])) == [true, true, true, false, false, true])
    }

    @Test func whereSelectsWithBroadcasting() {
        let x = NDArray([-1, 2, -3] as [Float])
        #expect(EW.matches(NDArray.where(x .> 0, x, NDArray(Float(0))), [0, 2, 0], shape: [3], dtype: .float32))
        #expect(EW.matches(`where`(x .> 0, x, -x), [1, 2, 3], shape: [3], dtype: .float32))
        #expect(EW.matches(NDArray.where(x .> 0, x, 0.0), [0, 2, 0], shape: [3], dtype: .float32))
        #expect(EW.matches(NDArray.where(x .> 0, 1.0, x), [-1, 1, -3], shape: [3], dtype: .float32))
        // mask (2, 1), a (1, 3), b 0-d: result (2, 3); float32 with float64 gives float64
        let mask = NDArray([true, false], shape: [2, 1])
        let a = NDArray([1, 2, 3] as [Float], shape: [1, 3])
        #expect(EW.matches(NDArray.where(mask, a, NDArray(9.0)), [1, 2, 3, 9, 9, 9], shape: [2, 3], dtype: .float64))
        // non-bool mask read as != 0; int64 values; 0-d everything
        #expect(EW.matches(NDArray.where(NDArray([0, 5]), NDArray([1, 2]), NDArray([7, 8])), [7, 2], shape: [2], dtype: .int64))
        #expect(EW.matches(NDArray.where(NDArray(true), NDArray(1.0), NDArray(2.0)), [1], shape: [], dtype: .float64))
        let tr = EW.transposed(NDArray([1, 2, 3, 4] as [Double], shape: [2, 2]))
        #expect(EW.matches(NDArray.where(tr .> 2, tr, NDArray(0.0)), [0, 3, 0, 4], shape: [2, 2], dtype: .float64))
    }
}
