import Foundation
import Testing
@testable import DeZeroArray

@Suite struct ReductionTests {
    // [[1, 2, 3], [4, 5, 6]]
    let m = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    // shape (2, 3, 4) holding 0 ..< 24
    let cube = NDArray((0..<24).map { Double($0) }, shape: [2, 3, 4])

    @Test func sumOverAllOneAndNegativeAxes() {
        #expect(EW.matches(m.sum(), [21], shape: [], dtype: .float32))
        #expect(EW.matches(m.sum(keepdims: true), [21], shape: [1, 1], dtype: .float32))
        #expect(EW.matches(m.sum(axis: 0), [5, 7, 9], shape: [3], dtype: .float32))
        #expect(EW.matches(m.sum(axis: 1), [6, 15], shape: [2], dtype: .float32))
        #expect(EW.matches(m.sum(axis: -1), [6, 15], shape: [2], dtype: .float32))
        #expect(EW.matches(m.sum(axis: -2, keepdims: true), [5, 7, 9], shape: [1, 3], dtype: .float32))
        #expect(EW.matches(m.sum(axis: 1, keepdims: true), [6, 15], shape: [2, 1], dtype: .float32))
        #expect(EW.matches(m.sum(axes: [0, 1]), [21], shape: [], dtype: .float32))
        #expect(EW.matches(m.sum(axes: []), [1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: .float32))
    }

    @Test func sumOverSeveralAxesOfA3DArray() {
        // Element (i, j, k) is 12i + 4j + k.
        // axes [0, 2]: for each j, Σ_i Σ_k (12i + 4j + k) = 8·4j + 4·12 + 2·6 = 32j + 60
        #expect(EW.matches(cube.sum(axes: [0, 2]), [60, 92, 124], shape: [3], dtype: .float64))
        #expect(EW.matches(cube.sum(axes: [2, -3], keepdims: true), [60, 92, 124], shape: [1, 3, 1], dtype: .float64))
        // axes [1, 2] (adjacent): Σ_j Σ_k = 12·12i + 4·12 + 3·6 = 144i + 66
        #expect(EW.matches(cube.sum(axes: [1, 2]), [66, 210], shape: [2], dtype: .float64))
        // axis 1: Σ_j = 36i + 12 + 3k
        #expect(EW.matches(cube.sum(axis: 1), [12, 15, 18, 21, 48, 51, 54, 57], shape: [2, 4], dtype: .float64))
        #expect(EW.matches(cube.sum(axes: [0, 1, 2]), [276], shape: [], dtype: .float64))
    }

    @Test func sumDtypes() {
        #expect(EW.matches(NDArray([1, 2, 3]).sum(), [6], shape: [], dtype: .int64))
        #expect(EW.matches(NDArray([true, false, true]).sum(), [2], shape: [], dtype: .int64))
        #expect(EW.matches(NDArray([true, true], shape: [2, 1]).sum(axis: 1), [1, 1], shape: [2], dtype: .int64))
        #expect(EW.matches(NDArray([[1, 2], [3, 4]] as [[Int]]).sum(axis: 0), [4, 6], shape: [2], dtype: .int64))
    }

    @Test func float32SumIsAccurateAndThreaded() {
        // A million copies of Float(0.1): the exact sum, rounded once to float32. A float32
        // running sum would be off by about 1%.
        let n = 1_000_000
        let x = NDArray([Float](repeating: 0.1, count: n), shape: [1000, 1000])
        let exact = Float(Double(Float(0.1)) * Double(n))
        #expect(x.sum().scalars(as: Float.self) == [exact])
        #expect(x.sum(axis: 0).scalars(as: Float.self) == [Float](repeating: Float(Double(Float(0.1)) * 1000), count: 1000))
        #expect(x.sum(axis: 1).scalars(as: Float.self) == [Float](repeating: Float(Double(Float(0.1)) * 1000), count: 1000))
        #expect(x.mean().scalars(as: Float.self) == [Float(0.1)])
    }

    @Test func zeroDimensionalSizeOneAndEmpty() {
        #expect(EW.matches(NDArray(3.5).sum(), [3.5], shape: [], dtype: .float64))
        #expect(EW.isInline(NDArray(3.5).sum()))
        #expect(EW.matches(NDArray(true).sum(), [1], shape: [], dtype: .int64))
        #expect(EW.matches(NDArray([7] as [Float], shape: [1, 1]).sum(axis: 0), [7], shape: [1], dtype: .float32))
        #expect(EW.matches(NDArray([4] as [Float], shape: [1]).max(), [4], shape: [], dtype: .float32))
        let e = NDArray([] as [Float], shape: [2, 0])
        #expect(EW.matches(e.sum(), [0], shape: [], dtype: .float32))
        #expect(EW.matches(e.sum(axis: 1), [0, 0], shape: [2], dtype: .float32))
        #expect(EW.matches(e.sum(axis: 0), [], shape: [0], dtype: .float32))
        #expect(EW.matches(e.mean(axis: 1), [.nan, .nan], shape: [2], dtype: .float32))
        #expect(EW.matches(e.max(axis: 0), [], shape: [0], dtype: .float32))   // nothing to reduce over
        #expect(EW.matches(NDArray([] as [Int]).sum(), [0], shape: [], dtype: .int64))
    }

