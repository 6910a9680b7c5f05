/// Batches of a dataset for one epoch after another: DeZero's `DataLoader`.
///
/// An epoch is an explicit step: ``nextEpoch()`` starts the next one and returns its batches,
/// an ``Epoch`` — the examples in a fresh random order (or in order when `shuffle` is false),
/// `batchSize` at a time, each batch stacked along a new first axis; the last batch keeps the
/// examples left over, so it may be smaller. The book's `for x, t in train_loader:` reads
/// `for (x, t) in trainLoader.nextEpoch()`.
///
/// The loader itself is not a `Sequence`, so looking at it never moves it on: only
/// ``nextEpoch()`` advances the epoch count and the random order. An ``Epoch`` is a value — its
/// order is fixed when it is made — so iterating it twice, or asking its `count`, its first
/// batch or `Array(epoch)`, gives the same batches and draws nothing.
///
/// The orders come from the loader's own ``generator``, seeded by `seed`, so the same seed
/// gives the same epochs on every machine; saving ``generator``'s `state` with a checkpoint
/// and restoring it resumes the sequence of orders exactly.
///
/// Made while a NumPy ``RandomSource`` is current, the loader draws its orders from that
/// source instead, when DeZero's loader draws them from NumPy's global generator: one
/// `np.random.permutation(count)` when it is made, and the next one when an epoch's batches
/// run out (the first time they do). An epoch left before its end keeps its order for the
/// next epoch. With the book's other draws from the same source, a program then sees DeZero's
/// batches.
///
/// ```swift
/// let loader = DataLoader(Digits(), batchSize: 100, seed: 0)
/// for _ in 1...5 {
///     for (x, t) in loader.nextEpoch() {   // x: [100, 64] float32, t: [100] int64; 15 batches
///         …
///     }
/// }
/// loader.epoch        // 5
/// ```
public final class DataLoader {
    /// The examples the batches are taken from.
    public let dataset: any Dataset
    /// Examples per batch (the last batch of an epoch may hold fewer).
    public let batchSize: Int
    /// Whether each epoch visits the examples in a new random order (else in index order).
    public let shuffle: Bool
    /// Draws each epoch's order; its `state` can be saved and restored.
    public var generator: RandomGenerator
    /// Epochs started so far (each ``nextEpoch()`` starts one); the number of the latest.
    public private(set) var epoch = 0
    /// The NumPy source the orders come from, if the loader was made while one was current.
    public let source: RandomSource?
    /// With a `source`: the order of the next epoch, drawn ahead as DeZero draws it.
    private var pendingOrder: [Int]?
    /// With a `source`: whether the batches of epoch ``epoch`` have run out (and the next
    /// order is drawn), so that iterating that epoch again draws nothing.
    private var latestEpochEnded = false

    /// A loader of `dataset` in batches of `batchSize`, shuffled with a generator seeded by
    /// `seed` (or by the current NumPy ``RandomSource``, as DeZero does).
    public init(_ dataset: any Dataset, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0) {
        dezeroCheck(batchSize > 0, "DataLoader: batchSize must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        generator = RandomGenerator(seed: seed)
        source = RandomSource.currentNumPy
        if source != nil { pendingOrder = drawOrder() }
    }

    /// Batches per epoch, the last one partial when `batchSize` does not divide the count
    /// (DeZero's `max_iter`).
    public var batchCount: Int { Batching.batchCount(of: dataset.count, batchSize: batchSize) }

    /// Starts the next epoch — counts it and fixes its order (advancing ``generator`` when
    /// shuffling) — and returns its batches.
    ///
    /// ```swift
    /// let epoch = loader.nextEpoch()
    /// epoch.number                       // 1
    /// for (x, t) in epoch { … }
    /// ```
    public func nextEpoch() -> Epoch {
        epoch += 1
        latestEpochEnded = false
        guard let order = pendingOrder else {
            return Epoch(number: epoch, dataset: dataset, order: drawOrder(), batchSize: batchSize, loader: nil)
        }
        return Epoch(number: epoch, dataset: dataset, order: order, batchSize: batchSize, loader: self)
    }

    /// The order of an epoch's examples (advances ``generator``, or draws from ``source``,
    /// when shuffling).
    private func drawOrder() -> [Int] {
        guard shuffle else { return Array(0..<dataset.count) }
        if let source { return source.draw { $0.permutation(dataset.count) } }
        var order = Array(0..<dataset.count)
        generator.shuffle(&order)
        return order
    }

    /// DeZero's `reset()` at the end of an epoch: the next epoch's order, drawn now — once, and
    /// only for the latest epoch (an older ``Epoch`` value iterated again changes nothing).
    fileprivate func batchesRanOut(inEpoch number: Int) {
        guard number == epoch, !latestEpochEnded else { return }
        latestEpochEnded = true
        pendingOrder = drawOrder()
    }

    /// One epoch's batches, in an order fixed when ``DataLoader/nextEpoch()`` made it.
    ///
    /// A value: iterating it again gives the same batches, and inspecting it (`count`,
    /// `first`, `Array(epoch)`) does not move the loader on.
    ///
    /// ```swift
    /// let epoch = loader.nextEpoch()
    /// let sizes = epoch.map { $0.x.shape[0] }      // [100, 100, …, 100] for 1500 examples
    /// for (i, (x, t)) in epoch.enumerated() { … }  // the same batches again
    /// ```
    public struct Epoch: Sequence {
        /// The epoch's number, from 1 (the loader's ``DataLoader/epoch`` when it was made).
        public let number: Int
        let dataset: any Dataset
        let order: [Int]
        let batchSize: Int
        /// The loader to tell when the batches run out (loaders with a NumPy source).
        let loader: DataLoader?

        /// Batches in this epoch.
        public var batchCount: Int { Batching.batchCount(of: order.count, batchSize: batchSize) }

        /// The exact number of batches.
        public var underestimatedCount: Int { batchCount }

        /// The batches from the first.
        public func makeIterator() -> Iterator { Iterator(epoch: self) }

        /// Walks one ``Epoch``'s batches.
        public struct Iterator: IteratorProtocol {
            let epoch: Epoch
            var position = 0

            /// The next batch: inputs and targets of up to `batchSize` examples, stacked.
            public mutating func next() -> (x: NDArray, t: NDArray)? {
                guard position < epoch.order.count else {
                    epoch.loader?.batchesRanOut(inEpoch: epoch.number)
                    return nil
                }
                let end = Swift.min(position + epoch.batchSize, epoch.order.count)
                defer { position = end }
                return epoch.dataset.batch(Array(epoch.order[position..<end]))
            }
        }
    }
}
