import Foundation
import Testing
@testable import DeZeroArray

/// Hand-computed products: shapes, dtypes, 1-D promotion, empty dimensions, `dot`.
@Suite struct MatmulTests {
    let a = NDArray([[1, 2], [3, 4]] as [[Double]])
    let b = NDArray([[5, 6], [7, 8]] as [[Double]])

    @Test(arguments: MatmulTestPath.runnable)
    func twoByTwo(path: MatmulTestPath) {
        // [1 2; 3 4] · [5 6; 7 8] = [1·5+2·7, 1·6+2·8; 3·5+4·7, 3·6+4·8]
        let c = path.product(a, b)
        #expect(c.shape == [2, 2])
        #expect(c.dtype == .float64)
        #expect(c.doubles() == [19, 22, 43, 50])
        let f = path.product(a.astype(.float32), b.astype(.float32))
        #expect(f.dtype == .float32)
        #expect(f.scalars(as: Float.self) == [19, 22, 43, 50])
    }

    @Test(arguments: MatmulTestPath.runnable)
    func transposedOperandsAreReadInPlace(path: MatmulTestPath) {
        // aᵀ = [1 3; 2 4]; aᵀ·b = [1·5+3·7, 1·6+3·8; 2·5+4·7, 2·6+4·8]
        #expect(path.product(a.transposedView, b).doubles() == [26, 30, 38, 44])
        // a·bᵀ = [1·5+2·6, 1·7+2·8; 3·5+4·6, 3·7+4·8]
        #expect(path.product(a, b.transposedView).doubles() == [17, 23, 39, 53])
    }

    @Test func methodAndRectangularShapes() {
        // (2, 3) · (3, 1): [1 2 3; 4 5 6] · [1; 0; -1] = [-2; -2]
        let x = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        let w = NDArray([1, 0, -1] as [Float], shape: [3, 1])
        let y = x.matmul(w)
        #expect(y.shape == [2, 1])
        #expect(y.scalars(as: Float.self) == [-2, -2])
    }

    @Test func mixedFloatTypesComputeInFloat64() {
        let c = matmul(a.astype(.float32), b)
        #expect(c.dtype == .float64)
        #expect(c.doubles() == [19, 22, 43, 50])
        // int64 with a float gives that float
        let d = matmul(NDArray([[1, 2], [3, 4]] as [[Int]]), b.astype(.float32))
        #expect(d.dtype == .float32)
        #expect(d.doubles() == [19, 22, 43, 50])
    }

    @Test func integerAndBoolProducts() {
        let c = matmul(NDArray([[1, 2], [3, 4]] as [[Int]]), NDArray([[5, 6], [7, 8]] as [[Int]]))
        #expect(c.dtype == .int64)
        #expect(c.scalars(as: Int64.self) == [19, 22, 43, 50])
        // or of ands: row 0 = [T∧F ∨ F∧T, T∧T ∨ F∧F] = [F, T]; row 1 = [T∧F ∨ T∧T, T∧T ∨ T∧F] = [T, T]
        let p = NDArray([true, false, true, true], shape: [2, 2])
        let q = NDArray([false, true, true, false], shape: [2, 2])
        let r = matmul(p, q)
        #expect(r.dtype == .bool)
        #expect(r.scalars(as: Bool.self) == [false, true, true, true])
        // bool with int64 gives int64: [1 0; 1 1] · [5 6; 7 8] = [5 6; 12 14]
        let s = matmul(p, NDArray([[5, 6], [7, 8]] as [[Int]]))
        #expect(s.dtype == .int64)
        #expect(s.scalars(as: Int64.self) == [5, 6, 12, 14])
    }

    @Test(arguments: MatmulTestPath.runnable)
    func oneDimensionalOperands(path: MatmulTestPath) {
        let v = NDArray([1, -1] as [Double])
        // (2,) · (2, 2): [1 -1] · b = [5-7, 6-8]
        let left = path.product(v, b)
        #expect(left.shape == [2])
        #expect(left.doubles() == [-2, -2])
        // (2, 2) · (2,): a · [1; -1] = [1-2, 3-4]
        let right = path.product(a, v)
        #expect(right.shape == [2])
        #expect(right.doubles() == [-1, -1])
        // (2,) · (2,) → 0-d: 1·1 + (-1)·(-1)
        let inner = path.product(v, v)
        #expect(inner.shape == [])
        #expect(inner.item() == 2)
        // (2,) · (2, 2, 2): the vector multiplies each matrix of the stack
        let stack = NDArray([1, 2, 3, 4, 5, 6, 7, 8] as [Double], shape: [2, 2, 2])
        let batched = path.product(v, stack)
        #expect(batched.shape == [2, 2])
        #expect(batched.doubles() == [-2, -2, -2, -2])  // [1-3, 2-4, 5-7, 6-8]
    }

    @Test(arguments: MatmulTestPath.runnable)
    func batchDimensionsBroadcast(path: MatmulTestPath) {
        // (2, 1, 1, 2) · (3, 2, 1) → (2, 3, 1, 1): a row [x, y] times a column [p; q]
        let rows = NDArray([1, 2, 3, 4] as [Double], shape: [2, 1, 1, 2])
        let cols = NDArray([1, 0, 0, 1, 1, 1] as [Double], shape: [3, 2, 1])
        let c = path.product(rows, cols)
        #expect(c.shape == [2, 3, 1, 1])
        // rows [1 2], [3 4]; columns [1;0], [0;1], [1;1]
        #expect(c.doubles() == [1, 2, 3, 3, 4, 7])
    }

