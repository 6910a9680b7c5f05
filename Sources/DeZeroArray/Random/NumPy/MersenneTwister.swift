/// The 32-bit Mersenne Twister, MT19937 (Matsumoto and Nishimura, 1998): the bit generator
/// under NumPy's legacy `np.random` functions (`RandomState`).
///
/// Its state is 624 words and a position in them; every 624 outputs the whole table is
/// regenerated at once. Outputs are the table's words "tempered" by a fixed bit mix. Both
/// seedings of the reference implementation are here: ``init(seed:)`` (`init_genrand`, what
/// `np.random.seed(int)` uses) and ``init(key:)`` (`init_by_array`, what `np.random.seed`
/// uses for an array of integers).
///
/// ```swift
/// var mt = MersenneTwister(seed: 5489)
/// mt.next32()       // 3499211612, the reference implementation's first output
/// ```
public struct MersenneTwister: Sendable, Hashable {
    /// Words in the state table.
    public static let stateSize = 624
    static let shift = 397
    static let matrixA: UInt32 = 0x9908_B0DF
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7FFF_FFFF

    /// The state table (624 words).
    public private(set) var key: [UInt32]
    /// The index of the next word to temper; 624 means the table is regenerated first.
    public private(set) var position: Int

    /// Seeds with one 32-bit number, as `init_genrand` does (and `np.random.seed(seed)`):
    /// each word is 1812433253 · (previous ^ previous >> 30) + index.
    public init(seed: UInt32) {
        key = MersenneTwister.genrandTable(seed)
        position = MersenneTwister.stateSize
    }

    /// Seeds with an array of 32-bit numbers, as `init_by_array` does (and
    /// `np.random.seed([a, b, …])`). `key` must not be empty.
    public init(key initKey: [UInt32]) {
        dezeroCheck(!initKey.isEmpty, "MersenneTwister(key:): the key must hold at least one word")
        let n = MersenneTwister.stateSize
        var mt = MersenneTwister.genrandTable(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(n, initKey.count) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (prev &* 1_664_525)) &+ initKey[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= initKey.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (prev &* 1_566_083_941)) &- UInt32(truncatingIfNeeded: i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000  // the top bit set: the state is never all zero
        key = mt
        position = n
    }

    /// A generator restored from a table and position (NumPy's `get_state()[1:3]`); `nil` when
    /// the table is not 624 words or the position is not in 0...624.
    public init?(key: [UInt32], position: Int) {
        guard key.count == MersenneTwister.stateSize, (0...MersenneTwister.stateSize).contains(position) else { return nil }
        self.key = key
        self.position = position
    }

    static func genrandTable(_ seed: UInt32) -> [UInt32] {
        var table = [UInt32](repeating: 0, count: stateSize)
        var s = seed
        for i in 0..<stateSize {
            table[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(truncatingIfNeeded: i + 1)
        }
        return table
    }

    /// The next 32 random bits.
    public mutating func next32() -> UInt32 {
        if position == MersenneTwister.stateSize { regenerate() }
        var y = key[position]
        position &+= 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// 64 random bits from two outputs, the first one high (NumPy's `next_uint64` for MT19937).
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        return high << 32 | UInt64(next32())
    }

    /// A uniform double in [0, 1) from two outputs: 27 bits of the first and 26 of the second,
    /// (a · 2²⁶ + b) / 2⁵³ — NumPy's `random_sample`. Exact: both steps round nothing.
    public mutating func nextDouble() -> Double {
        let a = next32() >> 5, b = next32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// Computes the next 624 words of the table in place (the twist).
    mutating func regenerate() {
        let n = MersenneTwister.stateSize, m = MersenneTwister.shift
        key.withUnsafeMutableBufferPointer { mt in
            @inline(__always) func twisted(_ i: Int, _ next: Int, _ far: Int) -> UInt32 {
                let y = (mt[i] & MersenneTwister.upperMask) | (mt[next] & MersenneTwister.lowerMask)
                return mt[far] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MersenneTwister.matrixA)
            }
            for i in 0..<(n - m) { mt[i] = twisted(i, i + 1, i + m) }
            for i in (n - m)..<(n - 1) { mt[i] = twisted(i, i + 1, i + m - n) }
            mt[n - 1] = twisted(n - 1, 0, m - 1)
        }
        position = 0
    }
}
