import Foundation

/// The book's spiral: three interleaved arms of 100 points each in the plane, a small
/// classification problem no straight line can solve (Step 48).
///
/// Point `i` of class `j` lies at radius `r = i / 100` and angle `θ = 4j + 4r + 0.2·ε` with
/// `ε` standard normal: `x = (r·sin θ, r·cos θ)`. The 300 points are then shuffled. As in the
/// book, the training set is seeded with 1984 and the test set with 2020. `data` is `[300, 2]`
/// float32, `label` is `[300]` int64.
///
/// Made while a NumPy ``RandomSource`` is current, it does what DeZero's `get_spiral` does to
/// NumPy's global generator: reseeds that source with 1984 (or 2020), draws one `randn()` per
/// point and then a `permutation(300)`, and leaves the source there — so weights drawn after
/// it continue from that state, and the points are NumPy's. Otherwise the numbers come from
/// the library's `RandomGenerator` seeded likewise (the same on every machine, not NumPy's),
/// and no source is touched.
///
/// ```swift
/// let train = Spiral()
/// let loader = DataLoader(train, batchSize: 30)
/// let book = withRandomSource(.numpy(seed: 0)) { Spiral() }   // the book's points
/// ```
public struct Spiral: ArrayBackedDataset, Sendable {
    /// The points, `[300, 2]` float32.
    public var data: NDArray
    /// Each point's arm, int64 0…2, shape `[300]`.
    public var label: NDArray
    /// Applied to each input as it is read; `nil` reads the stored values.
    public var transform: Transform?
    /// Applied to each target as it is read; `nil` reads the stored values.
    public var targetTransform: Transform?
    /// True for the training points (seed 1984), false for the test points (seed 2020).
    public let train: Bool

    /// Arms of the spiral: the classes.
    public static let classCount = 3
    /// Points on each arm.
    public static let pointsPerClass = 100

    /// Makes the 300 points of one split.
    public init(train: Bool = true, transform: Transform? = nil, targetTransform: Transform? = nil) {
        let seed: UInt32 = train ? 1984 : 2020
        if let numpy = RandomSource.currentNumPy {
            (data, label) = numpy.draw { Spiral.generate(seed: seed, &$0) }
        } else {
            var engine = RandomEngine(library: RandomGenerator(seed: UInt64(seed)))
            (data, label) = Spiral.generate(seed: nil, &engine)
        }
        self.train = train
        self.transform = transform
        self.targetTransform = targetTransform
    }

    /// Draws the points from `engine`, reseeding it with `seed` first when given.
    static func generate(seed: UInt32?, _ engine: inout RandomEngine) -> (NDArray, NDArray) {
        if let seed { engine.seed(seed) }
        let perClass = pointsPerClass, total = classCount * perClass
        // One noise value per point, drawn in the book's order: class by class, point by point.
        let noise = engine.spiralNoise(total)
        let order = engine.permutation(total)
        let data = NDArray.make(Float.self, shape: [total, 2]) { out in
            for (k, src) in order.enumerated() {
                let j = src / perClass, i = src % perClass
                let rate = Double(i) / Double(perClass)
                // As the book groups it: (4j + 4·rate) + 0.2·ε.
                let theta = Double(j) * 4 + 4 * rate + noise[src]
                out[2 * k] = Float(rate * sin(theta))
                out[2 * k + 1] = Float(rate * cos(theta))
            }
        }
        let label = NDArray(order.map { $0 / perClass }, shape: [total])
        return (data, label)
    }
}

private extension RandomEngine {
    /// The angle noise 0.2·ε of each point: the library's normals with std 0.2, or NumPy's
    /// `np.random.randn() * 0.2` one point at a time.
    mutating func spiralNoise(_ count: Int) -> [Double] {
        guard numpy != nil else { return library.normal([count], std: 0.2).scalars(as: Double.self) }
        return (0..<count).map { _ in numpy!.standardNormal() * 0.2 }
    }
}
