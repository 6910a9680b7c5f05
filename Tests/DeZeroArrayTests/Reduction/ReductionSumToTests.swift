import Testing
@testable import DeZeroArray

@Suite struct ReductionSumToTests {
    let g = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])

    @Test func sumToUndoesBroadcasting() {
        #expect(EW.matches(g.sumTo([1, 3]), [5, 7, 9], shape: [1, 3], dtype: .float32))
        #expect(EW.matches(g.sumTo([3]), [5, 7, 9], shape: [3], dtype: .float32))
        #expect(EW.matches(g.sumTo([2, 1]), [6, 15], shape: [2, 1], dtype: .float32))
        #expect(EW.matches(g.sumTo([1, 1]), [21], shape: [1, 1], dtype: .float32))
        #expect(EW.matches(g.sumTo([]), [21], shape: [], dtype: .float32))
        // (2, 3, 4) to (3, 1): sum the leading axis and the last
        let c = NDArray((0..<24).map { Double($0) }, shape: [2, 3, 4])
        #expect(EW.matches(c.sumTo([3, 1]), [60, 92, 124], shape: [3, 1], dtype: .float64))
        #expect(EW.matches(NDArray(2.5).sumTo([]), [2.5], shape: [], dtype: .float64))
        #expect(EW.matches(EW.transposed(g).sumTo([1, 2]), [6, 15], shape: [1, 2], dtype: .float32))
        #expect(EW.matches(NDArray([true, true, false], shape: [3, 1]).sumTo([1]), [2], shape: [1], dtype: .int64))
    }

    @Test func sumToSameShapeReturnsTheSameStorage() {
        let same = g.sumTo([2, 3])
        let p1 = g.withUnsafeRawPointer { $0 }, p2 = same.withUnsafeRawPointer { $0 }
        #expect(p1 == p2 && same.shape == [2, 3])
    }

    @Test func broadcastToIsAZeroCopyView() {
        let row = NDArray([1, 2, 3] as [Float], shape: [1, 3])
        let b = row.broadcastTo([2, 3])
        #expect(EW.matches(b, [1, 2, 3, 1, 2, 3], shape: [2, 3], dtype: .float32))
        #expect(b.strides == [0, 1])
        #expect(b.withUnsafeRawPointer { $0 } == row.withUnsafeRawPointer { $0 })
        let col = NDArray([1, 2] as [Double], shape: [2, 1]).broadcastTo([3, 2, 4])
        #expect(col.strides == [0, 1, 0])
        #expect(EW.matches(col.sum(axes: [0, 2]), [12, 24], shape: [2], dtype: .float64))
        #expect(EW.matches(NDArray(7.0).broadcastTo([2, 2]), [7, 7, 7, 7], shape: [2, 2], dtype: .float64))
        #expect(EW.matches(NDArray([5] as [Float]).broadcastTo([0]), [], shape: [0], dtype: .float32))
        #expect(row.broadcastTo([1, 3]).withUnsafeRawPointer { $0 } == row.withUnsafeRawPointer { $0 })
        // Round trip: sumTo of a broadcast gives the values times the repeat count.
        #expect(EW.matches(row.broadcastTo([4, 3]).sumTo([1, 3]), [4, 8, 12], shape: [1, 3], dtype: .float32))
        // Arithmetic on a broadcast view reads it through its zero strides.
        #expect(EW.matches(row.broadcastTo([2, 3]) * g, [1, 4, 9, 4, 10, 18], shape: [2, 3], dtype: .float32))
    }
}
