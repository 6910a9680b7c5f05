/// Batches of a dataset for one epoch after another: DeZero's `DataLoader`.
///
/// Iterating a loader runs one epoch: the examples in a fresh random order (or in order when
/// `shuffle` is false), `batchSize` at a time, each batch stacked along a new first axis; the
/// last batch keeps the examples left over, so it may be smaller. Each new iteration is the
/// next epoch and reshuffles. The orders come from the loader's own ``generator``, seeded by
/// `seed`, so the same seed gives the same epochs on every machine; saving ``generator``'s
/// `state` with a checkpoint and restoring it resumes the sequence of orders exactly.
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

    public init(_ dataset: any Dataset, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0) {
        dezeroCheck(batchSize > 0, "DataLoader: batchSize must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        generator = RandomGenerator(seed: seed)
    }

    /// Batches per epoch, the last one partial when `batchSize` does not divide the count
    /// (DeZero's `max_iter`).
    public var batchCount: Int { (dataset.count + batchSize - 1) / batchSize }

    public var underestimatedCount: Int { batchCount }

    /// Starts the next epoch: draws its order now, then yields its batches.
    public func makeIterator() -> Iterator {
        epoch += 1
        return Iterator(dataset: dataset, order: nextOrder(), batchSize: batchSize)
    }

    /// The order of the next epoch's examples (advances ``generator`` when shuffling).
    func nextOrder() -> [Int] {
        var order = Array(0..<dataset.count)
        if shuffle { generator.shuffle(&order) }
        return order
    }

    /// One epoch's batches.
    public struct Iterator: IteratorProtocol {
        let dataset: any Dataset
        let order: [Int]
        let batchSize: Int
        var position = 0

        public mutating func next() -> (x: NDArray, t: NDArray)? {
            guard position < order.count else { return nil }
            let end = Swift.min(position + batchSize, order.count)
            defer { position = end }
            return dataset.batch(Array(order[position..<end]))
        }
    }
}
