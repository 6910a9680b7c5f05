#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// NumPy's legacy random generator (`np.random.RandomState`, the one behind `np.random.seed`,
/// `np.random.rand` and the other `np.random.*` functions), reimplemented so that a seed gives
/// the same numbers as NumPy, bit for bit.
///
/// The book's programs draw from NumPy's global generator; with this one a Swift program
/// draws the same data and initial weights and prints the book's numbers. It is opt-in: the
/// library's own ``RandomGenerator`` (xoshiro256**) stays the default everywhere.
///
/// ```swift
/// var np = NumPyRandomState(seed: 0)      // np.random.seed(0)
/// let x = np.rand(100, 1)                 // np.random.rand(100, 1), float64
/// let w = np.randn(1, 10)                 // np.random.randn(1, 10)
/// let order = np.permutation(300)         // np.random.permutation(300), int64
/// let k = np.randint(0, 10)               // np.random.randint(0, 10)
/// ```
///
/// What it reproduces (NumPy's `RandomState`, unchanged since NumPy 1.17 and frozen by NumPy's
/// compatibility policy):
/// - seeding: `np.random.seed(n)` with an integer n runs MT19937's `init_genrand(n)` (not
///   `init_by_array`; `np.random.MT19937(n)` and `default_rng(n)` seed differently and are not
///   this generator) and forgets the cached normal;
/// - uniform doubles from two 32-bit outputs, (a >> 5, b >> 6) → (a · 2²⁶ + b) / 2⁵³;
/// - normals by the polar method, two at a time, the second kept for the next call (so an odd
///   count leaves one cached, and the next `randn` starts with it);
/// - bounded integers (`randint`, and the swaps of `shuffle`/`permutation`) by masked
///   rejection: draw 32 bits (64 when the range needs them), keep the smallest all-ones mask
///   covering the range, retry above it.
///
/// The normals use the platform's `log`, as NumPy does, so they equal NumPy's on the same C
/// library (glibc's `log` is correctly rounded in practice; other libraries may differ in the
/// last bit). Everything else is integer arithmetic and exact IEEE operations.
public struct NumPyRandomState: Sendable, Hashable {
    /// The bit generator.
    public internal(set) var mt: MersenneTwister
    /// Whether a normal value is cached from the last pair (NumPy's `has_gauss`).
    public internal(set) var hasGauss: Bool
    /// The cached normal value, 0 when there is none (NumPy's `cached_gaussian`).
    public internal(set) var cachedGaussian: Double

    /// A generator seeded as `np.random.seed(seed)` seeds NumPy's.
    public init(seed: UInt32) {
        mt = MersenneTwister(seed: seed)
        hasGauss = false
        cachedGaussian = 0
    }

    /// A generator seeded as `np.random.seed([k0, k1, …])` seeds NumPy's (`init_by_array`).
    public init(key: [UInt32]) {
        mt = MersenneTwister(key: key)
        hasGauss = false
        cachedGaussian = 0
    }

    /// A generator in a state NumPy reported: `np.random.get_state()` is
    /// `('MT19937', key, position, hasGauss, cachedGaussian)`. `nil` when `key` is not 624 words
    /// or `position` is not in 0...624.
    public init?(key: [UInt32], position: Int, hasGauss: Bool = false, cachedGaussian: Double = 0) {
        guard let mt = MersenneTwister(key: key, position: position) else { return nil }
        self.mt = mt
        self.hasGauss = hasGauss
        self.cachedGaussian = hasGauss ? cachedGaussian : 0
    }

    /// Reseeds in place, as `np.random.seed(seed)` does; the cached normal is dropped.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 1)
    /// np.seed(1984)           // what DeZero's get_spiral does
    /// ```
    public mutating func seed(_ seed: UInt32) { self = NumPyRandomState(seed: seed) }

    // MARK: Scalars

    /// A uniform double in [0, 1): `np.random.random_sample()` (also `np.random.rand()`).
    public mutating func random() -> Double { mt.nextDouble() }

    /// A standard normal double: `np.random.standard_normal()` (also `np.random.randn()`).
    ///
    /// Returns the cached value when there is one; otherwise draws points in the square
    /// (−1, 1)² until one falls inside the unit circle (and not at its centre), returns
    /// `x₂ · f` and caches `x₁ · f`, with f = √(−2 ln r² / r²).
    public mutating func standardNormal() -> Double {
        if hasGauss {
            hasGauss = false
            defer { cachedGaussian = 0 }
            return cachedGaussian
        }
        var x1: Double, x2: Double, r2: Double
        repeat {
            x1 = 2 * mt.nextDouble() - 1
            x2 = 2 * mt.nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        hasGauss = true
        return f * x2
    }

    /// A uniform integer in `low..<high`: `np.random.randint(low, high)`.
    ///
    /// ```swift
    /// var np = NumPyRandomState(seed: 0)
    /// let die = np.randint(1, 7)
    /// ```
    public mutating func randint(_ low: Int, _ high: Int) -> Int {
        dezeroCheck(low < high, "randint: low (\(low)) must be less than high (\(high)), as NumPy's 'low >= high' error says")
        let range = UInt64(bitPattern: Int64(high)) &- 1 &- UInt64(bitPattern: Int64(low))
        return Int(bitPattern: UInt(UInt64(bitPattern: Int64(low)) &+ boundedMasked(range)))
    }

    /// A uniform integer in `0...max` by masked rejection (NumPy's `random_bounded_uint64` with
    /// `use_masked`, and `random_interval`, which draw identically): 32-bit draws when `max`
    /// fits in 32 bits, else 64-bit ones.
    mutating func boundedMasked(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = NumPyRandomState.mask(covering: max)
        if max <= 0xFFFF_FFFF {
            let m32 = UInt32(truncatingIfNeeded: mask), r32 = UInt32(truncatingIfNeeded: max)
            while true {
                let v = mt.next32() & m32
                if v <= r32 { return UInt64(v) }
            }
        }
        while true {
            let v = mt.next64() & mask
            if v <= max { return v }
        }
    }

    /// The smallest value of the form 2ᵏ − 1 that is at least `max`.
    static func mask(covering max: UInt64) -> UInt64 {
        var m = max
        m |= m >> 1
        m |= m >> 2
        m |= m >> 4
        m |= m >> 8
        m |= m >> 16
        m |= m >> 32
        return m
    }
}

// Codable as NumPy's get_state() fields, validated on decoding (for checkpoints).
extension NumPyRandomState: Codable {
    enum CodingKeys: String, CodingKey { case key, position, hasGauss, cachedGaussian }

    /// Decodes NumPy's `get_state()` fields; throws `DecodingError.dataCorrupted` unless there
    /// are 624 key words and a position in 0...624.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let key = try c.decode([UInt32].self, forKey: .key)
        let position = try c.decode(Int.self, forKey: .position)
        guard let state = NumPyRandomState(key: key, position: position,
                                           hasGauss: try c.decode(Bool.self, forKey: .hasGauss),
                                           cachedGaussian: try c.decode(Double.self, forKey: .cachedGaussian)) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "NumPyRandomState: need 624 key words and a position in 0...624; found \(key.count) words, position \(position)"))
        }
        self = state
    }

    /// Encodes the key, position and cached Gaussian, as NumPy's `get_state()` holds them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mt.key, forKey: .key)
        try c.encode(mt.position, forKey: .position)
        try c.encode(hasGauss, forKey: .hasGauss)
        try c.encode(cachedGaussian, forKey: .cachedGaussian)
    }
}
