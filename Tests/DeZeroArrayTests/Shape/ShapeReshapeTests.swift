import Testing
@testable import DeZeroArray

private typealias K = ShapeTestKit

@Suite struct ShapeReshapeTests {
    @Test func reshapeKeepsRowMajorOrder() {
        let x = K.iota([6])
        let y = x.reshape(2, 3)
        #expect(y.shape == [2, 3])
        #expect(K.values(y) == [0, 1, 2, 3, 4, 5])
        #expect(x.reshape([3, 2]).shape == [3, 2])
        #expect(y[1, 0].item() == 3)  // row 1 starts at element 3
    }

    @Test func reshapeInfersMinusOne() {
        let x = K.iota([2, 3, 4])
        #expect(x.reshape(-1).shape == [24])
        #expect(x.reshape(4, -1).shape == [4, 6])
        #expect(x.reshape([-1, 2, 3]).shape == [4, 2, 3])
        #expect(K.iota([0, 3]).reshape(-1, 3).shape == [0, 3])
        #expect(K.iota([0, 3]).reshape(3, 0, 5).shape == [3, 0, 5])
    }

    @Test func reshapeToAndFromZeroDimensions() {
        let s = NDArray(5.0)
        #expect(s.reshape(1, 1).shape == [1, 1])
        #expect(s.reshape(-1).shape == [1])
        let back = s.reshape(1, 1).reshape([])
        #expect(back.shape == [])
        #expect(back.item() == 5)
    }

    @Test func reshapeOfContiguousArrayIsAView() {
        let x = K.iota([4, 6])
        #expect(K.sharesMemory(x, x.reshape(2, 12)))
        #expect(K.sharesMemory(x, x.flatten()))
    }

    @Test func reshapeOfTransposeCopiesInLogicalOrder() {
        let t = K.iota([2, 3]).T   // [[0, 3], [1, 4], [2, 5]]
        let y = t.reshape(6)
        #expect(K.values(y) == [0, 3, 1, 4, 2, 5])
        #expect(!K.sharesMemory(t, y))
        #expect(K.values(t.flatten()) == [0, 3, 1, 4, 2, 5])
    }

    @Test func reshapeThatOnlySplitsStridedAxesStaysAView() {
        // Columns 0..<4 of a 4x6 matrix: rows are 6 apart, so the rows can be regrouped
        // without copying, but flattening needs a copy.
        let x = K.iota([4, 6])[[.all, .range(0..<4)]]
        let grouped = x.reshape(2, 2, 4)
        #expect(K.sharesMemory(x, grouped))
        #expect(grouped.strides == [12, 6, 1])
        #expect(K.values(grouped) == [0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21])
        let flat = x.reshape(16)
        #expect(!K.sharesMemory(x, flat))
        #expect(K.values(flat) == [0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21])
        // Adding size-1 axes to a transpose needs no copy either.
        let t = K.iota([2, 3]).T.reshape(3, 1, 2)
        #expect(K.values(t) == [0, 3, 1, 4, 2, 5])
    }

    @Test(arguments: DType.allCases)
    func reshapeKeepsDtypeAndValues(_ dtype: DType) {
        let x = K.iota([2, 3], dtype)
        let y = x.reshape(3, 2)
        #expect(y.dtype == dtype)
        #expect(K.values(y) == K.values(x))
    }

    @Test func flattenGivesOneAxis() {
        #expect(K.iota([2, 3, 4]).flatten().shape == [24])
        #expect(NDArray(2.0).flatten().shape == [1])
        #expect(K.iota([3, 0]).flatten().shape == [0])
    }

    @Test func writingAReshapedViewLeavesTheSourceAlone() {
        let x = K.iota([2, 3])
        var y = x.reshape(6)
        y[0] = NDArray(100.0)
        #expect(K.values(x) == [0, 1, 2, 3, 4, 5])
        #expect(K.values(y) == [100, 1, 2, 3, 4, 5])
    }
}

@Suite struct ShapeTransposeTests {
    @Test func matrixTranspose() {
        let x = K.iota([2, 3])
        for y in [x.transpose(), x.T, x.transpose(axes: [1, 0]), x.transpose(1, 0)] {
            #expect(y.shape == [3, 2])
            #expect(K.values(y) == [0, 3, 1, 4, 2, 5])
            #expect(K.sharesMemory(x, y))
        }
    }

