/// A function applied to each example's input or target as it is read (DeZero's `transform`).
public typealias Transform = @Sendable (NDArray) -> NDArray

/// A collection of examples `(x, t)` — DeZero's `Dataset`: a count, access by index, and the
/// batch access a ``DataLoader`` uses.
///
/// Conform by giving ``count`` and ``subscript(_:)``; the default ``batch(_:)`` stacks single
/// examples. Datasets held in arrays conform to ``ArrayBackedDataset`` instead and get fast
/// batches (one memory copy per example, or per run of consecutive examples).
///
/// A dataset is a `Sequence` of its examples in order, so the book's `for x, t in train_set`
/// (Step 59) reads `for (x, t) in trainSet`.
///
/// ```swift
/// struct Squares: Dataset {
///     var count: Int { 10 }
///     subscript(i: Int) -> (x: NDArray, t: NDArray) { (NDArray(Double(i)), NDArray(Double(i * i))) }
/// }
/// let (x, t) = Squares().batch([2, 3])   // x: [2., 3.], t: [4., 9.]
/// for (x, t) in Squares() { print(x, t) } // 0.0 0.0, 1.0 1.0, 2.0 4.0, …
/// ```
public protocol Dataset: Sequence where Element == (x: NDArray, t: NDArray) {
    /// The number of examples (DeZero's `len(dataset)`).
    var count: Int { get }
    /// The example at `index`, in `0..<count`.
    subscript(_ index: Int) -> (x: NDArray, t: NDArray) { get }
    /// The examples at `indices`, each stacked along a new first axis.
    func batch(_ indices: [Int]) -> (x: NDArray, t: NDArray)
}

extension Dataset {
    /// The examples at `indices`, read one by one through ``subscript(_:)`` and stacked.
    public func batch(_ indices: [Int]) -> (x: NDArray, t: NDArray) {
        let examples = indices.map { self[$0] }
        return (Batching.stack(examples.map(\.x)), Batching.stack(examples.map(\.t)))
    }

    /// The examples from index 0 to `count - 1`, each read through ``subscript(_:)``.
    public func makeIterator() -> DatasetIterator<Self> { DatasetIterator(self) }

    /// The exact number of examples: iterating reads all ``count`` of them.
    public var underestimatedCount: Int { count }
}

/// Walks a ``Dataset`` in index order, one `(x, t)` example at a time.
public struct DatasetIterator<D: Dataset>: IteratorProtocol {
    private let dataset: D
    private var index = 0

    init(_ dataset: D) { self.dataset = dataset }

    /// The next example, or `nil` after the last.
    public mutating func next() -> (x: NDArray, t: NDArray)? {
        guard index < dataset.count else { return nil }
        defer { index += 1 }
        return dataset[index]
    }
}

/// A dataset held as two arrays whose first axis runs over the examples: `data` (inputs) and
/// `label` (targets), DeZero's `dataset.data` and `dataset.label`, with optional transforms.
///
/// ``Spiral``, ``SinCurve``, ``MNIST`` and ``Digits`` conform. When neither transform is set a
/// batch is gathered straight from the arrays' memory.
public protocol ArrayBackedDataset: Dataset {
    /// All inputs, shape `[count, …]`.
    var data: NDArray { get }
    /// All targets, shape `[count, …]` (class labels are int64 of shape `[count]`).
    var label: NDArray { get }
    /// Applied to each input as it is read; `nil` reads the stored values.
    var transform: Transform? { get }
    /// Applied to each target as it is read.
    var targetTransform: Transform? { get }
}

extension ArrayBackedDataset {
    /// The number of examples: the length of `data`'s first axis.
    public var count: Int { data.shape.first ?? 0 }

    /// Example `index`: its row of `data` and of `label`, as views, through the transforms.
    public subscript(_ index: Int) -> (x: NDArray, t: NDArray) {
        dezeroCheck(index >= 0 && index < count, "Dataset: index \(index) out of range for \(count) examples")
        let x = Batching.row(data, index), t = Batching.row(label, index)
        return (transform.map { $0(x) } ?? x, targetTransform.map { $0(t) } ?? t)
    }

    /// Rows `indices` of `data` and `label`, copied straight from memory when no transform is
    /// set, else transformed one by one and stacked.
    public func batch(_ indices: [Int]) -> (x: NDArray, t: NDArray) {
        for i in indices {
            dezeroCheck(i >= 0 && i < count, "Dataset: index \(i) out of range for \(count) examples")
        }
        let x = transform == nil
            ? Batching.gather(data, indices)
            : Batching.stack(indices.map { transform!(Batching.row(data, $0)) })
        let t = targetTransform == nil
            ? Batching.gather(label, indices)
            : Batching.stack(indices.map { targetTransform!(Batching.row(label, $0)) })
        return (x, t)
    }
}

/// The simplest ``ArrayBackedDataset``: inputs and targets you already have in arrays.
///
/// ```swift
/// let ds = ArrayDataset(data: x, label: t)   // x: [1000, 784] float32, t: [1000] int64
/// let loader = DataLoader(ds, batchSize: 100)
/// ```
public struct ArrayDataset: ArrayBackedDataset, Sendable {
    /// All inputs, shape `[count, …]`.
    public var data: NDArray
    /// All targets, shape `[count, …]`.
    public var label: NDArray
    /// Applied to each input as it is read; `nil` reads the stored values.
    public var transform: Transform?
    /// Applied to each target as it is read; `nil` reads the stored values.
    public var targetTransform: Transform?

    /// `data` and `label` must have the same first dimension.
    public init(data: NDArray, label: NDArray, transform: Transform? = nil, targetTransform: Transform? = nil) {
        dezeroCheck(data.ndim >= 1 && label.ndim >= 1 && data.shape[0] == label.shape[0],
                    "ArrayDataset: data \(shapeDescription(data.shape)) and label \(shapeDescription(label.shape)) must have the same first dimension")
        self.data = data
        self.label = label
        self.transform = transform
        self.targetTransform = targetTransform
    }
}
