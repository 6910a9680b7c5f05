import Testing
@testable import DeZeroArray

private typealias K = ShapeTestKit

/// x[r, c] = 4r + c, shape (3, 4).
private let x = K.iota([3, 4])
/// y[i, j, k] = 12i + 4j + k, shape (2, 3, 4).
private let y = K.iota([2, 3, 4])

private func ints(_ v: [Int], _ shape: [Int]? = nil) -> NDIndex { .array(NDArray(v, shape: shape ?? [v.count])) }

@Suite struct IndexingFancyTests {
    @Test func rowsWithRepeatsAndNegatives() {
        let r = x[NDArray([2, 0, 2])]
        #expect(r.shape == [3, 4])
        #expect(K.values(r) == [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11])
        #expect(K.values(x[NDArray([-1])]) == [8, 9, 10, 11])
        #expect(!K.sharesMemory(x, r))
    }

    @Test func indexArrayShapeBecomesTheResultShape() {
        let r = x[NDArray([0, 1, 1, 2], shape: [2, 2])]
        #expect(r.shape == [2, 2, 4])
        #expect(K.values(r[1, 0]) == [4, 5, 6, 7])
        #expect(x[NDArray([Int](), shape: [0])].shape == [0, 4])
        // A 0-d index array acts as an integer.
        #expect(K.values(x[NDArray(1)]) == [4, 5, 6, 7])
    }

    @Test func twoIndexArraysPairUp() {
        #expect(K.values(x[ints([0, 1, 2]), ints([3, 2, 1])]) == [3, 6, 9])
        // Broadcast together: (2, 1) with (2,) gives (2, 2).
        let r = x[ints([0, 2], [2, 1]), ints([1, 3])]
        #expect(r.shape == [2, 2])
        #expect(K.values(r) == [1, 3, 9, 11])
    }

    @Test func integersAndSlicesBesideAnIndexArray() {
        #expect(K.values(x[1, ints([0, 0, 3])]) == [4, 4, 7])
        let r = x[.range(1...), ints([0, 3])]
        #expect(r.shape == [2, 2])
        #expect(K.values(r) == [4, 7, 8, 11])
        let s = y[ints([1, 0]), .all, .range(0..<2)]
        #expect(s.shape == [2, 3, 2])
        #expect(K.values(s) == [12, 13, 16, 17, 20, 21, 0, 1, 4, 5, 8, 9])
    }

    @Test func adjacentIndexArraysKeepTheirPlace() {
        let r = y[.all, ints([0, 2]), ints([1, 3])]
        #expect(r.shape == [2, 2])
        #expect(K.values(r) == [1, 11, 13, 23])
        #expect(y[.ellipsis, ints([0, 0, 3])].shape == [2, 3, 3])
        #expect(y[.all, ints([0, 2], [1, 2]), .all].shape == [2, 1, 2, 4])
    }

    @Test func indexArraysSeparatedBySliceGoFirst() {
        // y[[0, 1], :, [2, 3]]: the broadcast axis (2) comes before the slice's axis (3).
        let r = y[ints([0, 1]), .all, ints([2, 3])]
        #expect(r.shape == [2, 3])
        #expect(K.values(r) == [2, 6, 10, 15, 19, 23])
        // An integer counts as an index array here: y[0, :, [1, 2]] has shape (2, 3).
        let s = y[0, .all, ints([1, 2])]
        #expect(s.shape == [2, 3])
        #expect(K.values(s) == [1, 5, 9, 2, 6, 10])
        // An ellipsis separates them even when it covers no axis: x[None, 1, ..., [0, 3]]
        // has shape (2, 1), not (1, 2).
        let e = x[.newAxis, 1, .ellipsis, ints([0, 3])]
        #expect(e.shape == [2, 1])
        #expect(K.values(e) == [4, 7])
    }

    @Test func nonContiguousSource() {
        let t = x.T   // t[c, r] = 4r + c
        #expect(K.values(t[NDArray([3, 0])]) == [3, 7, 11, 0, 4, 8])
        let rev = x[.every(-1)]
        #expect(K.values(rev[ints([0]), ints([1])]) == [9])
    }

    @Test(arguments: DType.allCases)
    func fancyEachDtype(_ dtype: DType) {
        let a = K.iota([2, 3], dtype), v = K.values(a)
        let r = a[.all, ints([2, 0])]
        #expect(r.dtype == dtype)
        #expect(K.values(r) == [v[2], v[0], v[5], v[3]])
    }
}

@Suite struct IndexingMaskTests {
    @Test func maskOnRows() {
        let r = x[NDArray([true, false, true])]
        #expect(r.shape == [2, 4])
        #expect(K.values(r) == [0, 1, 2, 3, 8, 9, 10, 11])
        #expect(x[NDArray([false, false, false])].shape == [0, 4])
    }

    @Test func maskOverAllAxes() {
        let mask = NDArray((0..<12).map { $0 > 5 || $0 == 1 }, shape: [3, 4])
        let r = x[mask]
        #expect(r.shape == [7])
        #expect(K.values(r) == [1, 6, 7, 8, 9, 10, 11])
    }

    @Test func maskOnAnInnerAxis() {
        let r = x[.all, .array(NDArray([true, false, false, true]))]
        #expect(r.shape == [3, 2])
        #expect(K.values(r) == [0, 3, 4, 7, 8, 11])
        let m = NDArray([true, false, true, true, false, false], shape: [2, 3])
        let s = y[.array(m), .newAxis]   // mask over y's first two axes
        #expect(s.shape == [3, 1, 4])
        #expect(K.values(s[.all, 0, 0]) == [0, 8, 12])
    }
}
