import Testing
@testable import DeZeroArray

private typealias K = ShapeTestKit

/// x = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]: element (r, c) holds 4r + c.
private let x = K.iota([3, 4])

@Suite struct IndexingIntegerTests {
    @Test func integersPickRowsAndElements() {
        #expect(x[1].shape == [4])
        #expect(K.values(x[1]) == [4, 5, 6, 7])
        #expect(K.values(x[-1]) == [8, 9, 10, 11])
        #expect(x[1, 2].shape == [])
        #expect(x[1, 2].item() == 6)
        #expect(x[-1, -4].item() == 8)
        #expect(x[[2, 3]].item() == 11)
        #expect(K.values(K.iota([4])[-2]) == [2])
    }

    @Test func integerIndexingIsAView() {
        #expect(K.sharesMemory(x, x[1]))
        #expect(K.sharesMemory(x, x[2, 3]))
    }

    @Test func integersOnAViewFollowItsStrides() {
        let t = x.T   // t[c, r] = 4r + c
        #expect(K.values(t[1]) == [1, 5, 9])
        #expect(t[3, 2].item() == 11)
    }

    @Test(arguments: DType.allCases)
    func integersEachDtype(_ dtype: DType) {
        let a = K.iota([2, 3], dtype), v = K.values(a)
        #expect(a[1].dtype == dtype)
        #expect(K.values(a[1]) == Array(v[3..<6]))
        #expect(a[0, 1].item() == v[1])
    }
}

@Suite struct IndexingSliceTests {
    @Test func swiftRangesSliceTheFirstAxis() {
        #expect(K.values(x[0..<2]) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(K.values(x[1...]) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(K.values(x[..<1]) == [0, 1, 2, 3])
        #expect(K.values(x[...1]) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(K.values(x[1...1]) == [4, 5, 6, 7])
        #expect(x[1...1].shape == [1, 4])
        #expect(K.values(x[-2...(-1)]) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(K.values(x[-3 ..< -2]) == [0, 1, 2, 3])
        #expect(x[...].shape == [3, 4])
        #expect(K.sharesMemory(x, x[0..<2]))
    }

    @Test func rangesClipLikeNumPy() {
        // A batch range past the end takes what is there.
        #expect(x[0..<100].shape == [3, 4])
        #expect(x[2..<100].shape == [1, 4])
        #expect(x[5...].shape == [0, 4])
        #expect(x[2..<2].shape == [0, 4])
    }

    @Test func stepsAndNegativeSteps() {
        #expect(K.values(x[[.all, .every(2)]]) == [0, 2, 4, 6, 8, 10])
        #expect(K.values(x[.every(-1)]) == [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3])
        #expect(K.values(x[.all, .slice(start: -1, stop: 0, step: -2)]) == [3, 1, 7, 5, 11, 9])
        #expect(K.values(x[.every(-2), .every(-1)]) == [11, 10, 9, 8, 3, 2, 1, 0])
        #expect(K.values(x[0, .slice(start: 10, stop: nil, step: -1)]) == [3, 2, 1, 0])
        #expect(K.values(x[0, .slice(start: nil, stop: -10, step: -1)]) == [3, 2, 1, 0])
        #expect(K.values(x[0, .range(1..., step: 2)]) == [1, 3])
        #expect(K.values(x[0, .range(..<3, step: 2)]) == [0, 2])
        #expect(x[0, .slice(start: 0, stop: 3, step: -1)].shape == [0])
        #expect(K.sharesMemory(x, x[.every(-1)]))
    }

    @Test func slicesOfNonContiguousArrays() {
        let t = x.T   // 4 x 3, t[c, r] = 4r + c
        #expect(K.values(t[.range(1..<3), .every(-1)]) == [9, 5, 1, 10, 6, 2])
        let s = x[.all, .every(2)][.every(-1)]   // rows reversed, columns 0 and 2
        #expect(K.values(s) == [8, 10, 4, 6, 0, 2])
    }

    @Test func newAxisAndEllipsis() {
        #expect(x[.newAxis].shape == [1, 3, 4])
        #expect(x[.ellipsis, .newAxis].shape == [3, 4, 1])
        #expect(x[.all, .newAxis, .all].shape == [3, 1, 4])
        #expect(K.values(x[.ellipsis, 1]) == [1, 5, 9])
        let y = K.iota([2, 3, 4])
        #expect(K.values(y[.ellipsis, 0, .all]) == [0, 1, 2, 3, 12, 13, 14, 15])
        #expect(y[1, .ellipsis].shape == [3, 4])
        #expect(y[.ellipsis].shape == [2, 3, 4])
        #expect(y[0, .ellipsis, 0, 0].item() == 0)
    }

    @Test func zeroDimensionalArrays() {
        let s = NDArray(7.0)
        #expect(s[[]].item() == 7)
        #expect(s[.ellipsis].item() == 7)
        #expect(s[.newAxis].shape == [1])
        #expect(s[...].item() == 7)
    }

    @Test(arguments: DType.allCases)
    func slicesEachDtype(_ dtype: DType) {
        let a = K.iota([5], dtype), v = K.values(a)
        let s = a[.every(-2)]
        #expect(s.dtype == dtype)
        #expect(K.values(s) == [v[4], v[2], v[0]])
    }
}

@Suite struct IndexingSetterTests {
    @Test func writingAViewLeavesTheSourceAlone() {
        var row = x[1]
        row[0] = NDArray(-1.0)
        #expect(K.values(row) == [-1, 5, 6, 7])
        #expect(K.values(x) == (0..<12).map(Double.init))
    }

    @Test func settingRowsColumnsAndElements() {
        var y = K.iota([2, 3])
        let before = y
        y[1] = NDArray([7, 8, 9] as [Double])
        #expect(K.values(y) == [0, 1, 2, 7, 8, 9])
        y[.all, 0] = NDArray(-1.0)          // a scalar broadcasts
        #expect(K.values(y) == [-1, 1, 2, -1, 8, 9])
        y[0, 2] = NDArray(5)                  // int64 value into float64 array
        #expect(K.values(y) == [-1, 1, 5, -1, 8, 9])
        y[0..<1] = NDArray([1, 2, 3] as [Double])
        #expect(K.values(y) == [1, 2, 3, -1, 8, 9])
        y[.all, .every(-1)] = NDArray([[10, 20, 30], [40, 50, 60]] as [[Double]])
        #expect(K.values(y) == [30, 20, 10, 60, 50, 40])
        y[...] = NDArray(0.5)
        #expect(K.values(y) == [0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
        #expect(K.values(before) == [0, 1, 2, 3, 4, 5])
    }

    @Test func settingThroughATransposedArray() {
        var t = K.iota([2, 3]).T     // [[0, 3], [1, 4], [2, 5]]
        t[0] = NDArray([9, 9] as [Double])
        #expect(K.values(t) == [9, 9, 1, 4, 2, 5])
        t[1] += NDArray(1.0)
        #expect(K.values(t) == [9, 9, 2, 5, 2, 5])
    }

    @Test func settingWithIndexArraysAndMasks() {
        var y = K.iota([4])
        y[NDArray([3, 0])] = NDArray([30, 0.5] as [Double])
        #expect(K.values(y) == [0.5, 1, 2, 30])
        y[NDArray([true, false, true, false])] = NDArray(-2.0)
        #expect(K.values(y) == [-2, 1, -2, 30])
        var f = NDArray([1, 2, 3] as [Float])
        f[1] = NDArray(2.5)                   // float64 value into float32 array
        #expect(f.dtype == .float32)
        #expect(K.values(f) == [1, 2.5, 3])
    }
}
