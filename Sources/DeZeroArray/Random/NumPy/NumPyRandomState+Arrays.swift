// The array forms of NumPy's legacy np.random functions. Each fills its result in row-major
// order with the scalar draw, as NumPy's loops do, so an array of n values consumes the stream
// exactly as n scalar calls would.

extension NumPyRandomState {
    /// Uniform float64 values in [0, 1) of the given shape: `np.random.rand(d0, d1, …)`.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// let x = np.rand(100, 1)     // x[0, 0] == 0.5488135039273248
    /// ```
    public mutating func rand(_ shape: Int...) -> NDArray { rand(shape: shape) }

    /// Uniform float64 values in [0, 1): `np.random.random_sample(size=shape)`.
    public mutating func rand(shape: [Int]) -> NDArray {
        NDArray.make(Double.self, shape: shape) { buf in
            for i in 0..<buf.count { buf[i] = mt.nextDouble() }
        }
    }

    /// Standard normal float64 values of the given shape: `np.random.randn(d0, d1, …)`. The
    /// cached normal, if any, comes first; an odd count leaves one cached.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// let w = np.randn(2, 3)      // w[0, 0] == 1.764052345967664
    /// ```
    public mutating func randn(_ shape: Int...) -> NDArray { randn(shape: shape) }

    /// Standard normal float64 values: `np.random.standard_normal(size=shape)`.
    public mutating func randn(shape: [Int]) -> NDArray {
        NDArray.make(Double.self, shape: shape) { buf in
            for i in 0..<buf.count { buf[i] = standardNormal() }
        }
    }

    /// Uniform float64 values in [`low`, `high`): `np.random.uniform(low, high, size=shape)`,
    /// each `low + (high − low) · u`.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// let noise = np.uniform(low: -0.05, high: 0.05, shape: [1000])
    /// ```
    public mutating func uniform(low: Double = 0, high: Double = 1, shape: [Int]) -> NDArray {
        let range = high - low
        dezeroCheck(low.isFinite && high.isFinite && range.isFinite,
                    "uniform: low (\(low)) and high (\(high)) must be finite, and so must high - low (NumPy: 'Range exceeds valid bounds')")
        return NDArray.make(Double.self, shape: shape) { buf in
            for i in 0..<buf.count { buf[i] = low + range * mt.nextDouble() }
        }
    }

    /// Uniform int64 values in `low..<high`: `np.random.randint(low, high, size=shape)`.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// let t = np.randint(0, 10, shape: [5])      // [5 0 3 3 7]
    /// ```
    public mutating func randint(_ low: Int, _ high: Int, shape: [Int]) -> NDArray {
        dezeroCheck(low < high, "randint: low (\(low)) must be less than high (\(high)), as NumPy's 'low >= high' error says")
        let offset = UInt64(bitPattern: Int64(low))
        let range = UInt64(bitPattern: Int64(high)) &- 1 &- offset
        return NDArray.make(Int64.self, shape: shape) { buf in
            for i in 0..<buf.count { buf[i] = Int64(bitPattern: offset &+ boundedMasked(range)) }
        }
    }

    /// `0..<n` in random order, as an int64 array: `np.random.permutation(n)` (a shuffled
    /// `np.arange(n)`).
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// let index = np.permutation(5)    // [2 0 1 3 4]
    /// ```
    public mutating func permutation(_ n: Int) -> NDArray {
        dezeroCheck(n >= 0, "permutation: n must be non-negative, got \(n)")
        return NDArray.make(Int64.self, shape: [n]) { buf in
            for i in 0..<n { buf[i] = Int64(i) }
            shuffleBuffer(buf)
        }
    }

    /// A copy of `x` with its rows (the first axis) in random order: `np.random.permutation(x)`
    /// for an array.
    public mutating func permutation(_ x: NDArray) -> NDArray {
        dezeroCheck(x.ndim >= 1, "permutation: x must have at least one dimension, got a 0-d array")
        var copy = x.contiguousCopy()
        shuffle(&copy)
        return copy
    }

    /// Shuffles a Swift array in place: `np.random.shuffle(x)`, swap for swap.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// var names = ["a", "b", "c", "d"]
    /// np.shuffle(&names)
    /// ```
    public mutating func shuffle<T>(_ array: inout [T]) {
        array.withUnsafeMutableBufferPointer { shuffleBuffer($0) }
    }

    /// Shuffles the rows (first axis) of `x` in place: `np.random.shuffle(x)` for an array.
    public mutating func shuffle(_ x: inout NDArray) {
        dezeroCheck(x.ndim >= 1, "shuffle: x must have at least one dimension, got a 0-d array")
        let rows = x.shape[0]
        guard rows > 1 else { return }
        // The row order first (the same swaps NumPy makes), then one gather.
        var order = Array(0..<rows)
        shuffle(&order)
        x = x[[NDIndex.array(NDArray(order, shape: [rows]))]]
    }

    /// Fisher–Yates from the last position down, as NumPy's `shuffle`: position i swaps with a
    /// masked-rejection draw in 0...i.
    mutating func shuffleBuffer<T>(_ buf: UnsafeMutableBufferPointer<T>) {
        var i = buf.count - 1
        while i > 0 {
            let j = Int(truncatingIfNeeded: boundedMasked(UInt64(i)))
            buf.swapAt(i, j)
            i -= 1
        }
    }
}
