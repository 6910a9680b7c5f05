import DeZero
import Foundation

// Workload "elementwise": float32 elementwise kernels and reductions on 10^6 elements
// (1000 × 1000), in ns per element. bench/numpy_elementwise.py times the same operations
// in NumPy and prints the same fields with framework "numpy".
//
// Each timed repetition runs the operation `calls` times (one call is ~0.1–1 ms, too short to
// time alone); 1 warm-up repetition, then 7 timed ones, reported as median / min / max.

func runElementwise() {
    if ProcessInfo.processInfo.environment["DEZERO_BENCH_SWEEP"] == "scalar" { return scalarOperations() }
    let rows = 1000, cols = 1000, n = rows * cols
    // Uniform values in [-2, 2) from a fixed linear congruential sequence (no library RNG needed).
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 24) * 4 - 2
    }
    let x = NDArray((0..<n).map { _ in next() }, shape: [rows, cols])
    let row = NDArray((0..<cols).map { _ in next() }, shape: [1, cols])
    let positive = x * x + 0.5

    let ops: [(name: String, body: () -> NDArray)] = [
        ("exp", { exp(x) }),
        ("add_row_broadcast", { x + row }),
        ("log", { log(positive) }),
        ("tanh", { tanh(x) }),
        ("mul_scalar", { x * 2.0 }),
        ("sum", { x.sum() }),
        ("sum_axis0", { x.sum(axis: 0) }),
        ("max", { x.max() }),
    ]
    // The library's thread count: DEZERO_NUM_THREADS when set, else the available cores.
    let threads = Parallel.threads
    let calls = 20
    for (name, body) in ops {
        var sink = 0
        let seconds = measure(repeats: 7) {
            for _ in 0..<calls { sink &+= body().count }
        }
        precondition(sink > 0)
        emit([
            "workload": "elementwise", "op": name, "dtype": "float32", "shape": [rows, cols],
            "threads": threads,
            "ns_per_element": Summary(seconds.map { $0 / Double(calls * n) * 1e9 }),
        ])
    }
    scalarOperations()
    if ProcessInfo.processInfo.environment["DEZERO_BENCH_SWEEP"] == "1" { thresholdSweep(threads: threads) }
}

/// 0-d float64 arithmetic, what autograd's scalar chains run on: ns per operation.
func scalarOperations() {
    let x = NDArray(0.5)
    var y = NDArray(0.25)
    let steps = 100_000
    let seconds = measure(repeats: 7) {
        for _ in 0..<steps { y = sin(y) * x + 1.0 }   // three operations per step
    }
    precondition(y.item().isFinite)
    emit(["workload": "elementwise", "op": "scalar_sin_mul_add", "dtype": "float64", "shape": [Int](),
          "ns_per_op": Summary(seconds.map { $0 / Double(3 * steps) * 1e9 })])
    if ProcessInfo.processInfo.environment["DEZERO_BENCH_SWEEP"] != nil {
        for (name, body) in [("sin", { sin(y) }), ("mul", { y * x }), ("add_double", { y + 1.0 }),
                             ("sum", { y.sum() })] as [(String, () -> NDArray)] {
            var sink = 0.0
            let s = measure(repeats: 5) { for _ in 0..<steps { sink += body().item() } }
            precondition(sink.isFinite)
            emit(["workload": "elementwise-sweep", "op": "scalar_" + name, "ns_per_op": Summary(s.map { $0 / Double(steps) * 1e9 })])
        }
    }
}

/// Elementwise cost across sizes, for choosing the threading grain (run once with
/// DEZERO_NUM_THREADS=1 and once without, and compare): `DEZERO_BENCH_SWEEP=1`.
func thresholdSweep(threads: Int) {
    for n in [4096, 16_384, 32_768, 65_536, 131_072, 262_144, 524_288] {
        let a = NDArray((0..<n).map { Float($0 % 1000) / 500 - 1 })
        let b = NDArray((0..<n).map { Float($0 % 777) / 777 })
        let calls = Swift.max(1, 20_000_000 / n)
        for (name, body) in [("add", { a + b }), ("exp", { exp(a) }), ("sum", { a.sum() })] as [(String, () -> NDArray)] {
            var sink = 0
            let seconds = measure(repeats: 5) { for _ in 0..<calls { sink &+= body().count } }
            precondition(sink > 0)
            emit(["workload": "elementwise-sweep", "op": name, "n": n, "threads": threads,
                  "ns_per_element": Summary(seconds.map { $0 / Double(calls * n) * 1e9 })])
        }
    }
}