    @Test func anyPermutation() {
        let x = K.iota([2, 3, 4])   // x[i, j, k] = 12i + 4j + k
        let y = x.transpose(axes: [1, 2, 0])
        #expect(y.shape == [3, 4, 2])
        var expected: [Double] = []
        for j in 0..<3 { for k in 0..<4 { for i in 0..<2 { expected.append(Double(12 * i + 4 * j + k)) } } }
        #expect(K.values(y) == expected)
        // Negative axes count from the end: [-1, 0, 1] is [2, 0, 1].
        #expect(K.values(x.transpose(axes: [-1, 0, 1])) == K.values(x.transpose(axes: [2, 0, 1])))
        // The default reverses all axes.
        #expect(x.T.shape == [4, 3, 2])
        #expect(x.T[3, 2, 1].item() == 12 + 8 + 3)
    }

    @Test func swapaxes() {
        let x = K.iota([2, 3, 4])
        let y = x.swapaxes(0, -1)
        #expect(y.shape == [4, 3, 2])
        #expect(y[3, 1, 1].item() == 12 + 4 + 3)
        #expect(K.sharesMemory(x, y))
        #expect(K.values(x.swapaxes(1, 1)) == K.values(x))
    }

    @Test func transposeOfLowRanks() {
        #expect(K.values(K.iota([3]).T) == [0, 1, 2])
        #expect(NDArray(4.0).T.item() == 4)
        #expect(K.iota([0, 2]).T.shape == [2, 0])
    }

    @Test(arguments: DType.allCases)
    func transposeEachDtype(_ dtype: DType) {
        let x = K.iota([2, 2], dtype), v = K.values(x)
        let y = x.T
        #expect(y.dtype == dtype)
        #expect(K.values(y) == [v[0], v[2], v[1], v[3]])
    }

    @Test func writingATransposedViewLeavesTheSourceAlone() {
        let x = K.iota([2, 3])
        var y = x.T
        y[0, 1] = NDArray(-1.0)
        #expect(K.values(x) == [0, 1, 2, 3, 4, 5])
        #expect(K.values(y) == [0, -1, 1, 4, 2, 5])
    }
}

@Suite struct ShapeExpandSqueezeTests {
    @Test func expandDimsPlacesTheNewAxis() {
        let x = K.iota([2, 3])
        #expect(x.expandDims(axis: 0).shape == [1, 2, 3])
        #expect(x.expandDims(axis: 1).shape == [2, 1, 3])
        #expect(x.expandDims(axis: 2).shape == [2, 3, 1])
        #expect(x.expandDims(axis: -1).shape == [2, 3, 1])
        #expect(x.expandDims(axis: -3).shape == [1, 2, 3])
        #expect(expandDims(x, axis: 1).shape == [2, 1, 3])
        #expect(K.values(x.expandDims(axis: 1)) == [0, 1, 2, 3, 4, 5])
        #expect(K.sharesMemory(x, x.expandDims(axis: 0)))
        #expect(NDArray(1.0).expandDims(axis: 0).shape == [1])
    }

    @Test func expandDimsOfAView() {
        let t = K.iota([2, 3]).T.expandDims(axis: 1)   // shape (3, 1, 2)
        #expect(t.shape == [3, 1, 2])
        #expect(K.values(t) == [0, 3, 1, 4, 2, 5])
    }

    @Test func squeeze() {
        let x = K.iota([1, 3, 1, 2])
        #expect(x.squeeze().shape == [3, 2])
        #expect(x.squeeze(axis: 0).shape == [3, 1, 2])
        #expect(x.squeeze(axis: -2).shape == [1, 3, 2])
        #expect(x.squeeze(axes: [0, 2]).shape == [3, 2])
        #expect(K.values(x.squeeze()) == [0, 1, 2, 3, 4, 5])
        #expect(K.sharesMemory(x, x.squeeze()))
        #expect(K.iota([1, 1]).squeeze().shape == [])
        #expect(K.iota([0, 1]).squeeze().shape == [0])
        #expect(NDArray(3.0).squeeze().item() == 3)
    }
}
