import Foundation
import Testing
@testable import DeZeroArray

/// Every kernel (built-in at each instruction set, system BLAS) against a naive float64
/// triple loop on random shapes: edge tiles, several cache blocks, threads, views.
@Suite struct MatmulBackendTests {
    /// (m, k, n): single elements, a row or a column vector result (no tiles), odd sizes, exact tiles, k over one cache block (384),
    /// n over one block (512), m over one block (1536), and sizes that split over threads
    /// by column blocks or, for a narrow C, by rows.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 7, 1), (1, 300, 70), (90, 300, 1), (2000, 600, 1), (3, 1, 4), (17, 33, 65), (12, 32, 32), (13, 31, 33),
        (40, 400, 530), (1600, 2, 3), (130, 70, 130), (5, 300, 700), (600, 60, 40),
    ]

    @Test(arguments: MatmulTestPath.runnable, [DType.float32, .float64])
    func agreesWithNaiveProduct(path: MatmulTestPath, dtype: DType) {
        var rng = SplitMix64(seed: 1)
        for (m, k, n) in Self.shapes {
            let a = rng.array([m, k], dtype), b = rng.array([k, n], dtype)
            let c = path.product(a, b)
            #expect(c.shape == [m, n] && c.dtype == dtype)
            let ref = MatmulReference.product(a.doubles(), b.doubles(), m: m, k: k, n: n)
            let ratio = MatmulReference.errorRatio(c.doubles(), ref, k: k, dtype: dtype)
            #expect(ratio <= 1, "\(path) \(dtype) \(m)×\(k)×\(n): error \(ratio) × bound")
        }
    }

    @Test(arguments: MatmulTestPath.runnable, [DType.float32, .float64])
    func stridedOperandsAgree(path: MatmulTestPath, dtype: DType) {
        var rng = SplitMix64(seed: 2)
        for (m, k, n) in [(17, 33, 65), (70, 130, 140), (33, 40, 1), (1, 40, 33)] {
            // Transposed views of stored (k, m) and (n, k) arrays.
            let at = rng.array([k, m], dtype).transposedView, bt = rng.array([n, k], dtype).transposedView
            // Every other column of a wider array: neither plain nor transposed, so CBLAS
            // gets a copy while the built-in kernel reads it in place.
            let wide = rng.array([m, 2 * k], dtype)
            let every2 = wide.view(shape: [m, k], strides: [2 * k, 2], offset: wide.offset + 1)
            // One row repeated (stride 0), as broadcasting makes.
            let row = rng.array([1, n], dtype)
            let repeated = row.view(shape: [k, n], strides: [0, 1], offset: row.offset)
            let b = rng.array([k, n], dtype)
            // Rows in reverse order (a negative stride, as a reversing slice makes).
            let stored = rng.array([m, k], dtype)
            let reversed = stored.view(shape: [m, k], strides: [-k, 1], offset: stored.offset + (m - 1) * k)
            for (x, y) in [(at, b), (at, bt), (every2, bt), (every2, repeated), (reversed, b), (reversed, bt)] {
                let ref = MatmulReference.product(x.doubles(), y.doubles(), m: m, k: k, n: n)
                let ratio = MatmulReference.errorRatio(path.product(x, y).doubles(), ref, k: k, dtype: dtype)
                #expect(ratio <= 1, "\(path) \(dtype) strides \(x.strides)·\(y.strides): error \(ratio) × bound")
            }
        }
    }

    @Test(arguments: MatmulTestPath.runnable, [DType.float32, .float64])
    func batchedBroadcastAgrees(path: MatmulTestPath, dtype: DType) {
        var rng = SplitMix64(seed: 3)
        // (2, 1, m, k) · (3, k, n) → (2, 3, m, n); 64 small matrices also run one per thread.
        for (m, k, n, outer, inner) in [(5, 7, 9, 2, 3), (20, 30, 40, 8, 8)] {
            let a = rng.array([outer, 1, m, k], dtype), b = rng.array([inner, k, n], dtype)
            let c = path.product(a, b)
            #expect(c.shape == [outer, inner, m, n])
            let av = a.doubles(), bv = b.doubles(), cv = c.doubles()
            for i in 0..<outer {
                for j in 0..<inner {
                    let ref = MatmulReference.product(Array(av[(i * m * k)..<((i + 1) * m * k)]),
                                                      Array(bv[(j * k * n)..<((j + 1) * k * n)]), m: m, k: k, n: n)
                    let start = (i * inner + j) * m * n
                    let ratio = MatmulReference.errorRatio(Array(cv[start..<(start + m * n)]), ref, k: k, dtype: dtype)
                    #expect(ratio <= 1, "\(path) \(dtype) batch (\(i), \(j)): error \(ratio) × bound")
                }
            }
        }
    }

    @Test func singleThreadGivesSameResultAsAllCores() {
        var rng = SplitMix64(seed: 4)
        let a = rng.array([150, 90], .float32), b = rng.array([90, 160], .float32)
        // Splitting rows among threads does not change any element's summation order.
        #expect(matmul(a, b, backend: .builtin, maxThreads: 1).scalars(as: Float.self)
            == matmul(a, b, backend: .builtin).scalars(as: Float.self))
    }

    @Test(.enabled(if: SystemBLAS.isAvailable || ProcessInfo.processInfo.environment["DEZERO_REQUIRE_TOOLS"] == "1"))
    func systemBLASLoadsWhenRequired() {
        #expect(SystemBLAS.isAvailable, "DEZERO_REQUIRE_TOOLS=1 but none of \(SystemBLAS.candidates) loads")
        #expect(SystemBLAS.libraryName.map(SystemBLAS.candidates.contains) == true)
    }
}

