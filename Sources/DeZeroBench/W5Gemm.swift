import DeZero
import Foundation

// W5 gemm (../shared/bench/WORKLOADS.md): float32 n×n·n×n, GFLOP/s = 2n³ / seconds, for
// n = 1024 and 2048, with all cores and with one thread. Three variants measured in the same
// run: our matmul through the system BLAS, our matmul on the built-in kernel, and
// cblas_sgemm called directly (the reference our BLAS path must match). One warm-up, then
// the repetitions interleaved across variants; GFLOP/s median, min and max.

/// A float32 n×n matrix of deterministic values in [-1, 1) (an LCG; no library RNG needed).
private func gemmOperand(_ n: Int, seed: UInt64) -> NDArray {
    var state = seed
    let values = (0..<(n * n)).map { _ -> Float in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 23) - 1
    }
    return NDArray(values, shape: [n, n])
}

/// Runs W5 and prints one JSON line per (variant, n, threads), then the ratios.
func runGemmWorkload() {
    let cores = Parallel.threads  // DEZERO_NUM_THREADS, or the available cores
    let blas = SystemBLAS.libraryName
    for n in [1024, 2048] {
        let a = gemmOperand(n, seed: 1), b = gemmOperand(n, seed: 2)
        var out = NDArray([Float](repeating: 0, count: n * n), shape: [n, n])
        let repeats = n <= 1024 ? 10 : 5
        let flop = 2 * Double(n) * Double(n) * Double(n)
        for threads in cores > 1 ? [cores, 1] : [1] {
            // BLAS lines only where its thread count can be set to match.
            let blasRuns = blas != nil && (SystemBLAS.setThreadCount(threads) || threads == cores)
            var variants: [(name: String, body: () -> Void)] = []
            if blasRuns {
                variants.append(("blas-direct", {
                    a.withUnsafeBufferPointer(as: Float.self) { pa in
                        b.withUnsafeBufferPointer(as: Float.self) { pb in
                            _ = out.withUnsafeMutableBufferPointer(as: Float.self) { pc in
                                SystemBLAS.sgemm(m: n, n: n, k: n, a: pa.baseAddress!, lda: n,
                                                 b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n)
                            }
                        }
                    }
                }))
                variants.append(("matmul-systemBLAS", { out = matmul(a, b, backend: .systemBLAS) }))
            }
            variants.append(("matmul-builtin", { out = matmul(a, b, backend: .builtin, maxThreads: threads) }))
            // One warm-up each, then the variants take turns, so a change in the machine's
            // load during the run affects them alike and their ratios stay fair.
            for v in variants { v.body() }
            var seconds = [[Double]](repeating: [], count: variants.count)
            for _ in 0..<repeats {
                for (i, v) in variants.enumerated() {
                    // OpenBLAS's workers spin for 2^28 cycles (~0.1 s) after each call before
                    // they sleep, taking the core the built-in kernel's second worker needs:
                    // timed right after them, the built-in product ran at one thread's speed
                    // (n = 1024: 79 GFLOP/s, 148-158 with OPENBLAS_THREAD_TIMEOUT=4). A process
                    // uses one backend, so each is timed without the other's threads running.
                    if blasRuns && v.name == "matmul-builtin" { Thread.sleep(forTimeInterval: 0.25) }
                    let t0 = now()
                    v.body()
                    seconds[i].append(now() - t0)
                }
            }
            var medians: [String: Double] = [:]
            for (i, v) in variants.enumerated() {
                let gflops = seconds[i].map { flop / $0 / 1e9 }
                medians[v.name] = Summary(gflops).median
                emit(["workload": "gemm", "variant": v.name, "n": n, "threads": threads,
                      "gflops": Summary(gflops), "seconds": Summary(seconds[i]), "repeats": repeats,
                      "blas": blas ?? "none", "blas_core": SystemBLAS.coreName ?? "unknown",
                      "automatic": MatmulBackend.automaticChoice.description,
                      "automatic_reason": BLASChoice.decide(BLASChoice.thisMachine).reason,
                      "openblas_coretype_env": ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? ""])
            }
            if let direct = medians["blas-direct"], let ours = medians["matmul-systemBLAS"],
               let builtin = medians["matmul-builtin"] {
                emit(["workload": "gemm", "variant": "ratios", "n": n, "threads": threads,
                      "matmul_systemBLAS_vs_direct": ours / direct, "builtin_vs_blas_direct": builtin / direct])
            }
        }
        if blas != nil { SystemBLAS.setThreadCount(cores) }
    }
}
