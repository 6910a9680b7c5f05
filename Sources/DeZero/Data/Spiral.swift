import Foundation

/// The book's spiral: three interleaved arms of 100 points each in the plane, a small
/// classification problem no straight line can solve (Step 48).
///
/// Point `i` of class `j` lies at radius `r = i / 100` and angle `θ = 4j + 4r + 0.2·ε` with
/// `ε` standard normal: `x = (r·sin θ, r·cos θ)`. The 300 points are then shuffled. As in the
/// book, the training set is seeded with 1984 and the test set with 2020; the numbers come
/// from the library's ``RandomGenerator``, so they differ from NumPy's but are the same on
/// every machine. `data` is `[300, 2]` float32, `label` is `[300]` int64.
///
/// ```swift
/// let train = Spiral()
/// let loader = DataLoader(train, batchSize: 30)
/// ```
public struct Spiral: ArrayBackedDataset, Sendable {
    public var data: NDArray
    public var label: NDArray
    public var transform: Transform?
    public var targetTransform: Transform?
    public let train: Bool

    public static let classCount = 3
    public static let pointsPerClass = 100

    public init(train: Bool = true, transform: Transform? = nil, targetTransform: Transform? = nil) {
        (data, label) = Spiral.generate(seed: train ? 1984 : 2020)
        self.train = train
        self.transform = transform
        self.targetTransform = targetTransform
    }

    static func generate(seed: UInt64) -> (NDArray, NDArray) {
        var g = RandomGenerator(seed: seed)
        let perClass = pointsPerClass, total = classCount * perClass
        // One noise value per point, drawn in the book's order: class by class, point by point.
        let noise = g.normal([total], std: 0.2).scalars(as: Double.self)
        let order = g.permutation(total).scalars(as: Int64.self)
        let data = NDArray.make(Float.self, shape: [total, 2]) { out in
            for (k, src) in order.enumerated() {
                let j = Int(src) / perClass, i = Int(src) % perClass
                let rate = Double(i) / Double(perClass)
                let theta = Double(j) * 4 + 4 * rate + noise[Int(src)]
                out[2 * k] = Float(rate * sin(theta))
                out[2 * k + 1] = Float(rate * cos(theta))
            }
        }
        let label = NDArray.make(Int64.self, shape: [total]) { out in
            for (k, src) in order.enumerated() { out[k] = src / Int64(perClass) }
        }
        return (data, label)
    }
}
