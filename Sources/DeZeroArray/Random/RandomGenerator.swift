/// The library's seedable random number generator: xoshiro256** (Blackman and Vigna, 2018),
/// seeded through SplitMix64 as its authors recommend.
///
/// The same seed gives the same numbers on every machine and every Swift version: the raw
/// stream is pure integer arithmetic, and every derived value (uniform, normal, bounded
/// integers, permutations) is computed here with IEEE-754 basic operations only — the
/// standard library's `Double.random(in:using:)` or `shuffle(using:)` are not used, because
/// their algorithms may change between Swift releases.
///
/// ```swift
/// var g = RandomGenerator(seed: 0)
/// let w = g.normal([784, 100], dtype: .float32)   // N(0, 1) weights
/// let order = g.permutation(60_000)               // int64 indices for a DataLoader
/// let saved = g.state                             // put it in a checkpoint …
/// g.state = saved                                 // … and restore it later
/// ```
///
/// What is bit-reproducible, on any IEEE-754 machine and Swift version: the raw 64-bit stream,
/// ``nextDouble()``, ``nextBounded(_:)``, ``nextInt(in:)``, ``nextNormalPair()`` and every array
/// method here (`normal`, `uniform`, `integers`, `permutation`, `shuffle`), float32 included —
/// they use integer arithmetic, +, −, ×, ÷, √ and the library's own logarithm, never the
/// platform's libm. What is not: anything drawn through the `RandomNumberGenerator`
/// conformance by standard-library code (`Int.random(in: 0..<10, using: &g)` works, but its
/// algorithm belongs to the Swift release), the unseeded library-wide generator (seeded from
/// system entropy, like NumPy's), and the interleaving of draws from it by concurrent tasks.
public struct RandomGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    // The four words of xoshiro256** state; never all zero.
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    ///
    /// The seed is expanded to 256 bits of state by four steps of SplitMix64, so nearby seeds
    /// (0, 1, 2, …) give unrelated streams and no seed gives the forbidden all-zero state.
    public init(seed: UInt64) {
        var sm = seed
        s0 = RandomGenerator.splitMix64(&sm)
        s1 = RandomGenerator.splitMix64(&sm)
        s2 = RandomGenerator.splitMix64(&sm)
        s3 = RandomGenerator.splitMix64(&sm)
    }

    /// A generator restored from a saved ``state``; `nil` when the words cannot be a state
    /// (not exactly four, or all zero).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    /// The generator's complete state, four words. Saving it and assigning it back later
    /// continues the stream exactly where it was (for training checkpoints).
    public var state: [UInt64] {
        get { [s0, s1, s2, s3] }
        set {
            guard let restored = RandomGenerator(state: newValue) else {
                dezeroFailure("RandomGenerator.state: a state is four words, not all zero; got \(newValue)")
            }
            self = restored
        }
    }

    /// One step of SplitMix64 (Steele, Lea and Flood, 2014): advances `x` by the golden-ratio
    /// increment and returns the mixed value.
    @inlinable
    public static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (one xoshiro256** step).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Decodes the bare array of four state words (what ``encode(to:)`` writes); throws
    /// `DecodingError.dataCorrupted` unless there are four words, not all zero.
    public init(from decoder: any Decoder) throws {
        let words = try decoder.singleValueContainer().decode([UInt64].self)
        guard let g = RandomGenerator(state: words) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "RandomGenerator state must be four words, not all zero; found \(words.count) words"))
        }
        self = g
    }

    /// Encodes the four state words as a bare array, so a checkpoint can resume the stream.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(state)
    }
}

// MARK: - Scalar draws

extension RandomGenerator {
    /// A uniform `Double` in [0, 1): the top 53 bits of one output, scaled by 2⁻⁵³ (exact).
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` without bias (Lemire's multiply-and-reject method,
    /// "Fast Random Integer Generation in an Interval", 2019). `bound` must be positive.
    @inlinable
    public mutating func nextBounded(_ bound: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            // Reject the few low products that would make some results more likely.
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// A uniform integer in `range` without bias.
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 1)
    /// let die = g.nextInt(in: 1..<7)
    /// ```
    @inlinable
    public mutating func nextInt(in range: Range<Int>) -> Int {
        dezeroCheck(!range.isEmpty, "RandomGenerator.nextInt: empty range \(range)")
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        return range.lowerBound &+ Int(truncatingIfNeeded: nextBounded(width))
    }

    /// Two independent standard normal values (Marsaglia's polar method).
    ///
    /// Draws points uniformly in the square (−1, 1)², keeps the first inside the unit disc
    /// (about 79 % are), and scales both coordinates by √(−2 ln s / s). Only +, −, ×, ÷, √ and
    /// `reproducibleLog(_:)` are used — all bit-exact across machines — so the values are
    /// bit-reproducible, unlike Box–Muller through the platform's sin/cos.
    @inlinable
    public mutating func nextNormalPair() -> (Double, Double) {
        while true {
            // 2·u − 1 with u on a 2⁻⁵³ grid is exact; s == 0 would divide by zero.
            let u = nextDouble() * 2 - 1
            let v = nextDouble() * 2 - 1
            let s = u * u + v * v
            if s < 1 && s > 0 {
                let f = (-2 * reproducibleLog(s) / s).squareRoot()
                return (u * f, v * f)
            }
        }
    }

    /// One standard normal value (the second value of the pair is dropped; array fills use both).
    @inlinable
    public mutating func nextNormal() -> Double { nextNormalPair().0 }
}
