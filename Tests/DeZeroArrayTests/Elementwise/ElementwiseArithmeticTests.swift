import Foundation
import Testing
@testable import DeZeroArray

/// Helpers for the elementwise and reduction tests (namespaced: the test target is shared).
enum EW {
    /// A transposed view of a contiguous 2-d array: shape and strides reversed, no copy.
    static func transposed(_ x: NDArray) -> NDArray {
        precondition(x.ndim == 2 && x.isContiguous)
        return x.view(shape: [x.shape[1], x.shape[0]], strides: [x.strides[1], x.strides[0]], offset: x.offset)
    }

    /// True when `x` has `shape`, `dtype` and values within `tol` of `expected` (NaN matches NaN).
    static func matches(_ x: NDArray, _ expected: [Double], shape: [Int], dtype: DType, tol: Double = 0) -> Bool {
        guard x.shape == shape, x.dtype == dtype else { return false }
        let v = x.doubles()
        guard v.count == expected.count else { return false }
        return zip(v, expected).allSatisfy { a, e in
            (a.isNaN && e.isNaN) || a == e || Swift.abs(a - e) <= tol * Swift.max(1, Swift.abs(e))
        }
    }

    /// Whether a one-element array keeps its value inline (no heap storage).
    static func isInline(_ x: NDArray) -> Bool {
        if case .inline = x.buffer { return true }
        return false
    }
}

