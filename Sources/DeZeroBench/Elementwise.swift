import DeZero
import Foundation

// Workload "elementwise": float32 elementwise kernels and reductions on 10^6 elements
// (1000 × 1000), in ns per element. bench/numpy_elementwise.py times the same operations
// in NumPy and prints the same fields with framework "numpy".
//
// Each timed repetition runs the operation `calls` times (one call is ~0.1–1 ms, too short to
// time alone); 1 warm-up repetition, then 7 timed ones, reported as median / min / max.

func runElementwise() {
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
    // The library's thread count: DEZERO_NUM_THREADS when set, else every active core.
    let threads = ProcessInfo.processInfo.environment["DEZERO_NUM_THREADS"].flatMap { Int($0) }
        ?? ProcessInfo.processInfo.activeProcessorCount
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
}