    @Test func nonContiguousInput() {
        let t = EW.transposed(m)   // [[1, 4], [2, 5], [3, 6]]
        #expect(EW.matches(t.sum(axis: 0), [6, 15], shape: [2], dtype: .float32))
        #expect(EW.matches(t.sum(axis: 1), [5, 7, 9], shape: [3], dtype: .float32))
        #expect(EW.matches(t.max(axis: 1), [4, 5, 6], shape: [3], dtype: .float32))
        #expect(EW.matches(t.argmax(axis: 0), [2, 2], shape: [2], dtype: .int64))
        #expect(EW.matches(t.argmax(), [5], shape: [], dtype: .int64))   // flat order of the view: 1, 4, 2, 5, 3, 6
        #expect(EW.matches(t.mean(), [3.5], shape: [], dtype: .float32))
    }

    @Test func mean() {
        #expect(EW.matches(m.mean(), [3.5], shape: [], dtype: .float32))
        #expect(EW.matches(m.mean(axis: 0), [2.5, 3.5, 4.5], shape: [3], dtype: .float32))
        #expect(EW.matches(m.mean(axis: -1, keepdims: true), [2, 5], shape: [2, 1], dtype: .float32))
        #expect(EW.matches(NDArray([1, 2, 3, 4]).mean(), [2.5], shape: [], dtype: .float64))
        #expect(EW.matches(NDArray([true, false]).mean(), [0.5], shape: [], dtype: .float64))
        #expect(EW.matches(cube.mean(axes: [0, 2]), [7.5, 11.5, 15.5], shape: [3], dtype: .float64))
        #expect(EW.matches(NDArray([] as [Double]).mean(), [.nan], shape: [], dtype: .float64))
    }

    @Test func maxAndMin() {
        let x = NDArray([[3, 9, 1], [7, 2, 8]] as [[Double]])
        #expect(EW.matches(x.max(), [9], shape: [], dtype: .float64))
        #expect(EW.matches(x.min(), [1], shape: [], dtype: .float64))
        #expect(EW.matches(x.max(axis: 0), [7, 9, 8], shape: [3], dtype: .float64))
        #expect(EW.matches(x.min(axis: -1, keepdims: true), [1, 2], shape: [2, 1], dtype: .float64))
        #expect(EW.matches(NDArray([[3, 9], [-7, 2]] as [[Int]]).min(axis: 0), [-7, 2], shape: [2], dtype: .int64))
        #expect(EW.matches(NDArray([false, true]).max(), [1], shape: [], dtype: .bool))
        #expect(EW.matches(NDArray([false, true]).min(), [0], shape: [], dtype: .bool))
        #expect(EW.matches(cube.max(axes: [0, 2]), [15, 19, 23], shape: [3], dtype: .float64))
        // NaN wins, in flat and row reductions
        let n = NDArray([1, .nan, 3, 4] as [Float], shape: [2, 2])
        #expect(EW.matches(n.max(), [.nan], shape: [], dtype: .float32))
        #expect(EW.matches(n.min(axis: 0), [1, .nan], shape: [2], dtype: .float32))
        #expect(EW.matches(n.max(axis: 1), [.nan, 4], shape: [2], dtype: .float32))
        // float32 extremes over a large array (threaded, vector kernel)
        var vs = (0..<300_000).map { Float(($0 * 7919) % 100_003) }
        vs[123_457] = 1e9
        vs[200_001] = -5
        let big = NDArray(vs)
        #expect(big.max().item() == 1e9 && big.min().item() == -5)
    }

