/// The matrix product with NumPy's `matmul` rules (the `@` operator).
///
/// - Two 2-D arrays: the matrix product, `(m, k) · (k, n) → (m, n)`.
/// - More dimensions: a stack of matrices in the last two; the leading (batch) dimensions
///   broadcast, so `(8, 1, m, k) · (5, k, n) → (8, 5, m, n)`.
/// - A 1-D operand is a row vector on the left or a column vector on the right, and that
///   dimension is removed from the result: `(k,) · (k, n) → (n,)`, `(k,) · (k,) → ()`.
///
/// float32 with float64 computes in float64; int64 (and bool with int64) gives int64
/// (wrapping on overflow, as NumPy), bool with bool gives bool. Transposed operands are read
/// in place. Floating-point products run on the system BLAS or the built-in kernel as
/// `backend` says (see ``MatmulBackend``); integer products always use a plain loop.
///
/// ```swift
/// let a = NDArray([[1, 2], [3, 4]] as [[Float]])
/// let b = NDArray([[5, 6], [7, 8]] as [[Float]])
/// matmul(a, b)               // [[19, 22], [43, 50]]
/// matmul(a.T, b)             // the transpose is not copied
/// ```
///
/// - Parameters:
///   - a: the left operand.
///   - b: the right operand.
///   - backend: which kernel computes float products.
///   - maxThreads: at most this many threads for the built-in kernel (`nil`: the process's
///     thread count, `DEZERO_NUM_THREADS` or the cores); the system BLAS uses the process's
///     count too, unless changed with ``SystemBLAS/setThreadCount(_:)``.
/// - Note: Stops with `matmul: shapes (2, 3) and (4, 5) do not align` when the inner
///   dimensions differ, and with a message when the batch dimensions do not broadcast.
public func matmul(_ a: NDArray, _ b: NDArray, backend: MatmulBackend = .automatic,
                   maxThreads: Int? = nil) -> NDArray {
    MatrixProduct.compute(a, b, op: "matmul", backend: backend, maxThreads: maxThreads)
}

extension NDArray {
    /// The matrix product `self · other` (see ``matmul(_:_:backend:maxThreads:)``).
    ///
    /// ```swift
    /// let y = x.matmul(w)     // (batch, in) · (in, out) → (batch, out)
    /// ```
    public func matmul(_ other: NDArray, backend: MatmulBackend = .automatic) -> NDArray {
        MatrixProduct.compute(self, other, op: "matmul", backend: backend, maxThreads: nil)
    }
}

/// The shapes of a (batched) matrix product, worked out before any memory is touched.
struct MatmulShape {
    /// The operands, 1-D ones viewed as a row (left) or column (right) matrix.
    let a: NDArray, b: NDArray
    let batchShape: [Int]
    let m: Int, n: Int, k: Int
    /// `batchShape + [m, n]`: the shape computed.
    let fullShape: [Int]
    /// The shape returned, without the dimensions that 1-D operands added.
    let resultShape: [Int]

    var batchCount: Int { batchShape.reduce(1, *) }

    init(_ a0: NDArray, _ b0: NDArray, op: String) {
        // Formatted only when a check fails.
        func shapes() -> String { "\(shapeDescription(a0.shape)) and \(shapeDescription(b0.shape))" }
        dezeroCheck(a0.ndim >= 1 && b0.ndim >= 1,
                    "\(op): operands need at least one dimension, got shapes \(shapes())")
        // A 1-D operand becomes (1, k) or (k, 1); the stride of the added dimension is never used.
        a = a0.ndim == 1 ? a0.view(shape: [1, a0.shape[0]], strides: [0, a0.strides[0]], offset: a0.offset) : a0
        b = b0.ndim == 1 ? b0.view(shape: [b0.shape[0], 1], strides: [b0.strides[0], 0], offset: b0.offset) : b0
        m = a.shape[a.ndim - 2]
        k = a.shape[a.ndim - 1]
        n = b.shape[b.ndim - 1]
        dezeroCheck(b.shape[b.ndim - 2] == k, "\(op): shapes \(shapes()) do not align")
        guard let batch = NDArray.broadcastShape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2))) else {
            dezeroFailure("\(op): batch dimensions of shapes \(shapes()) do not broadcast")
        }
        batchShape = batch
        fullShape = batch + [m, n]
        resultShape = batch + (a0.ndim == 1 ? [] : [m]) + (b0.ndim == 1 ? [] : [n])
    }

    /// Element offsets of each matrix of `x` (one of ``a``, ``b``) for every batch index in
    /// row-major order; broadcast batch dimensions step by 0.
    func batchOffsets(of x: NDArray) -> [Int] {
        let nb = batchShape.count, lead = nb - (x.ndim - 2)
        if nb == 0 { return [0] }
        var strides = [Int](repeating: 0, count: nb)
        for d in lead..<nb where x.shape[d - lead] != 1 { strides[d] = x.strides[d - lead] }
        var offsets = [Int](repeating: 0, count: batchCount)
        var index = [Int](repeating: 0, count: nb)
        var offset = 0
        for i in 0..<offsets.count {
            offsets[i] = offset
            IndexPlan.advance(&index, &offset, batchShape, strides)  // odometer step over the batch index
        }
        return offsets
    }
}

/// The matrix-product engine behind ``matmul(_:_:backend:maxThreads:)`` and ``dot(_:_:)``.
enum MatrixProduct {
    /// `kernelLevel` caps the built-in kernel's instruction set (tests run every version).
    static func compute(_ a: NDArray, _ b: NDArray, op: String, backend: MatmulBackend,
                        maxThreads: Int?, kernelLevel: Int32 = -1) -> NDArray {
        let dtype = DType.promote(a.dtype, b.dtype)
        let shape = MatmulShape(a.astype(dtype), b.astype(dtype), op: op)
        let full: NDArray
        switch dtype {
        case .float32:
            full = floatProduct(shape, Float.self, backend: backend, maxThreads: maxThreads, level: kernelLevel)
        case .float64:
            full = floatProduct(shape, Double.self, backend: backend, maxThreads: maxThreads, level: kernelLevel)
        case .int64:
            full = integerProduct(shape, Int64.self, zero: 0) { $0 &+ $1 &* $2 }
        case .bool:
            full = integerProduct(shape, Bool.self, zero: false) { $0 || ($1 && $2) }
        }
        if full.shape == shape.resultShape { return full }
        return full.view(shape: shape.resultShape, strides: NDArray.rowMajorStrides(shape.resultShape), offset: full.offset)
    }
}
