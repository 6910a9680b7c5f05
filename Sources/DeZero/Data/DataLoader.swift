/// Batches of a dataset for one epoch after another: DeZero's `DataLoader`.
///
/// Iterating a loader runs one epoch: the examples in a fresh random order (or in order when
/// `shuffle` is false), `batchSize` at a time, each batch stacked along a new first axis; the
/// last batch keeps the examples left over, so it may be smaller. Each new iteration is the
/// next epoch and reshuffles. The orders come from the loader's own ``generator``, seeded by
/// `seed`, so the same seed gives the same epochs on every machine; saving ``generator``'s
/// `state` with a checkpoint and restoring it resumes the sequence of orders exactly.
///
/// Made while a NumPy ``RandomSource`` is current, the loader draws its orders from that
/// source instead, when DeZero's loader draws them from NumPy's global generator: one
/// `np.random.permutation(count)` when it is made, and the next one when an epoch's batches
/// run out (an epoch left before its end keeps its order for the next iteration). With the
/// book's other draws from the same source, a program then sees DeZero's batches.
///
/// ```swift
/// let loader = DataLoader(Digits(), batchSize: 100, seed: 0)
/// for epoch in 1...5 {
///     for (x, t) in loader {          // x: [100, 64] float32, t: [100] int64; 15 batches
///         …
///     }
/// }
/// ```
public final class DataLoader: Sequence {
    public let dataset: any Dataset
    public let batchSize: Int
    public let shuffle: Bool
    /// Draws each epoch's order; its `state` can be saved and restored.
    public var generator: RandomGenerator
    /// Epochs started so far (each `makeIterator()` starts one).
    public private(set) var epoch = 0
    /// The NumPy source the orders come from, if the loader was made while one was current.
    public let source: RandomSource?
    /// With a `source`: the order of the next epoch, drawn ahead as DeZero draws it.
    private var pendingOrder: [Int]?

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
    public var batchCount: Int { (dataset.count + batchSize - 1) / batchSize }

    public var underestimatedCount: Int { batchCount }

    /// Starts the next epoch: draws its order now, then yields its batches.
    public func makeIterator() -> Iterator {
        epoch += 1
        guard let order = pendingOrder else {
            return Iterator(dataset: dataset, order: drawOrder(), batchSize: batchSize, loader: nil)
        }
        return Iterator(dataset: dataset, order: order, batchSize: batchSize, loader: self)
    }

    /// The order of an epoch's examples (advances ``generator``, or draws from ``source``,
    /// when shuffling).
    func drawOrder() -> [Int] {
        guard shuffle else { return Array(0..<dataset.count) }
        if let source { return source.draw { $0.permutation(dataset.count) } }
        var order = Array(0..<dataset.count)
        generator.shuffle(&order)
        return order
    }

    /// DeZero's `reset()` at the end of an epoch: the next epoch's order, drawn now.
    fileprivate func epochEnded() { pendingOrder = drawOrder() }

    /// One epoch's batches.
    public struct Iterator: IteratorProtocol {
        let dataset: any Dataset
        let order: [Int]
        let batchSize: Int
        /// The loader to tell when the batches run out (loaders with a NumPy source).
        let loader: DataLoader?
        var position = 0
        var ended = false

        public mutating func next() -> (x: NDArray, t: NDArray)? {
            guard position < order.count else {
                if !ended, let loader { loader.epochEnded() }
                ended = true
                return nil
            }
            let end = Swift.min(position + batchSize, order.count)
            defer { position = end }
            return dataset.batch(Array(order[position..<end]))
        }
    }
}