    @Test func largeLeadingAxisReductionsCombineThreadPartials() {
        // 2000 × 100 (above the threading grain, one outer block): element (i, j) = i mod 7 + j,
        // with a NaN at (1500, 37). The reduced rows are split across threads.
        let rows = 2000, cols = 100
        var vs = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows { for j in 0..<cols { vs[i * cols + j] = Double(i % 7 + j) } }
        vs[1500 * cols + 37] = .nan
        let x = NDArray(vs, shape: [rows, cols])
        let expectedMax = (0..<cols).map { $0 == 37 ? Double.nan : Double(6 + $0) }
        let expectedMin = (0..<cols).map { $0 == 37 ? Double.nan : Double($0) }
        #expect(EW.matches(x.max(axis: 0), expectedMax, shape: [cols], dtype: .float64))
        #expect(EW.matches(x.min(axis: 0), expectedMin, shape: [cols], dtype: .float64))
        // Σ_i (i mod 7) over 2000 rows = 285 · 21 + (0 + 1 + 2 + 3 + 4) = 5995
        let ints = NDArray((0..<(rows * cols)).map { ($0 / cols) % 7 + $0 % cols }, shape: [rows, cols])
        #expect(EW.matches(ints.sum(axis: 0), (0..<cols).map { Double(5995 + 2000 * $0) }, shape: [cols], dtype: .int64))
        #expect(EW.matches(ints.astype(.float32).sum(axis: 0), (0..<cols).map { Double(5995 + 2000 * $0) }, shape: [cols], dtype: .float32))
    }

    @Test func argmaxAndArgmin() {
        let x = NDArray([[1, 7, 7], [9, 0, 9]] as [[Double]])
        #expect(EW.matches(x.argmax(), [3], shape: [], dtype: .int64))
        #expect(EW.matches(x.argmin(), [4], shape: [], dtype: .int64))
        #expect(EW.matches(x.argmax(axis: 1), [1, 0], shape: [2], dtype: .int64))     // first of ties
        #expect(EW.matches(x.argmax(axis: 0), [1, 0, 1], shape: [3], dtype: .int64))
        #expect(EW.matches(x.argmin(axis: -2, keepdims: true), [0, 1, 0], shape: [1, 3], dtype: .int64))
        #expect(EW.matches(x.argmax(keepdims: true), [3], shape: [1, 1], dtype: .int64))
        #expect(EW.matches(NDArray([2, .nan, 5, .nan] as [Float]).argmax(), [1], shape: [], dtype: .int64))
        #expect(EW.matches(NDArray([2, 1, 5, .nan] as [Float], shape: [2, 2]).argmin(axis: 0), [0, 1], shape: [2], dtype: .int64))
        #expect(EW.matches(NDArray([false, true, true]).argmax(), [1], shape: [], dtype: .int64))
        #expect(EW.matches(NDArray([5, -2, 9]).argmin(), [1], shape: [], dtype: .int64))
        #expect(EW.matches(NDArray(4.0).argmax(), [0], shape: [], dtype: .int64))
        // 3-d along the middle axis: element (i, j, k) = 12i + 4j + k grows with j
        #expect(EW.matches(cube.argmax(axis: 1), [Double](repeating: 2, count: 8), shape: [2, 4], dtype: .int64))
    }

    @Test func logsumexpIsStable() {
        let big = NDArray([1000, 1000] as [Double])
        #expect(EW.matches(logsumexp(big), [1000 + Foundation.log(2.0)], shape: [], dtype: .float64, tol: 1e-15))
        let x = NDArray([[0, Foundation.log(3.0)], [-1000, -1000]] as [[Double]])
        // row 0: log(1 + 3) = log 4; row 1: -1000 + log 2
        #expect(EW.matches(logsumexp(x, axis: 1), [Foundation.log(4.0), -1000 + Foundation.log(2.0)], shape: [2], dtype: .float64, tol: 1e-15))
        #expect(EW.matches(logsumexp(x, axis: -1, keepdims: true), [Foundation.log(4.0), -1000 + Foundation.log(2.0)],
                           shape: [2, 1], dtype: .float64, tol: 1e-15))
        let inf = NDArray([[-Double.infinity, -.infinity], [.infinity, 0]] as [[Double]])
        #expect(EW.matches(logsumexp(inf, axis: 1), [-.infinity, .infinity], shape: [2], dtype: .float64))
        let f = logsumexp(NDArray([100, 100, 100, 100] as [Float]))
        #expect(EW.matches(f, [100 + Foundation.log(4.0)], shape: [], dtype: .float32, tol: 1.2e-7))
        #expect(EW.matches(logsumexp(NDArray([0, 0])), [Foundation.log(2.0)], shape: [], dtype: .float64, tol: 1e-15))
        #expect(EW.matches(logsumexp(NDArray([] as [Double], shape: [2, 0]), axis: 1), [-.infinity, -.infinity], shape: [2], dtype: .float64))
        // Non-adjacent axes against the direct formula (values small enough not to overflow).
        var direct: [Double] = []
        for j in 0..<3 {
            var total = 0.0
            for i in 0..<2 { for k in 0..<4 { total += Foundation.exp(Double(12 * i + 4 * j + k)) } }
            direct.append(Foundation.log(total))
        }
        #expect(EW.matches(logsumexp(cube, axes: [0, 2]), direct, shape: [3], dtype: .float64, tol: 1e-14))
    }
}
