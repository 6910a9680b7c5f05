import DeZeroArray

/// A tiny deterministic generator (SplitMix64): a fixed sequence of well-mixed bits, so every
/// run tests the same inputs and the tests do not depend on the library's random module.
/// Each test owns its instance.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func symmetric() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }

    /// An array of `shape` and float `dtype` with values uniform in [-1, 1).
    mutating func array(_ shape: [Int], _ dtype: DType) -> NDArray {
        let values = (0..<shape.reduce(1, *)).map { _ in symmetric() }
        return dtype == .float32 ? NDArray(values.map { Float($0) }, shape: shape) : NDArray(values, shape: shape)
    }
}