@Suite struct ElementwiseArithmeticTests {
    let a23 = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])

    @Test func addSubtractMultiplyDivideSameShape() {
        let b = NDArray([10, 20, 30, 40, 50, 60] as [Float], shape: [2, 3])
        #expect(EW.matches(a23 + b, [11, 22, 33, 44, 55, 66], shape: [2, 3], dtype: .float32))
        #expect(EW.matches(b - a23, [9, 18, 27, 36, 45, 54], shape: [2, 3], dtype: .float32))
        #expect(EW.matches(a23 * b, [10, 40, 90, 160, 250, 360], shape: [2, 3], dtype: .float32))
        #expect(EW.matches(b / a23, [10, 10, 10, 10, 10, 10], shape: [2, 3], dtype: .float32))
        #expect(EW.matches(-a23, [-1, -2, -3, -4, -5, -6], shape: [2, 3], dtype: .float32))
    }

    @Test func broadcastRowColumnAndBothDirections() {
        let row = NDArray([10, 20, 30] as [Float], shape: [3])
        #expect(EW.matches(a23 + row, [11, 22, 33, 14, 25, 36], shape: [2, 3], dtype: .float32))
        #expect(EW.matches(row - a23, [9, 18, 27, 6, 15, 24], shape: [2, 3], dtype: .float32))
        let col = NDArray([100, 200] as [Float], shape: [2, 1])
        #expect(EW.matches(a23 + col, [101, 102, 103, 204, 205, 206], shape: [2, 3], dtype: .float32))
        // (2, 1) with (1, 3): an outer sum, each operand broadcast along a different axis
        let r13 = NDArray([1, 2, 3] as [Float], shape: [1, 3])
        #expect(EW.matches(col + r13, [101, 102, 103, 201, 202, 203], shape: [2, 3], dtype: .float32))
        #expect(EW.matches(r13 * col, [100, 200, 300, 200, 400, 600], shape: [2, 3], dtype: .float32))
        // Rank grows on the left: (3,) with (2, 1, 3)
        let c3 = NDArray([1, 1, 1, 2, 2, 2] as [Float], shape: [2, 1, 3])
        #expect(EW.matches(row * c3, [10, 20, 30, 20, 40, 60], shape: [2, 1, 3], dtype: .float32))
    }

    @Test func largeRowBroadcastTakesThreadedStridedPath() {
        // 400 × 400 = 160,000 elements: above the threading grain, so rows are split.
        let rows = 400, cols = 400
        let xs = (0..<(rows * cols)).map { Float($0 % 97) }
        let rs = (0..<cols).map { Float($0) * 0.5 }
        let y = NDArray(xs, shape: [rows, cols]) + NDArray(rs, shape: [1, cols])
        let v = y.scalars(as: Float.self)
        var ok = true
        for i in 0..<rows { for j in 0..<cols where v[i * cols + j] != xs[i * cols + j] + rs[j] { ok = false } }
        #expect(ok && y.shape == [rows, cols])
        // Large contiguous same-shape and scalar paths too
        let z = NDArray(xs, shape: [rows, cols]) * 2.0 - NDArray(xs, shape: [rows, cols])
        #expect(z.scalars(as: Float.self) == xs)
    }

    @Test func scalarOnEitherSideKeepsFloatDtype() {
        let x = NDArray([1, 2] as [Float])
        #expect(EW.matches(x * 2.0, [2, 4], shape: [2], dtype: .float32))
        #expect(EW.matches(2.0 - x, [1, 0], shape: [2], dtype: .float32))
        #expect(EW.matches(1 / x, [1, 0.5], shape: [2], dtype: .float32))
        #expect(EW.matches(x + Float(0.5), [1.5, 2.5], shape: [2], dtype: .float32))
        let d = NDArray([1, 2] as [Double])
        #expect(EW.matches(d * Float(3), [3, 6], shape: [2], dtype: .float64))
    }

    @Test func promotionRules() {
        let f32 = NDArray([1, 2] as [Float]), f64 = NDArray([0.5, 0.25] as [Double])
        let i64 = NDArray([3, 4]), b = NDArray([true, false])
        #expect(EW.matches(f32 + f64, [1.5, 2.25], shape: [2], dtype: .float64))
        #expect(EW.matches(i64 + f32, [4, 6], shape: [2], dtype: .float32))
        #expect(EW.matches(i64 * 0.5, [1.5, 2], shape: [2], dtype: .float64))      // Double scalar
        #expect(EW.matches(i64 * Float(0.5), [1.5, 2], shape: [2], dtype: .float32))
        #expect(EW.matches(i64 + 1, [4, 5], shape: [2], dtype: .int64))             // Int scalar
        #expect(EW.matches(b + b, [2, 0], shape: [2], dtype: .int64))               // bools count
        #expect(EW.matches(b + i64, [4, 4], shape: [2], dtype: .int64))
        #expect(EW.matches(i64 / NDArray([2, 8]), [1.5, 0.5], shape: [2], dtype: .float64))
        #expect(EW.matches(i64 / 2, [1.5, 2], shape: [2], dtype: .float64))
        #expect(EW.matches(i64 / f32, [3, 2], shape: [2], dtype: .float32))
        #expect(EW.matches(f32 / i64, [1.0 / 3, 0.5], shape: [2], dtype: .float32, tol: 1e-7))
        #expect(EW.matches(-i64, [-3, -4], shape: [2], dtype: .int64))
        // int64 wraps like NumPy's
        #expect((NDArray([Int.max]) + 1).scalars(as: Int64.self) == [Int64.min])
    }

    @Test func zeroDimensionalScalarsStayInline() {
        let x = NDArray(0.5), y = NDArray(2.0)
        let z = x * y + 1.0
        #expect(EW.matches(z, [2], shape: [], dtype: .float64))
        #expect(EW.isInline(z))
        #expect(EW.isInline(-x) && EW.isInline(x / y))
        // 0-d with a vector broadcasts to the vector
        #expect(EW.matches(x + NDArray([1, 2] as [Double]), [1.5, 2.5], shape: [2], dtype: .float64))
        // one-element shapes of different rank: the longer one wins
        #expect(EW.matches(NDArray([3] as [Float], shape: [1]) * NDArray(Float(2)), [6], shape: [1], dtype: .float32))
        #expect(EW.matches(NDArray([3] as [Float], shape: [1, 1]) + NDArray([1] as [Float], shape: [1]), [4], shape: [1, 1], dtype: .float32))
    }

    @Test func emptyArrays() {
        let e = NDArray([] as [Float], shape: [0, 3])
        #expect(EW.matches(e + NDArray([1, 2, 3] as [Float]), [], shape: [0, 3], dtype: .float32))
        #expect(EW.matches(e * 2.0, [], shape: [0, 3], dtype: .float32))
        #expect(EW.matches(NDArray([] as [Double]) - NDArray(1.0), [], shape: [0], dtype: .float64))
        #expect(EW.matches(-NDArray([] as [Int]), [], shape: [0], dtype: .int64))
    }

    @Test func nonContiguousOperands() {
        let t = EW.transposed(a23)   // [[1, 4], [2, 5], [3, 6]]
        #expect(!t.isContiguous)
        let b = NDArray([10, 20, 30, 40, 50, 60] as [Float], shape: [3, 2])
        #expect(EW.matches(t + b, [11, 24, 32, 45, 53, 66], shape: [3, 2], dtype: .float32))
        #expect(EW.matches(t * t, [1, 16, 4, 25, 9, 36], shape: [3, 2], dtype: .float32))
        #expect(EW.matches(t + NDArray([100, 200] as [Float]), [101, 204, 102, 205, 103, 206], shape: [3, 2], dtype: .float32))
        #expect(EW.matches(-t, [-1, -4, -2, -5, -3, -6], shape: [3, 2], dtype: .float32))
        // A stride-2 slice of a vector: elements 0, 2, 4
        let v = NDArray([0, 1, 2, 3, 4, 5] as [Double]).view(shape: [3], strides: [2], offset: 0)
        #expect(EW.matches(v + 1.0, [1, 3, 5], shape: [3], dtype: .float64))
        #expect(EW.matches(v.astype(.float32), [0, 2, 4], shape: [3], dtype: .float32))
    }

    @Test func negativeStrideViews() {
        // A reversed vector: first element at offset 3, stride -1 → [4, 3, 2, 1]
        let r = NDArray([1, 2, 3, 4] as [Float]).view(shape: [4], strides: [-1], offset: 3)
        #expect(EW.matches(r + NDArray([10, 20, 30, 40] as [Float]), [14, 23, 32, 41], shape: [4], dtype: .float32))
        #expect(EW.matches(exp(r * 0), [1, 1, 1, 1], shape: [4], dtype: .float32))
        #expect(EW.matches(r.sum(), [10], shape: [], dtype: .float32))
        #expect(EW.matches(r.argmax(), [0], shape: [], dtype: .int64))
        // Rows reversed in a 2-d array: [[4, 5, 6], [1, 2, 3]]
        let m = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]).view(shape: [2, 3], strides: [-3, 1], offset: 3)
        #expect(EW.matches(m - NDArray([1, 1, 1] as [Double]), [3, 4, 5, 0, 1, 2], shape: [2, 3], dtype: .float64))
        #expect(EW.matches(m.sum(axis: 0), [5, 7, 9], shape: [3], dtype: .float64))
        #expect(EW.matches(m.max(axis: 1), [6, 3], shape: [2], dtype: .float64))
        #expect(EW.matches(NDArray.where(m .> 3, m, 0.0), [4, 5, 6, 0, 0, 0], shape: [2, 3], dtype: .float64))
    }

    @Test func compoundAssignmentIsCopyOnWrite() {
        var w = NDArray([1, 2, 3] as [Float])
        let saved = w
        w -= NDArray([0.5, 0.5, 0.5] as [Float])
        #expect(EW.matches(w, [0.5, 1.5, 2.5], shape: [3], dtype: .float32))
        #expect(EW.matches(saved, [1, 2, 3], shape: [3], dtype: .float32))
        w *= 2.0
        #expect(EW.matches(w, [1, 3, 5], shape: [3], dtype: .float32))
        var m = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
        m += NDArray([10, 20] as [Double])                 // broadcast into m's shape
        #expect(EW.matches(m, [11, 22, 13, 24], shape: [2, 2], dtype: .float64))
        var f = NDArray([2, 4] as [Float])
        f /= NDArray([2, 8])                                 // int64 divisor, float32 stays
        #expect(EW.matches(f, [1, 0.5], shape: [2], dtype: .float32))
    }

    @Test func compoundAssignmentKeepsTheLeftDtype() {
        // NumPy's same-kind casting: the operation runs in float64, the result is stored as float32.
        let start: [Double] = [1, 2, 3], gradient: [Double] = [0.1, 0.2, 0.3]
        var p = NDArray(start.map { Float($0) })
        let g = NDArray(gradient)
        p -= 0.5 * g
        #expect(p.dtype == .float32)
        // The float64 difference rounded once to float32, as NumPy's `p -= 0.5 * g` gives.
        #expect(p.scalars(as: Float.self) == zip(start, gradient).map { Float($0 - 0.5 * $1) })
        p += g; p *= g; p /= g
        #expect(p.dtype == .float32)
        // Integer arrays stay int64 with integer operands and scalars.
        var counts = NDArray([1, 2, 3])
        counts += NDArray([10, 20, 30]); counts *= 2; counts -= 1
        #expect(counts.dtype == .int64 && counts.scalars(as: Int64.self) == [21, 43, 65])
        // A Swift scalar takes the array's dtype: no widening of float32 either.
        var h = NDArray([1, 2] as [Float])
        h -= 0.25; h *= 2.0; h += 1
        #expect(h.dtype == .float32 && h.scalars(as: Float.self) == [2.5, 4.5])
        // A float64 array stays float64 next to float32 and int64 operands.
        var d = NDArray([1, 2] as [Double])
        d += NDArray([0.5, 0.5] as [Float]); d -= NDArray([1, 1])
        #expect(d.dtype == .float64 && d.scalars(as: Double.self) == [0.5, 1.5])
    }

    @Test func integerLiteralsKeepIntArraysInteger() {
        // The Int overloads are the preferred ones for literals: np.array([1, 2]) * 2 is int64.
        let a = NDArray([1, 2])
        #expect((a * 2).dtype == .int64 && (2 + a).dtype == .int64 && (a - 1).dtype == .int64)
        #expect((a * 2.5).dtype == .float64)                 // a float literal gives float64
        #expect((NDArray([1, 2] as [Float]) * 2).dtype == .float32)
        #expect((NDArray([1, 2] as [Float]) * 0.5).dtype == .float32)
        let x: Double = 3, y: Float = 3
        #expect((a * x).dtype == .float64 && (a * y).dtype == .float32)
    }

    @Test func astypeRules() {
        let x = NDArray([1.7, -1.7, .nan, 1e30] as [Double])
        #expect(x.astype(.int64).scalars(as: Int64.self) == [1, -1, 0, Int64.max])
        #expect(x.astype(.bool).scalars(as: Bool.self) == [true, true, true, true])
        #expect(NDArray([0, 2]).astype(.bool).scalars(as: Bool.self) == [false, true])
        #expect(EW.matches(NDArray([true, false]).astype(.float32), [1, 0], shape: [2], dtype: .float32))
        #expect(EW.matches(NDArray([1.5] as [Float]).astype(.float64), [1.5], shape: [1], dtype: .float64))
    }
}
