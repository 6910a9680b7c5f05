// Running a planned product: every matrix of the batch through the chosen float kernel, or
// through a plain loop for int64 and bool.

extension MatrixProduct {
    /// Float product on the resolved backend. The result is a fresh row-major array of
    /// `shape.fullShape`.
    static func floatProduct<T: GEMMScalar>(_ shape: MatmulShape, _ t: T.Type, backend: MatmulBackend,
                                            maxThreads: Int?, level: Int32) -> NDArray {
        let resolved = backend.resolved
        if resolved == .systemBLAS {
            guard let blas = SystemBLAS.loaded else {
                dezeroFailure("matmul: backend .systemBLAS requested but no BLAS library loads (tried \(SystemBLAS.candidates.joined(separator: ", ")))")
            }
            // CBLAS takes 32-bit sizes; beyond that the built-in kernel serves.
            if Swift.max(shape.m, shape.n, shape.k) <= Int(Int32.max) {
                return blasProduct(shape, t, blas: blas)
            }
        }
        return builtinProduct(shape, t, maxThreads: maxThreads, level: level)
    }

    /// Calls `body` with typed pointers to the operands' first elements and the output buffer.
    private static func withOperands<T: NDScalar>(
        _ a: NDArray, _ b: NDArray, _ shape: MatmulShape, _ t: T.Type,
        _ body: (UnsafePointer<T>, UnsafePointer<T>, UnsafeMutableBufferPointer<T>) -> Void
    ) -> NDArray {
        a.withUnsafeRawPointer { ra in
            b.withUnsafeRawPointer { rb in
                NDArray.make(T.self, shape: shape.fullShape) { out in
                    if out.isEmpty { return }
                    body(ra.assumingMemoryBound(to: T.self), rb.assumingMemoryBound(to: T.self), out)
                }
            }
        }
    }

    static func builtinProduct<T: GEMMScalar>(_ shape: MatmulShape, _ t: T.Type, maxThreads: Int?,
                                              level: Int32) -> NDArray {
        let (a, b, m, n, k) = (shape.a, shape.b, shape.m, shape.n, shape.k)
        let aOffsets = shape.batchOffsets(of: a), bOffsets = shape.batchOffsets(of: b)
        let ars = a.strides[a.ndim - 2], acs = a.strides[a.ndim - 1]
        let brs = b.strides[b.ndim - 2], bcs = b.strides[b.ndim - 1]
        return withOperands(a, b, shape, t) { pa, pb, out in
            let c = out.baseAddress!
            func one(_ i: Int, threads: Int?) {
                BuiltinGEMM.run(m: m, n: n, k: k,
                                a: MatrixOperand(base: pa + aOffsets[i], rowStride: ars, colStride: acs),
                                b: MatrixOperand(base: pb + bOffsets[i], rowStride: brs, colStride: bcs),
                                c: c + i * m * n, ldc: n, level: level, maxThreads: threads)
            }
            let batch = aOffsets.count, work = BuiltinGEMM.multiplyAdds(m, n, k)
            let threads = BuiltinGEMM.threads(work: BuiltinGEMM.multiplyAdds(batch, work, 1), maxThreads: maxThreads)
            if batch > 1 && threads > 1 && work < BuiltinGEMM.parallelThreshold {
                // Many small matrices: whole matrices per task, not blocks of one; a few
                // tasks per thread, which Dispatch hands out as threads come free.
                let per = Swift.max(1, batch / (4 * threads))
                Parallel.tasks((batch + per - 1) / per) { part in
                    for i in part * per..<Swift.min(batch, (part + 1) * per) { one(i, threads: 1) }
                }
            } else {
                for i in 0..<batch { one(i, threads: maxThreads) }
            }
        }
    }

    static func blasProduct<T: GEMMScalar>(_ shape: MatmulShape, _ t: T.Type, blas: LoadedBLAS) -> NDArray {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        // A view that CBLAS cannot read as stored or transposed is copied once, whole.
        func layout(_ x: NDArray, rows: Int, cols: Int) -> (NDArray, trans: Int32, ld: Int) {
            if let l = blasLayout(rows: rows, cols: cols, rowStride: x.strides[x.ndim - 2], colStride: x.strides[x.ndim - 1]) {
                return (x, l.trans, l.ld)
            }
            let copy = x.contiguousCopy()
            return (copy, CBLAS.noTrans, Swift.max(1, cols))
        }
        let (a, transA, lda) = layout(shape.a, rows: m, cols: k)
        let (b, transB, ldb) = layout(shape.b, rows: k, cols: n)
        let aOffsets = shape.batchOffsets(of: a), bOffsets = shape.batchOffsets(of: b)
        return withOperands(a, b, shape, t) { pa, pb, out in
            if k == 0 {  // CBLAS need not touch C when k is 0; the product is all zeros
                out.initialize(repeating: 0)
                return
            }
            let c = out.baseAddress!
            for i in 0..<aOffsets.count {
                T.blasGEMM(blas, transA: transA, transB: transB, m: m, n: n, k: k,
                           a: pa + aOffsets[i], lda: lda, b: pb + bOffsets[i], ldb: ldb,
                           beta: 0, c: c + i * m * n, ldc: Swift.max(1, n))
            }
        }
    }

    /// int64 and bool products: `acc = mulAdd(acc, a, b)` over k in a plain loop, reading
    /// the operands through their strides (NumPy wraps int64 overflow; bool is or-of-ands).
    static func integerProduct<T: NDScalar>(_ shape: MatmulShape, _ t: T.Type, zero: T,
                                            _ mulAdd: (T, T, T) -> T) -> NDArray {
        let (a, b, m, n, k) = (shape.a, shape.b, shape.m, shape.n, shape.k)
        let aOffsets = shape.batchOffsets(of: a), bOffsets = shape.batchOffsets(of: b)
        let ars = a.strides[a.ndim - 2], acs = a.strides[a.ndim - 1]
        let brs = b.strides[b.ndim - 2], bcs = b.strides[b.ndim - 1]
        return withOperands(a, b, shape, t) { pa, pb, out in
            out.initialize(repeating: zero)
            for bi in 0..<aOffsets.count {
                let ab = pa + aOffsets[bi], bb = pb + bOffsets[bi], cb = out.baseAddress! + bi * m * n
                for i in 0..<m {
                    for p in 0..<k {
                        let x = ab[i * ars + p * acs], brow = bb + p * brs
                        for j in 0..<n { cb[i * n + j] = mulAdd(cb[i * n + j], x, brow[j * bcs]) }
                    }
                }
            }
        }
    }
}
