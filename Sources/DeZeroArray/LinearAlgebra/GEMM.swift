import CDeZeroKernels

/// One matrix of a product as it lies in memory: its first element and element strides, so
/// transposed and broadcast views are described without copying.
struct MatrixOperand<T> {
    var base: UnsafePointer<T>
    var rowStride: Int
    var colStride: Int

}

/// The float types with a GEMM: the built-in C kernel and the CBLAS routine for each.
protocol GEMMScalar: NDFloat {
    /// The built-in kernel on `workers` workers started by `runner` (tests pass their own
    /// runners; everything else goes through ``runGEMMWorkers``).
    static func builtinGEMM(level: Int32, m: Int, n: Int, k: Int, a: MatrixOperand<Self>,
                            b: MatrixOperand<Self>, c: UnsafeMutablePointer<Self>, ldc: Int, workers: Int,
                            runner: dz_run_workers)
    /// `C = A · B + beta · C` on the system BLAS (`beta` 0 overwrites C, 1 adds to it).
    static func blasGEMM(_ blas: LoadedBLAS, transA: Int32, transB: Int32, m: Int, n: Int, k: Int,
                         a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension GEMMScalar {
    /// The built-in kernel on `workers` threads of the package's parallel-for.
    static func builtinGEMM(level: Int32, m: Int, n: Int, k: Int, a: MatrixOperand<Self>,
                            b: MatrixOperand<Self>, c: UnsafeMutablePointer<Self>, ldc: Int, workers: Int) {
        builtinGEMM(level: level, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc, workers: workers, runner: runGEMMWorkers)
    }
}

extension Float: GEMMScalar {
    static func builtinGEMM(level: Int32, m: Int, n: Int, k: Int, a: MatrixOperand<Float>,
                            b: MatrixOperand<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, workers: Int,
                            runner: dz_run_workers) {
        if workers <= 1 {
            dz_sgemm(level, m, n, k, a.base, a.rowStride, a.colStride, b.base, b.rowStride, b.colStride, c, ldc)
        } else {
            dz_sgemm_parallel(level, m, n, k, a.base, a.rowStride, a.colStride, b.base, b.rowStride,
                              b.colStride, c, ldc, Int32(workers), runner, nil)
        }
    }
    static func blasGEMM(_ blas: LoadedBLAS, transA: Int32, transB: Int32, m: Int, n: Int, k: Int,
                         a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                         beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        blas.sgemm(CBLAS.rowMajor, transA, transB, Int32(m), Int32(n), Int32(k),
                   1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Double: GEMMScalar {
    static func builtinGEMM(level: Int32, m: Int, n: Int, k: Int, a: MatrixOperand<Double>,
                            b: MatrixOperand<Double>, c: UnsafeMutablePointer<Double>, ldc: Int, workers: Int,
                            runner: dz_run_workers) {
        if workers <= 1 {
            dz_dgemm(level, m, n, k, a.base, a.rowStride, a.colStride, b.base, b.rowStride, b.colStride, c, ldc)
        } else {
            dz_dgemm_parallel(level, m, n, k, a.base, a.rowStride, a.colStride, b.base, b.rowStride,
                              b.colStride, c, ldc, Int32(workers), runner, nil)
        }
    }
    static func blasGEMM(_ blas: LoadedBLAS, transA: Int32, transB: Int32, m: Int, n: Int, k: Int,
                         a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                         beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        blas.dgemm(CBLAS.rowMajor, transA, transB, Int32(m), Int32(n), Int32(k),
                   1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Drives the built-in C kernel: one matrix at a time, split over the cores when large.
enum BuiltinGEMM {
    /// 2 for AVX-512, 1 for AVX2+FMA, 0 for the portable C kernel.
    static let cpuLevel = Int(dz_cpu_level())

    /// Below this many multiply-adds (m·n·k) a product runs on one thread: about 20 µs of
    /// work, where starting threads would cost more than it saves.
    static let parallelThreshold = 1 << 20

    /// m·n·k, saturating instead of trapping (it only chooses a thread count).
    static func multiplyAdds(_ m: Int, _ n: Int, _ k: Int) -> Int {
        let (mn, o1) = m.multipliedReportingOverflow(by: n)
        let (mnk, o2) = mn.multipliedReportingOverflow(by: k)
        return o1 || o2 ? Int.max : mnk
    }

    /// How many threads a product of `work` multiply-adds gets: at most `maxThreads` and
    /// the process's thread count (``ThreadPolicy``).
    static func threads(work: Int, maxThreads: Int?) -> Int {
        let limit = Swift.min(maxThreads ?? Parallel.threads, Parallel.threads)
        return work < parallelThreshold ? 1 : Swift.max(1, limit)
    }

    /// `C = A · B` for one m×n result with row stride `ldc`, on several threads when large.
    /// The C driver runs the whole product as one parallel region: the workers that
    /// `runGEMMWorkers` starts take its tasks (packing A, packing B and multiplying a chunk of
    /// columns) from one counter.
    static func run<T: GEMMScalar>(m: Int, n: Int, k: Int, a: MatrixOperand<T>, b: MatrixOperand<T>,
                                   c: UnsafeMutablePointer<T>, ldc: Int, level: Int32 = -1,
                                   maxThreads: Int? = nil) {
        let workers = threads(work: multiplyAdds(m, n, k), maxThreads: maxThreads)
        T.builtinGEMM(level: level, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc, workers: workers)
    }
}

/// Starts `workers` calls of the C driver's `worker(context)` (the calling thread runs one)
/// and waits for all: the bridge between the C GEMM's task queue and the package's
/// parallel-for. The workers take tasks from a shared counter and never wait for a worker
/// that has not started, so they need not all run at once.
func runGEMMWorkers(_ runner: UnsafeMutableRawPointer?, _ workers: Int32,
                    _ worker: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?,
                    _ context: UnsafeMutableRawPointer?) {
    guard let worker else { return }
    Parallel.tasks(Int(workers)) { _ in worker(context) }
}

/// How CBLAS can read a matrix with given element strides without a copy: as stored
/// (`noTrans`, leading dimension = row stride) or as the transpose of a row-major matrix
/// (`trans`, leading dimension = column stride). `nil` when neither fits (a general
/// strided view, a broadcast, negative strides): the caller copies it first.
func blasLayout(rows: Int, cols: Int, rowStride: Int, colStride: Int) -> (trans: Int32, ld: Int)? {
    // A dimension of size 1 is never stepped along, so its stride is free to choose.
    if colStride == 1 || cols == 1 {
        let ld = rows == 1 ? Swift.max(1, cols) : rowStride
        if ld >= Swift.max(1, cols) && ld <= Int(Int32.max) { return (CBLAS.noTrans, ld) }
    }
    if rowStride == 1 || rows == 1 {
        let ld = cols == 1 ? Swift.max(1, rows) : colStride
        if ld >= Swift.max(1, rows) && ld <= Int(Int32.max) { return (CBLAS.trans, ld) }
    }
    return nil
}
