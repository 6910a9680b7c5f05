import DeZero

/// Workload "random": drawing 1,000,000 values of each kind from a seeded RandomGenerator
/// (weight initialisation, dropout masks and DataLoader shuffles draw this way). Compare with
/// NumPy: `rng = np.random.default_rng(0); rng.standard_normal(10**6, dtype=np.float32)`, etc.
func randomWorkload() {
    let n = 1_000_000
    var g = RandomGenerator(seed: 0)
    let cases: [(String, (inout RandomGenerator) -> NDArray)] = [
        ("normal_float64", { $0.normal([n]) }),
        ("normal_float32", { $0.normal([n], dtype: .float32) }),
        ("uniform_float32", { $0.uniform([n], dtype: .float32) }),
        ("uniform_float64", { $0.uniform([n]) }),
        ("integers_0_10", { $0.integers(0, 10, shape: [n]) }),
        ("permutation", { $0.permutation(n) }),
    ]
    for (name, draw) in cases {
        var sink = 0
        let seconds = measure(repeats: 7) { sink &+= draw(&g).count }
        precondition(sink == 7 * n + n)
        emit(["workload": "random", "case": name, "N": n, "ms": Summary(seconds.map { $0 * 1e3 }),
              "ns_per_element": Summary(seconds).median / Double(n) * 1e9])
    }
}
