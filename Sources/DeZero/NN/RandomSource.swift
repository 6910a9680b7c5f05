import Synchronization

/// A random generator shared by reference, from which layers, dropout and datasets draw.
///
/// Layers such as ``Linear`` create their weights lazily, at the first forward pass, long after
/// the model was built. So a layer remembers the source that was current when it was *made*
/// (set with ``withRandomSource(_:_:)``) and draws from it later; a layer made outside any
/// such scope draws from the library-wide generator (`RandomGenerator.seedDefault(_:)`).
/// A seeded source makes a model's initial weights reproducible without touching global
/// state — what tests, and a trainer with `--seed`, need:
///
/// ```swift
/// let source = RandomSource(seed: 0)
/// let model = withRandomSource(source) { MLP([100, 10]) }
/// let y = model(x)          // weights drawn now, from `source`, in the order layers first run
/// ```
///
/// A source runs one of two algorithms (``Algorithm``): the library's `RandomGenerator`
/// (the default), or NumPy's legacy generator (`NumPyRandomState`), with which the library
/// draws what the Python DeZero draws from `np.random`, in the same order — so a program
/// prints the book's numbers:
///
/// ```swift
/// let random = RandomSource.numpy(seed: 0)   // np.random.seed(0)
/// withRandomSource(random) {
///     let x = random.rand(100, 1)            // np.random.rand(100, 1)
///     let model = MLP([10, 1])               // weights: np.random.randn(I, O).astype(np.float32) * np.sqrt(1 / I)
///     …
/// }
/// ```
///
/// With a NumPy source current, everything that draws follows the Python DeZero: layers'
/// weights (`randn(…).astype(dtype) * scale`), dropout masks (`rand(…) > ratio`),
/// ``Spiral`` (reseeds the source with 1984 or 2020, as `get_spiral` reseeds NumPy's global
/// generator), ``SinCurve`` (`uniform` noise) and ``DataLoader`` (a `permutation` when made
/// and at the end of each epoch).
///
/// The generator is behind a lock, so a source may be shared between tasks.
public final class RandomSource: Sendable {
    /// The algorithm a source runs.
    ///
    /// ```swift
    /// RandomSource.numpy(seed: 0).algorithm     // .numpy
    /// RandomSource(seed: 0).algorithm           // .library
    /// ```
    public enum Algorithm: Sendable, Hashable {
        /// The library's xoshiro256** generator, `RandomGenerator`.
        case library
        /// NumPy's legacy MT19937 generator, `NumPyRandomState`.
        case numpy
    }

    private let engine: Mutex<RandomEngine>

    /// The algorithm this source runs; fixed when it is made.
    public let algorithm: Algorithm

    /// A source whose stream is fixed by `seed` (the library's algorithm).
    public convenience init(seed: UInt64) { self.init(RandomGenerator(seed: seed)) }

    /// A source that continues the stream of `generator`.
    public init(_ generator: RandomGenerator) {
        engine = Mutex(RandomEngine(library: generator))
        algorithm = .library
    }

    /// A source running NumPy's legacy generator, continuing from `state`.
    public init(_ state: NumPyRandomState) {
        engine = Mutex(RandomEngine(numpy: state))
        algorithm = .numpy
    }

    /// A source running NumPy's legacy generator, seeded as `np.random.seed(seed)` seeds it.
    ///
    /// ```swift
    /// let random = RandomSource.numpy(seed: 0)
    /// ```
    public static func numpy(seed: UInt32) -> RandomSource { RandomSource(NumPyRandomState(seed: seed)) }

    /// Runs `body` with exclusive access to the generator of a source with the library's
    /// algorithm (a NumPy source stops with a message: use ``withNumPyState(_:)``).
    ///
    /// ```swift
    /// let w = source.withGenerator { $0.normal([3, 4], dtype: .float32) }
    /// ```
    public func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        try engine.withLock { e in
            guard e.numpy == nil else {
                dezeroFailure("RandomSource.withGenerator: this source runs NumPy's algorithm; use withNumPyState")
            }
            return try body(&e.library)
        }
    }

    /// Runs `body` with exclusive access to the generator of a NumPy source (a source with the
    /// library's algorithm stops with a message: use ``withGenerator(_:)``).
    ///
    /// ```swift
    /// let random = RandomSource.numpy(seed: 0)
    /// let k = random.withNumPyState { $0.randint(0, 10) }
    /// ```
    public func withNumPyState<R>(_ body: (inout NumPyRandomState) throws -> R) rethrows -> R {
        try engine.withLock { e in
            guard e.numpy != nil else {
                dezeroFailure("RandomSource.withNumPyState: this source runs the library's algorithm; use withGenerator")
            }
            return try body(&e.numpy!)
        }
    }

    /// A copy of the generator as it is now (to save in a checkpoint), or a generator to
    /// continue from; library algorithm only.
    public var currentGenerator: RandomGenerator {
        get { withGenerator { $0 } }
        set { withGenerator { $0 = newValue } }
    }

    /// A copy of a NumPy source's state (NumPy's `get_state()`), or one to continue from.
    public var currentNumPyState: NumPyRandomState {
        get { withNumPyState { $0 } }
        set { withNumPyState { $0 = newValue } }
    }

    /// Runs `body` on the engine, whichever algorithm it runs (the library's draws).
    func draw<R>(_ body: (inout RandomEngine) -> R) -> R { engine.withLock { body(&$0) } }

    /// The source that layers made now capture; `nil` outside ``withRandomSource(_:_:)``.
    @TaskLocal public static var current: RandomSource?

    /// The current source when it runs NumPy's algorithm: what datasets and loaders that draw
    /// "from NumPy's global generator" in DeZero use.
    static var currentNumPy: RandomSource? {
        guard let source = current, source.algorithm == .numpy else { return nil }
        return source
    }

    /// Draws from `source`, or from the library-wide generator when it is `nil`.
    static func draw<R>(from source: RandomSource?, _ body: (inout RandomEngine) -> R) -> R {
        // The source current when the layer was made; else the one current now (a layer made
        // outside any scope but first called inside one); else the library-wide generator.
        if let source = source ?? RandomSource.current { return source.draw(body) }
        return RandomGenerator.withDefault { g in
            var e = RandomEngine(library: g)
            defer { g = e.library }
            return body(&e)
        }
    }
}

// np.random-style draws on a source, for programs that draw data beside the library's own
// draws (the book's `np.random.rand(100, 1)` next to a model's weights), with either algorithm.
extension RandomSource {
    /// Reseeds the source in place (`np.random.seed(seed)`), keeping its algorithm.
    public func seed(_ seed: UInt32) { draw { $0.seed(seed) } }

    /// Uniform float64 values in [0, 1) of the given shape (`np.random.rand(d0, d1, …)`).
    ///
    /// ```swift
    /// let x = RandomSource.numpy(seed: 0).rand(100, 1)
    /// ```
    public func rand(_ shape: Int...) -> NDArray { draw { $0.uniformValues(shape) } }

    /// Standard normal float64 values of the given shape (`np.random.randn(d0, d1, …)`).
    public func randn(_ shape: Int...) -> NDArray { draw { $0.standardNormals(shape, dtype: .float64) } }

    /// `0..<n` in random order as an int64 array (`np.random.permutation(n)`).
    ///
    /// ```swift
    /// let index = random.permutation(300)
    /// ```
    public func permutation(_ n: Int) -> NDArray {
        let order = draw { $0.permutation(n) }
        return NDArray(order, shape: [n])
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
