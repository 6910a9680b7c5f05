import Synchronization

/// A random generator shared by reference, from which layers draw their initial weights.
///
/// Layers such as ``Linear`` create their weights lazily, at the first forward pass, long after
/// the model was built. So a layer remembers the source that was current when it was *made*
/// (set with ``withRandomSource(_:_:)``) and draws from it later; a layer made outside any
/// such scope draws from the library-wide generator (``RandomGenerator/seedDefault(_:)``).
/// A seeded source makes a model's initial weights reproducible without touching global
/// state — what tests, and a trainer with `--seed`, need:
///
/// ```swift
/// let source = RandomSource(seed: 0)
/// let model = withRandomSource(source) { MLP([100, 10]) }
/// let y = model(x)          // weights drawn now, from `source`, in the order layers first run
/// ```
///
/// The generator is behind a lock, so a source may be shared between tasks.
public final class RandomSource: Sendable {
    private let generator: Mutex<RandomGenerator>

    /// A source whose stream is fixed by `seed`.
    public init(seed: UInt64) { generator = Mutex(RandomGenerator(seed: seed)) }

    /// A source that continues the stream of `generator`.
    public init(_ generator: RandomGenerator) { self.generator = Mutex(generator) }

    /// Runs `body` with exclusive access to the generator.
    ///
    /// ```swift
    /// let w = source.withGenerator { $0.normal([3, 4], dtype: .float32) }
    /// ```
    public func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        try generator.withLock { g in try body(&g) }
    }

    /// A copy of the generator as it is now (to save in a checkpoint), or a generator to
    /// continue from.
    public var currentGenerator: RandomGenerator {
        get { withGenerator { $0 } }
        set { withGenerator { $0 = newValue } }
    }

    /// The source that layers made now capture; `nil` outside ``withRandomSource(_:_:)``.
    @TaskLocal public static var current: RandomSource?

    /// Draws from `source`, or from the library-wide generator when it is `nil`.
    static func draw<R>(from source: RandomSource?, _ body: (inout RandomGenerator) -> R) -> R {
        // The source current when the layer was made; else the one current now (a layer made
        // outside any scope but first called inside one); else the library-wide generator.
        if let source = source ?? RandomSource.current { return source.withGenerator(body) }
        return RandomGenerator.withDefault(body)
    }
}

/// Makes `source` the current ``RandomSource`` while `body` runs: layers made inside draw
/// their initial weights from it, whenever they create them.
///
/// ```swift
/// let model = withRandomSource(RandomSource(seed: 42)) { MLP([10, 1]) }
/// ```
@discardableResult
public func withRandomSource<R>(_ source: RandomSource, _ body: () throws -> R) rethrows -> R {
    try RandomSource.$current.withValue(source, operation: body)
}

/// Makes a new source seeded with `seed` current while `body` runs.
///
/// ```swift
/// let layer = withRandomSource(seed: 0) { Linear(outSize: 5) }
/// ```
@discardableResult
public func withRandomSource<R>(seed: UInt64, _ body: () throws -> R) rethrows -> R {
    try withRandomSource(RandomSource(seed: seed), body)
}

/// Async form of ``withRandomSource(_:_:)-(RandomSource,()->R)``.
@discardableResult
public func withRandomSource<R>(_ source: RandomSource, isolation: isolated (any Actor)? = #isolation,
                                _ body: () async throws -> R) async rethrows -> R {
    try await RandomSource.$current.withValue(source, operation: body, isolation: isolation)
}
