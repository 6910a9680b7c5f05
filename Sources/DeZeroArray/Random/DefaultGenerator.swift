import Synchronization

/// The library-wide generator, for code that does not pass one explicitly (layer weight
/// initialisation, dropout). Like NumPy's global generator it starts from system entropy;
/// ``RandomGenerator/seedDefault(_:)`` makes a program reproducible. A mutex guards it, so
/// concurrent tasks draw without data races (the interleaving of their draws is then up to
/// the scheduler). Tests must make their own generators and never touch this one.
private let sharedGenerator = Mutex(RandomGenerator(seed: UInt64.random(in: .min ... .max)))

extension RandomGenerator {
    /// Reseeds the library-wide generator.
    ///
    /// ```swift
    /// RandomGenerator.seedDefault(0)        // like np.random.seed(0)
    /// let w = NDArray.randomNormal([3, 4])  // same numbers on every run
    /// ```
    public static func seedDefault(_ seed: UInt64) {
        sharedGenerator.withLock { $0 = RandomGenerator(seed: seed) }
    }

    /// Runs `body` with exclusive access to the library-wide generator.
    ///
    /// ```swift
    /// let order = RandomGenerator.withDefault { $0.permutation(100) }
    /// ```
    public static func withDefault<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        try sharedGenerator.withLock { g in try body(&g) }
    }

    /// A copy of the library-wide generator, or a new one to install (to save and restore it
    /// in a checkpoint).
    public static var defaultGenerator: RandomGenerator {
        get { withDefault { $0 } }
        set { withDefault { $0 = newValue } }
    }
}
