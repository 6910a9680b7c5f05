import CDeZeroKernels
import Testing
@testable import DeZeroArray

/// The built-in GEMM's threaded driver: any number of workers gives the single-thread result
/// bit for bit, whether the product is split by columns (a wide C) or by rows (a narrow one),
/// and the product finishes even when the runner does not run its workers at the same time.
@Suite struct GEMMThreadingTests {
    /// (m, k, n, A transposed, B transposed): several row blocks (m over 1536), three k
    /// blocks (so a packed-A buffer is reused), sizes off the tile grid, C narrow enough for
    /// the row split at 3+ workers but not at 2, a column vector result, and the MLP's
    /// backward forms (Aᵀ·B, A·Bᵀ).
    static let cases: [(Int, Int, Int, Bool, Bool)] = [
        (1540, 50, 70, false, false), (50, 1200, 130, true, true), (61, 1003, 130, false, true),
        (130, 101, 515, true, false), (37, 45, 19, false, false), (700, 300, 1, false, false),
        (13, 500, 45, true, true),
    ]

    /// `C = A · B` from the built-in kernel at `level` with `workers` workers, started by
    /// `runner` (the package's parallel-for when `nil`); A and B are read through the strides
    /// of row-major storage or of a transposed view of it.
    static func product<T: GEMMScalar>(_ a: [T], _ b: [T], _ shape: (Int, Int, Int, Bool, Bool), level: Int32,
                                       workers: Int, runner: dz_run_workers? = nil) -> [T] {
        let (m, k, n, ta, tb) = shape
        var c = [T](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    let ao = MatrixOperand(base: pa.baseAddress!, rowStride: ta ? 1 : k, colStride: ta ? m : 1)
                    let bo = MatrixOperand(base: pb.baseAddress!, rowStride: tb ? 1 : n, colStride: tb ? k : 1)
                    if let runner {
                        T.builtinGEMM(level: level, m: m, n: n, k: k, a: ao, b: bo, c: pc.baseAddress!, ldc: n,
                                      workers: workers, runner: runner)
                    } else {
                        T.builtinGEMM(level: level, m: m, n: n, k: k, a: ao, b: bo, c: pc.baseAddress!, ldc: n, workers: workers)
                    }
                }
            }
        }
        return c
    }

    /// Elements that differ (an element never written stays NaN, unequal to everything).
    static func mismatches<T: GEMMScalar>(_ x: [T], _ y: [T]) -> Int {
        zip(x, y).filter { $0 != $1 }.count
    }

    static func operands<T: GEMMScalar>(_ shape: (Int, Int, Int, Bool, Bool), _ t: T.Type, seed: UInt64) -> ([T], [T]) {
        var rng = SplitMix64(seed: seed)
        let a = (0..<(shape.0 * shape.1)).map { _ in T(rng.symmetric()) }
        let b = (0..<(shape.1 * shape.2)).map { _ in T(rng.symmetric()) }
        return (a, b)
    }

    func check<T: GEMMScalar>(_ t: T.Type, level: Int32) {
        for (i, shape) in Self.cases.enumerated() {
            let (a, b) = Self.operands(shape, T.self, seed: UInt64(10 + i))
            let one = Self.product(a, b, shape, level: level, workers: 1)
            // The single-thread result is right: against the float64 reference.
            let (m, k, n, ta, tb) = shape
            let rowMajorA = ta ? (0..<(m * k)).map { a[($0 % k) * m + $0 / k] } : a
            let rowMajorB = tb ? (0..<(k * n)).map { b[($0 % n) * k + $0 / n] } : b
            let ref = MatmulReference.product(rowMajorA.map { Double($0) }, rowMajorB.map { Double($0) }, m: m, k: k, n: n)
            let dtype: DType = T.self == Float.self ? .float32 : .float64
            let ratio = MatmulReference.errorRatio(one.map { Double($0) }, ref, k: k, dtype: dtype)
            #expect(ratio <= 1, "level \(level) \(T.self) \(shape): error \(ratio) × bound")
            for workers in 2...4 {
                let several = Self.product(a, b, shape, level: level, workers: workers)
                let differ = Self.mismatches(several, one)
                #expect(differ == 0, "level \(level) \(T.self) \(shape), \(workers) workers: \(differ) of \(one.count) differ")
            }
        }
    }

    @Test(arguments: [Int32(-1), 1, 0])
    func workersGiveTheSingleThreadResult(level: Int32) {
        check(Float.self, level: level)
        check(Double.self, level: level)
    }

    /// Runners that call the worker one after another, fewer times than asked, or more:
    /// no worker may wait for one that never starts, and surplus calls must do nothing.
    @Test(.timeLimit(.minutes(1)))
    func productFinishesWithoutConcurrentWorkers() {
        let serial: dz_run_workers = { _, workers, worker, context in
            for _ in 0..<workers { worker?(context) }
        }
        let justOne: dz_run_workers = { _, _, worker, context in worker?(context) }
        let extra: dz_run_workers = { _, workers, worker, context in
            for _ in 0..<(workers + 2) { worker?(context) }
        }
        for (i, shape) in Self.cases.enumerated() {
            let (a, b) = Self.operands(shape, Float.self, seed: UInt64(30 + i))
            let one = Self.product(a, b, shape, level: -1, workers: 1)
            for runner in [serial, justOne, extra] {
                for workers in [2, 3] {
                    let differ = Self.mismatches(Self.product(a, b, shape, level: -1, workers: workers, runner: runner), one)
                    #expect(differ == 0, "\(shape), \(workers) workers: \(differ) of \(one.count) differ")
                }
            }
        }
    }
}