/// The kernels a product can run on in tests: the built-in kernel capped at an instruction
/// set (capped again by the CPU, so on a machine without AVX-512 level 2 runs AVX2), or the
/// system BLAS.
enum MatmulTestPath: CustomStringConvertible, Sendable, CaseIterable {
    case portable, avx2, avx512, systemBLAS

    var description: String {
        switch self {
        case .portable: "builtin-C"
        case .avx2: "builtin-AVX2"
        case .avx512: "builtin-AVX512"
        case .systemBLAS: "systemBLAS"
        }
    }

    func product(_ a: NDArray, _ b: NDArray, maxThreads: Int? = nil) -> NDArray {
        switch self {
        case .portable: MatrixProduct.compute(a, b, op: "matmul", backend: .builtin, maxThreads: maxThreads, kernelLevel: 0)
        case .avx2: MatrixProduct.compute(a, b, op: "matmul", backend: .builtin, maxThreads: maxThreads, kernelLevel: 1)
        case .avx512: MatrixProduct.compute(a, b, op: "matmul", backend: .builtin, maxThreads: maxThreads, kernelLevel: 2)
        case .systemBLAS: matmul(a, b, backend: .systemBLAS)
        }
    }

    /// False for the system BLAS when none loads on this machine.
    var isRunnable: Bool { self != .systemBLAS || SystemBLAS.isAvailable }

    /// Paths to run here. A missing BLAS fails instead of skipping under
    /// `DEZERO_REQUIRE_TOOLS=1` (see `MatmulBackendTests.systemBLASLoadsWhenRequired`).
    static var runnable: [MatmulTestPath] { allCases.filter(\.isRunnable) }
}

enum MatmulReference {
    /// The product of row-major matrices computed naively in float64, with Σ|a||b| for each
    /// element: the scale of its rounding error.
    static func product(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> (value: [Double], magnitude: [Double]) {
        var value = [Double](repeating: 0, count: m * n), magnitude = value
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0, t = 0.0
                for p in 0..<k {
                    s += a[i * k + p] * b[p * n + j]
                    t += abs(a[i * k + p] * b[p * n + j])
                }
                value[i * n + j] = s
                magnitude[i * n + j] = t
            }
        }
        return (value, magnitude)
    }

    /// The largest error, in units of the worst-case rounding bound k·u·Σ|a||b| (u the unit
    /// roundoff of `dtype`), of `got` against the float64 reference. ≤ 1 means correct; a
    /// wrong or missing term gives an error far above the bound.
    static func errorRatio(_ got: [Double], _ ref: (value: [Double], magnitude: [Double]), k: Int, dtype: DType) -> Double {
        let u = dtype == .float32 ? Double(Float.ulpOfOne) / 2 : Double.ulpOfOne / 2
        var worst = 0.0
        for i in got.indices {
            // +2 roundings: the float32 operands are exact, the output is rounded once.
            let bound = Double(k + 2) * u * ref.magnitude[i] + Double.leastNormalMagnitude
            worst = max(worst, abs(got[i] - ref.value[i]) / bound)
        }
        return worst
    }
}

extension NDArray {
    /// A transposed view of a 2-D array (no copy), for tests that need non-contiguous operands.
    var transposedView: NDArray {
        view(shape: [shape[1], shape[0]], strides: [strides[1], strides[0]], offset: offset)
    }
}
