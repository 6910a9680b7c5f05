import Testing
@testable import DeZeroArray

private typealias K = ShapeTestKit

private func ints(_ v: [Int], _ shape: [Int]? = nil) -> NDIndex { .array(NDArray(v, shape: shape ?? [v.count])) }

@Suite struct IndexingAddAtTests {
    @Test func repeatedIndicesAccumulate() {
        var g = K.filled([3])
        g.addAt([ints([0, 2, 0])], NDArray([1, 2, 3] as [Double]))
        #expect(K.values(g) == [4, 0, 2])
        g.addAt(NDArray([1, 1, 1]), NDArray(0.5))
        #expect(K.values(g) == [4, 1.5, 2])
    }

    @Test func rowsAccumulate() {
        let g = K.filled([3, 2]).addingAt(NDArray([2, 0, 2]), NDArray([[1, 2], [3, 4], [5, 6]] as [[Double]]))
        #expect(K.values(g) == [3, 4, 0, 0, 6, 8])
        // Values broadcast to the indexed shape (3, 2).
        let h = K.filled([3, 2]).addingAt(NDArray([-1, -1, 0]), NDArray([1, 10] as [Double]))
        #expect(K.values(h) == [1, 10, 0, 0, 2, 20])
    }

    @Test func twoIndexArrays() {
        let g = K.filled([2, 3]).addingAt([ints([0, 0, 1]), ints([1, 1, 2])], NDArray([1, 2, 3] as [Double]))
        #expect(K.values(g) == [0, 3, 0, 0, 0, 3])
        let b = K.filled([3, 4]).addingAt([ints([0, 2], [2, 1]), ints([1, 1])], NDArray(1.0))
        #expect(K.values(b) == [0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0])
    }

    @Test func undoesTheGetterForSeparatedIndexArrays() {
        let y = K.iota([2, 3, 4])
        let index: [NDIndex] = [ints([0, 1]), .all, ints([2, 3])]
        let gy = y[index]                       // shape (2, 3): [2, 6, 10, 15, 19, 23]
        let gx = K.filled([2, 3, 4]).addingAt(index, gy)
        #expect(gx.shape == [2, 3, 4])
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
            let picked = (i == 0 && k == 2) || (i == 1 && k == 3)
            #expect(gx[i, j, k].item() == (picked ? Double(12 * i + 4 * j + k) : 0))
        } } }
    }

    @Test func basicIndicesToo() {
        #expect(K.values(K.filled([4]).addingAt([.every(2)], NDArray([1, 2] as [Double]))) == [1, 0, 2, 0])
        #expect(K.values(K.filled([4]).addingAt([.every(-1)], K.iota([4]))) == [3, 2, 1, 0])
        #expect(K.values(K.filled([2, 2]).addingAt([1], NDArray([5, 6] as [Double]))) == [0, 0, 5, 6])
        #expect(K.values(K.filled([2, 2]).addingAt([.all, -1], NDArray(1.0))) == [0, 1, 0, 1])
        #expect(K.values(K.filled([2, 2]).addingAt([.ellipsis, .newAxis], NDArray(1.0))) == [1, 1, 1, 1])
        #expect(NDArray(2.0).addingAt([], NDArray(3.0)).item() == 5)
    }

    @Test func masks() {
        let g = K.filled([3, 2], 1).addingAt(NDArray([true, false, true]), NDArray([[1, 2], [3, 4]] as [[Double]]))
        #expect(K.values(g) == [2, 3, 1, 1, 4, 5])
    }

    @Test func nonContiguousTarget() {
        let t = K.iota([2, 3]).T          // [[0, 3], [1, 4], [2, 5]]
        let g = t.addingAt([0], NDArray(10.0))
        #expect(g.shape == [3, 2])
        #expect(K.values(g) == [10, 13, 1, 4, 2, 5])
    }

    @Test func otherDtypes() {
        let f = NDArray([0, 0] as [Float]).addingAt(NDArray([1, 1]), NDArray([0.5, 0.25] as [Double]))
        #expect(f.dtype == .float32)
        #expect(K.values(f) == [0, 0.75])
        let i = NDArray([1, 2, 3]).addingAt(NDArray([0, 0, 2]), NDArray([10, 20, 30]))
        #expect(i.dtype == .int64)
        #expect(K.values(i) == [31, 2, 33])
        let b = NDArray([false, false, true]).addingAt(NDArray([0, 0]), NDArray([true, false]))
        #expect(K.values(b) == [1, 0, 1])
    }

    @Test func addingAtLeavesTheSourceAlone() {
        let z = K.filled([3])
        var w = z
        w.addAt([1], NDArray(1.0))
        let v = z.addingAt(NDArray([0]), NDArray(2.0))
        #expect(K.values(z) == [0, 0, 0])
        #expect(K.values(w) == [0, 1, 0])
        #expect(K.values(v) == [2, 0, 0])
    }
}
