// Workload "shape-index": the indexing and shape copies a training loop does — a mini-batch
// gather, the (row, label) pick of softmax cross entropy and its addAt backward, zero padding
// for convolution, concatenation. Not in WORKLOADS.md (no peer defines it); the NumPy
// equivalents are noted per line so the figures can be compared by hand.
import DeZero
import Foundation

func shapeIndexWorkload() {
    // A small fixed-seed generator: filling 47M floats from the system generator takes seconds.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
    func floats(_ shape: [Int]) -> NDArray {
        let n = shape.reduce(1, *)
        return NDArray((0..<n).map { _ in Float(next() % 1_000_000) * 1e-6 }, shape: shape)
    }
    func ints(_ n: Int, below: Int) -> NDArray { NDArray((0..<n).map { _ in Int(next() % UInt64(below)) }) }

    let data = floats([60_000, 784])
    let batch = ints(100, below: 60_000)
    let logits = floats([100, 10])
    let rows = NDArray(Array(0..<100)), labels = ints(100, below: 10)
    let pick: [NDIndex] = [.array(rows), .array(labels)]
    let gy = floats([100])
    let zeros10 = NDArray([Float](repeating: 0, count: 1000), shape: [100, 10])
    let images = floats([64, 16, 14, 14])
    let a = floats([1000, 500]), b = floats([1000, 500])

    let cases: [(String, String, () -> NDArray)] = [
        ("row_view", "x[1234], a view of one row", { data[1234] }),
        ("batch_slice", "x[1200:1300], a view of 100 rows", { data[1200..<1300] }),
        ("gather_rows", "x[idx], x (60000, 784) f32, 100 rows", { data[batch] }),
        ("pick_pairs", "x[arange(100), t], x (100, 10) f32", { logits[pick] }),
        ("add_at_pairs", "np.add.at(zeros((100, 10)), (arange(100), t), gy)", { zeros10.addingAt(pick, gy) }),
        ("pad_images", "np.pad(x, ((0,0),(0,0),(1,1),(1,1))), x (64, 16, 14, 14) f32", {
            pad(images, [(0, 0), (0, 0), (1, 1), (1, 1)]) }),
        ("concatenate_cols", "np.concatenate([a, b], axis=1), (1000, 500) f32 each", { concatenate([a, b], axis: 1) }),
        ("reverse_copy", "x[::-1, ::-1].copy(), x (1000, 500) f32", { a[.every(-1), .every(-1)].contiguousCopy() }),
    ]
    let only = ProcessInfo.processInfo.environment["DEZERO_BENCH_CASE"]
    for (name, numpy, body) in cases where only == nil || only == name {
        var sink = 0
        let reps = 200
        let times = measure(repeats: 7) { for _ in 0..<reps { sink &+= body().count } }
        emit(["workload": "shape-index", "case": name, "numpy": numpy,
              "us_per_call": Summary(times.map { $0 / Double(reps) * 1e6 }), "checksum": sink])
    }
}
