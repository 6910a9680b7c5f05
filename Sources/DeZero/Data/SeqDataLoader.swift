/// Batches of a time series for truncated backpropagation through time: DeZero's
/// `SeqDataLoader`.
///
/// A batch holds `batchSize` positions spread evenly over the series, `count / batchSize`
/// apart, and each next batch moves every position one step forward, so row `i` of successive
/// batches walks through its own stretch of the series in order — what a stateful RNN needs.
/// Nothing is shuffled. An epoch has `⌈count / batchSize⌉` batches, like ``DataLoader``.
///
/// Unlike ``DataLoader`` it has no state to advance — every epoch is the same batches — so the
/// loader is itself one epoch's `Sequence`: the book's `for x, t in dataloader:` (Step 60) reads
/// `for (x, t) in loader`, and iterating it, or asking its `count` or first batch, changes
/// nothing.
///
/// ```swift
/// let loader = SeqDataLoader(SinCurve(), batchSize: 3)   // 999 examples: jump 333
/// var it = loader.makeIterator()
/// it.next()    // examples 0, 333, 666
/// it.next()    // examples 1, 334, 667
/// ```
public struct SeqDataLoader: Sequence {
    /// The series, one example per time step.
    public let dataset: any Dataset
    /// Positions walked side by side: the rows of each batch.
    public let batchSize: Int

    /// A loader of `dataset` walking `batchSize` positions at once; needs at least
    /// `batchSize` examples.
    public init(_ dataset: any Dataset, batchSize: Int) {
        dezeroCheck(batchSize > 0, "SeqDataLoader: batchSize must be positive, got \(batchSize)")
        dezeroCheck(dataset.count >= batchSize,
                    "SeqDataLoader: batchSize \(batchSize) is larger than the dataset (\(dataset.count) examples)")
        self.dataset = dataset
        self.batchSize = batchSize
    }

    /// Batches per epoch.
    public var batchCount: Int { Batching.batchCount(of: dataset.count, batchSize: batchSize) }

    /// The exact number of batches.
    public var underestimatedCount: Int { batchCount }

    /// One epoch's batches from the first.
    public func makeIterator() -> Iterator { Iterator(dataset: dataset, batchSize: batchSize, batchCount: batchCount) }

    /// One epoch's batches.
    public struct Iterator: IteratorProtocol {
        let dataset: any Dataset
        let batchSize: Int
        let batchCount: Int
        var iteration = 0

        /// The next batch: the example at each position, then every position one step on.
        public mutating func next() -> (x: NDArray, t: NDArray)? {
            guard iteration < batchCount else { return nil }
            let n = dataset.count, jump = n / batchSize
            let indices = (0..<batchSize).map { ($0 * jump + iteration) % n }
            iteration += 1
            return dataset.batch(indices)
        }
    }
}