    @Test(arguments: MatmulTestPath.runnable)
    func emptyDimensions(path: MatmulTestPath) {
        // k = 0: an empty sum is 0 everywhere
        let z = path.product(NDArray([Double](), shape: [2, 0]), NDArray([Double](), shape: [0, 3]))
        #expect(z.shape == [2, 3])
        #expect(z.doubles() == [0, 0, 0, 0, 0, 0])
        let zf = path.product(NDArray([Float](), shape: [3, 0]), NDArray([Float](), shape: [0, 1]))
        #expect(zf.scalars(as: Float.self) == [0, 0, 0])
        #expect(path.product(NDArray([Double](), shape: [0, 3]), NDArray([Double](repeating: 1, count: 12), shape: [3, 4])).shape == [0, 4])
        #expect(path.product(NDArray([Double](), shape: [0, 2, 3]), NDArray([Double](repeating: 1, count: 12), shape: [3, 4])).shape == [0, 2, 4])
        #expect(matmul(NDArray([Int](), shape: [2, 0]), NDArray([Int](), shape: [0, 2])).scalars(as: Int64.self) == [0, 0, 0, 0])
    }

    @Test func dotFollowsNumPy() {
        let v = NDArray([1, 2, 3] as [Double])
        let w = NDArray([4, 5, 6] as [Double])
        let inner = dot(v, w)
        #expect(inner.shape == [])
        #expect(inner.item() == 32)  // 4 + 10 + 18
        #expect(v.dot(w).item() == 32)
        #expect(dot(a, b).doubles() == [19, 22, 43, 50])
        // 0-d operand: plain multiplication
        #expect(dot(NDArray(2.0), v).doubles() == [2, 4, 6])
        // (2, 2, 3) · (3,): a sum over the last axis of each row
        let t = NDArray([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1] as [Double], shape: [2, 2, 3])
        let tv = dot(t, v)
        #expect(tv.shape == [2, 2])
        #expect(tv.doubles() == [1, 2, 3, 6])
    }

    @Test func dotOfStacksCombinesLeadingDimensions() {
        // dot(x, y)[i, p, q] = Σ_j x[i, j] · y[p, j, q]
        let x = NDArray([1, 0, 2, 0, 1, 0] as [Double], shape: [2, 3])
        let y = NDArray([1, 2, 3, 4, 5, 6, 1, 0, 0, 1, 1, 1] as [Double], shape: [2, 3, 2])
        let r = dot(x, y)
        #expect(r.shape == [2, 2, 2])
        // x row 0 = [1 0 2]: y0 rows 0 + 2·2 = [1+10, 2+12]; y1 = [1+2, 0+2]
        // x row 1 = [0 1 0]: y0 row 1 = [3, 4]; y1 row 1 = [0, 1]
        #expect(r.doubles() == [11, 14, 3, 2, 3, 4, 0, 1])
        // with a 3-D left operand the leading dimensions concatenate: (1, 2, 3) · (2, 3, 2) → (1, 2, 2, 2)
        let r3 = dot(x.view(shape: [1, 2, 3], strides: [6, 3, 1], offset: 0), y)
        #expect(r3.shape == [1, 2, 2, 2])
        #expect(r3.doubles() == r.doubles())
    }

    @Test func blasLayoutRecognisesPlainAndTransposedMatrices() {
        // row-major 3×4: as stored
        #expect(blasLayout(rows: 3, cols: 4, rowStride: 4, colStride: 1)! == (CBLAS.noTrans, 4))
        // a column slice of a wider matrix keeps its leading dimension
        #expect(blasLayout(rows: 3, cols: 4, rowStride: 10, colStride: 1)! == (CBLAS.noTrans, 10))
        // the transpose of a row-major 4×3
        #expect(blasLayout(rows: 3, cols: 4, rowStride: 1, colStride: 3)! == (CBLAS.trans, 3))
        // size-1 dimensions take any stride
        #expect(blasLayout(rows: 1, cols: 4, rowStride: 0, colStride: 1)! == (CBLAS.noTrans, 4))
        #expect(blasLayout(rows: 5, cols: 1, rowStride: 7, colStride: 0)! == (CBLAS.noTrans, 7))
        // every other column, broadcast rows, negative strides: CBLAS cannot read these
        #expect(blasLayout(rows: 3, cols: 4, rowStride: 8, colStride: 2) == nil)
        #expect(blasLayout(rows: 3, cols: 4, rowStride: 0, colStride: 1) == nil)
        #expect(blasLayout(rows: 3, cols: 4, rowStride: -4, colStride: 1) == nil)
    }
}

/// Programmer errors stop the process with a message naming the operation and the shapes.
@Suite struct MatmulErrorTests {
    private static func stderr(of result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func misalignedShapesStopWithMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(NDArray([Double](repeating: 0, count: 6), shape: [2, 3]),
                       NDArray([Double](repeating: 0, count: 20), shape: [4, 5]))
        }
        #expect(Self.stderr(of: result).contains("matmul: shapes (2, 3) and (4, 5) do not align"))
    }

    @Test func batchMismatchStopsWithMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(NDArray([Float](repeating: 0, count: 12), shape: [2, 2, 3]),
                       NDArray([Float](repeating: 0, count: 36), shape: [3, 3, 4]))
        }
        #expect(Self.stderr(of: result).contains("matmul: batch dimensions of shapes (2, 2, 3) and (3, 3, 4) do not broadcast"))
    }

    @Test func environmentForcesBuiltinKernel() async {
        // In a child process, so the setting changes nobody else's state.
        await #expect(processExitsWith: .success) {
            setenv("DEZERO_BLAS", "builtin", 1)
            exit(MatmulBackend.automaticChoice == .builtin ? 0 : 1)
        }
    }
}
