import Foundation

/// The book's time series (Step 59): 1,000 samples of a sine wave over one period, `[0, 2π]`,
/// each the input for predicting the next.
///
/// The training curve is `sin(x)` plus uniform noise in [−0.05, 0.05); the test curve is
/// `cos(x)` without noise, as in DeZero. With `y` the 1,000 values, `data = y[:-1]` and
/// `label = y[1:]`, both of shape `[999, 1]`. DeZero stores float64; the default here is
/// float32 to match the library's layers (pass `dtype: .float64` for DeZero's). The noise comes
/// from a `RandomGenerator` seeded with `seed` (0 when left out); with no `seed` and a NumPy
/// ``RandomSource`` current, it is drawn from that source as DeZero draws it from NumPy's
/// global generator (`np.random.uniform(-0.05, 0.05, 1000)`, for the test curve too).
///
/// ```swift
/// let train = SinCurve()
/// let loader = SeqDataLoader(train, batchSize: 30)
/// ```
public struct SinCurve: ArrayBackedDataset, Sendable {
    /// The curve without its last value, `y[:-1]`, shape `[999, 1]`.
    public var data: NDArray
    /// The curve one step on, `y[1:]`: each input's next value, shape `[999, 1]`.
    public var label: NDArray
    /// Applied to each input as it is read; `nil` reads the stored values.
    public var transform: Transform?
    /// Applied to each target as it is read; `nil` reads the stored values.
    public var targetTransform: Transform?
    /// True for the noisy sine (training), false for the clean cosine (test).
    public let train: Bool

    /// Points on the curve (DeZero's `num_data`); the dataset holds one fewer.
    public static let sampleCount = 1000

    /// Makes one curve; `dtype` is `.float32` or `.float64`, `seed` fixes the noise.
    public init(train: Bool = true, dtype: DType = .float32, seed: UInt64? = nil,
                transform: Transform? = nil, targetTransform: Transform? = nil) {
        dezeroCheck(dtype.isFloatingPoint, "SinCurve: dtype must be float32 or float64, got \(dtype)")
        let n = SinCurve.sampleCount
        let numpy = seed == nil ? RandomSource.currentNumPy : nil
        let noise: [Double]
        if let numpy {
            noise = numpy.draw { $0.uniformValues([n], low: -0.05, high: 0.05) }.scalars(as: Double.self)
        } else {
            var g = RandomGenerator(seed: seed ?? 0)
            noise = g.uniform([n], low: -0.05, high: 0.05).scalars(as: Double.self)
        }
        // np.linspace(0, 2π, 1000): both ends included.
        let step = 2 * Double.pi / Double(n - 1)
        let y = (0..<n).map { i in
            let x = i == n - 1 ? 2 * Double.pi : Double(i) * step
            return train ? sin(x) + noise[i] : cos(x)
        }
        data = NDArray(Array(y.dropLast()), shape: [n - 1, 1]).astype(dtype)
        label = NDArray(Array(y.dropFirst()), shape: [n - 1, 1]).astype(dtype)
        self.train = train
        self.transform = transform
        self.targetTransform = targetTransform
    }
}
