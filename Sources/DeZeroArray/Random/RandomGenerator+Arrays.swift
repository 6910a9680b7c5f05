// Arrays of random numbers drawn from a RandomGenerator. Each fill loop works on a local copy of
// the generator (kept in registers) and writes it back once, and the dtype is switched on once
// per call. float32 values are the float64 values rounded, so a float32 and a float64 array drawn
// from the same state agree to float32 precision.

extension RandomGenerator {
    /// Normally distributed values with the given `mean` and standard deviation `std`
    /// (NumPy's `normal(loc, scale, size)`); `dtype` must be a float type.
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 42)
    /// let x = g.normal([2, 3])                      // float64, N(0, 1)
    /// let w = g.normal([10, 5], std: 0.1, dtype: .float32)
    /// ```
    public mutating func normal(_ shape: [Int], mean: Double = 0, std: Double = 1,
                                dtype: DType = .float64) -> NDArray {
        dezeroCheck(dtype.isFloatingPoint, "normal: dtype must be float32 or float64, not \(dtype)")
        switch dtype {
        case .float32: return fillNormal(Float.self, shape, mean, std)
        default: return fillNormal(Double.self, shape, mean, std)
        }
    }

    /// Fills with normals in two passes per block: first the sequential part — drawing
    /// candidate points and keeping those inside the unit disc, exactly as
    /// ``nextNormalPair()`` consumes the stream — then the costly log, division and square root
    /// over the kept points in a branch-free loop. The values and the final state equal those
    /// of calling ``nextNormalPair()`` once per pair (the last value of an odd count is dropped).
    @inlinable
    mutating func fillNormal<T: NDFloat>(_ t: T.Type, _ shape: [Int], _ mean: Double, _ std: Double) -> NDArray {
        drawArray(T.self, shape) { g, buf in
            let n = buf.count
            let pairs = (n + 1) / 2
            let block = 256
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * block) { scratch in
                let us = scratch.baseAddress!, vs = us + block, ss = vs + block
                var done = 0
                while done < pairs {
                    let want = Swift.min(block, pairs - done)
                    var k = 0
                    while k < want {
                        let u = g.nextDouble() * 2 - 1
                        let v = g.nextDouble() * 2 - 1
                        let s = u * u + v * v
                        us[k] = u; vs[k] = v; ss[k] = s
                        k &+= s < 1 && s > 0 ? 1 : 0  // a rejected point is overwritten next
                    }
                    let full = done + want == pairs && n % 2 == 1 ? want - 1 : want
                    for j in 0..<full {
                        let f = (-2 * reproducibleLogOfNormal(ss[j]) / ss[j]).squareRoot()
                        buf[2 * (done + j)] = T(mean + std * (us[j] * f))
                        buf[2 * (done + j) + 1] = T(mean + std * (vs[j] * f))
                    }
                    if full < want {  // odd count: the last pair gives one value
                        let f = (-2 * reproducibleLogOfNormal(ss[full]) / ss[full]).squareRoot()
                        buf[n - 1] = T(mean + std * (us[full] * f))
                    }
                    done += want
                }
            }
        }
    }

    /// Uniformly distributed values in [`low`, `high`) (NumPy's `uniform(low, high, size)`);
    /// `dtype` must be a float type.
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 0)
    /// let u = g.uniform([2, 2])                               // float64 in [0, 1)
    /// let v = g.uniform([3], low: -1, high: 1, dtype: .float32)
    /// ```
    public mutating func uniform(_ shape: [Int], low: Double = 0, high: Double = 1,
                                 dtype: DType = .float64) -> NDArray {
        dezeroCheck(dtype.isFloatingPoint, "uniform: dtype must be float32 or float64, not \(dtype)")
        dezeroCheck(low.isFinite && high.isFinite && low <= high,
                    "uniform: need finite low <= high, got low \(low), high \(high)")
        switch dtype {
        case .float32: return fillUniform(Float.self, shape, low, high)
        default: return fillUniform(Double.self, shape, low, high)
        }
    }

    @inlinable
    mutating func fillUniform<T: NDFloat>(_ t: T.Type, _ shape: [Int], _ low: Double, _ high: Double) -> NDArray {
        let width = high - low
        // low + width·u can round up to `high` (always in float32 near the top); the largest
        // value below it keeps the interval half-open, as documented.
        let top = T(high), belowTop = T(high).nextDown
        return drawArray(T.self, shape) { g, buf in
            for i in 0..<buf.count {
                let v = T(low + width * g.nextDouble())
                buf[i] = v >= top && width > 0 ? belowTop : v
            }
        }
    }

    /// Uniform int64 values in `low..<high` without bias (NumPy's `integers(low, high, size)`).
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 0)
    /// let labels = g.integers(0, 10, shape: [64])   // random class labels 0…9
    /// ```
    public mutating func integers(_ low: Int, _ high: Int, shape: [Int]) -> NDArray {
        dezeroCheck(low < high, "integers: low (\(low)) must be less than high (\(high))")
        let width = UInt64(bitPattern: Int64(high &- low))
        let base = Int64(low)
        return drawArray(Int64.self, shape) { g, buf in
            for i in 0..<buf.count { buf[i] = base &+ Int64(bitPattern: g.nextBounded(width)) }
        }
    }

    /// A random ordering of `0..<n` as a 1-d int64 array (NumPy's `permutation(n)`), by
    /// Fisher–Yates shuffling with unbiased bounded integers.
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 0)
    /// let index = g.permutation(5)   // [1 4 0 2 3]
    /// ```
    public mutating func permutation(_ n: Int) -> NDArray {
        dezeroCheck(n >= 0, "permutation: n must be non-negative, got \(n)")
        return drawArray(Int64.self, [n]) { g, buf in
            for i in 0..<n { buf[i] = Int64(i) }
            g.fisherYates(buf)
        }
    }

    /// A fresh array of `shape` filled by `fill`, which draws from a local copy of this
    /// generator (kept in registers through the loop); the copy's state is stored back once.
    @inlinable @inline(__always)
    mutating func drawArray<T: NDScalar>(_ t: T.Type, _ shape: [Int],
                                         _ fill: (inout RandomGenerator, UnsafeMutableBufferPointer<T>) -> Void) -> NDArray {
        var g = self
        let out = NDArray.make(T.self, shape: shape) { fill(&g, $0) }
        self = g
        return out
    }

    /// Shuffles a Swift array in place with Fisher–Yates. Unlike the standard library's
    /// `shuffle(using:)`, the algorithm is fixed here, so a seed gives the same order on
    /// every Swift version.
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 7)
    /// var files = ["a", "b", "c"]
    /// g.shuffle(&files)
    /// ```
    public mutating func shuffle<T>(_ array: inout [T]) {
        array.withUnsafeMutableBufferPointer { fisherYates($0) }
    }

    /// Swaps each position, from the last down, with a uniformly chosen one at or before it.
    @inlinable
    mutating func fisherYates<T>(_ buf: UnsafeMutableBufferPointer<T>) {
        var i = buf.count - 1
        while i > 0 {
            let j = Int(truncatingIfNeeded: nextBounded(UInt64(i + 1)))
            buf.swapAt(i, j)
            i -= 1
        }
    }
}
