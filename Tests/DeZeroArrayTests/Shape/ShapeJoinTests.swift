import Testing
@testable import DeZeroArray

private typealias K = ShapeTestKit

@Suite struct ShapeConcatenateTests {
    @Test func concatenateRows() {
        let a = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
        let b = NDArray([5, 6] as [Double], shape: [1, 2])
        let y = concatenate([a, b])
        #expect(y.shape == [3, 2])
        #expect(K.values(y) == [1, 2, 3, 4, 5, 6])
    }

    @Test func concatenateColumns() {
        let a = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
        let c = NDArray([7, 8] as [Double], shape: [2, 1])
        for axis in [1, -1] {
            let y = concatenate([a, c], axis: axis)
            #expect(y.shape == [2, 3])
            #expect(K.values(y) == [1, 2, 7, 3, 4, 8])
        }
    }

    @Test func concatenateNonContiguousAndEmptyParts() {
        let t = K.iota([2, 3]).T                    // [[0, 3], [1, 4], [2, 5]]
        let empty = K.iota([0, 2])
        let r = K.iota([4])[[.every(-2)]].reshape(1, 2)   // [[3, 1]]
        let y = concatenate([t, empty, r])
        #expect(y.shape == [4, 2])
        #expect(K.values(y) == [0, 3, 1, 4, 2, 5, 3, 1])
    }

    @Test func concatenateOneDimensionalAndSingle() {
        #expect(K.values(concatenate([K.iota([2]), K.iota([3])])) == [0, 1, 0, 1, 2])
        let x = K.iota([2, 2])
        #expect(K.values(concatenate([x])) == K.values(x))
    }

    @Test func concatenatePromotesDtypes() {
        let f = NDArray([1.5] as [Float]), d = NDArray([2.5] as [Double])
        let i = NDArray([3]), b = NDArray([true])
        #expect(concatenate([f, i]).dtype == .float32)
        #expect(K.values(concatenate([f, i])) == [1.5, 3])
        #expect(concatenate([f, d]).dtype == .float64)
        #expect(concatenate([b, i]).dtype == .int64)
        #expect(K.values(concatenate([b, i])) == [1, 3])
        #expect(concatenate([b, b]).dtype == .bool)
        #expect(concatenate([i, d]).dtype == .float64)
    }

    @Test(arguments: DType.allCases)
    func concatenateEachDtype(_ dtype: DType) {
        let x = K.iota([2, 2], dtype), v = K.values(x)
        let y = concatenate([x, x], axis: 1)
        #expect(y.dtype == dtype)
        #expect(K.values(y) == [v[0], v[1], v[0], v[1], v[2], v[3], v[2], v[3]])
    }

    @Test func stackAddsAnAxis() {
        let a = NDArray([1, 2, 3] as [Double]), b = NDArray([4, 5, 6] as [Double])
        let y0 = stack([a, b])
        #expect(y0.shape == [2, 3])
        #expect(K.values(y0) == [1, 2, 3, 4, 5, 6])
        for axis in [1, -1] {
            let y1 = stack([a, b], axis: axis)
            #expect(y1.shape == [3, 2])
            #expect(K.values(y1) == [1, 4, 2, 5, 3, 6])
        }
        let s = stack([NDArray(1.0), NDArray(2.0), NDArray(3.0)])
        #expect(s.shape == [3])
        #expect(K.values(s) == [1, 2, 3])
        #expect(stack([a.astype(.float32), NDArray([7, 8, 9])]).dtype == .float32)
    }
}

@Suite struct ShapeSplitTests {
    @Test func splitIntoEqualSections() {
        let parts = split(K.iota([6]), sections: 3)
        #expect(parts.map(\.shape) == [[2], [2], [2]])
        #expect(parts.map(K.values) == [[0, 1], [2, 3], [4, 5]])
    }

    @Test func splitAlongAnotherAxisGivesViews() {
        let x = K.iota([2, 4])
        let parts = split(x, sections: 2, axis: -1)
        #expect(parts.map(\.shape) == [[2, 2], [2, 2]])
        #expect(parts.map(K.values) == [[0, 1, 4, 5], [2, 3, 6, 7]])
        #expect(parts.allSatisfy { K.sharesMemory(x, $0) })
    }

    @Test func splitAtIndices() {
        let x = K.iota([5])
        #expect(split(x, indices: [2, 3]).map(K.values) == [[0, 1], [2], [3, 4]])
        // Indices past the end give empty parts, like NumPy's slices.
        #expect(split(x, indices: [1, 10]).map(\.shape) == [[1], [4], [0]])
        #expect(split(x, indices: []).map(K.values) == [[0, 1, 2, 3, 4]])
        let rows = split(K.iota([3, 2]), indices: [1], axis: 0)
        #expect(rows.map(K.values) == [[0, 1], [2, 3, 4, 5]])
    }
}

@Suite struct ShapePadTests {
    @Test func padEachSide() {
        let x = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
        let y = pad(x, [(1, 0), (0, 2)])
        #expect(y.shape == [3, 4])
        #expect(K.values(y) == [0, 0, 0, 0,
                                1, 2, 0, 0,
                                3, 4, 0, 0])
    }

    @Test func padOnePairForAllAxesWithAValue() {
        let x = NDArray([1, 2] as [Double], shape: [1, 2])
        let y = pad(x, [(1, 1)], value: -1)
        #expect(y.shape == [3, 4])
        #expect(K.values(y) == [-1, -1, -1, -1,
                                -1, 1, 2, -1,
                                -1, -1, -1, -1])
    }

    @Test func padImagesForConvolution() {
        let x = K.iota([1, 1, 2, 2]) + 1.0
        let y = pad(x, [(0, 0), (0, 0), (1, 1), (1, 1)])
        #expect(y.shape == [1, 1, 4, 4])
        #expect(K.values(y) == [0, 0, 0, 0,
                                0, 1, 2, 0,
                                0, 3, 4, 0,
                                0, 0, 0, 0])
    }

    @Test func padNonContiguousAndOtherDtypes() {
        let t = K.iota([2, 2]).T   // [[0, 2], [1, 3]]
        #expect(K.values(pad(t, [(0, 1), (1, 0)])) == [0, 0, 2, 0, 1, 3, 0, 0, 0])
        let i = pad(NDArray([5, 6]), [(2, 0)], value: 7)
        #expect(i.dtype == .int64)
        #expect(K.values(i) == [7, 7, 5, 6])
        let f = pad(NDArray([1.5] as [Float]), [(0, 1)], value: 0.25)
        #expect(f.dtype == .float32)
        #expect(K.values(f) == [1.5, 0.25])
        let b = pad(NDArray([true]), [(1, 1)])
        #expect(K.values(b) == [0, 1, 0])
    }

    @Test func padZeroWidthsAndEmpty() {
        #expect(K.values(pad(K.iota([2]), [(0, 0)])) == [0, 1])
        #expect(pad(NDArray(3.0), []).item() == 3)
        #expect(K.values(pad(K.iota([0]), [(1, 2)])) == [0, 0, 0])
    }
}
