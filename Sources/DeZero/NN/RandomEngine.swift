/// The generator inside a ``RandomSource``: the library's, or NumPy's legacy one when `numpy`
/// is set. Each draw the library makes is written once here for both algorithms — the
/// library's in its own way, NumPy's as the Python DeZero spells it — so callers never ask
/// which algorithm runs.
struct RandomEngine: Sendable {
    /// The library's generator (unused while `numpy` is set).
    var library: RandomGenerator
    /// NumPy's generator, for a source made with one.
    var numpy: NumPyRandomState?

    init(library: RandomGenerator) {
        self.library = library
        numpy = nil
    }

    init(numpy: NumPyRandomState) {
        library = RandomGenerator(seed: 0)
        self.numpy = numpy
    }

    /// Reseeds, keeping the algorithm.
    mutating func seed(_ seed: UInt32) {
        if numpy != nil { numpy!.seed(seed) } else { library = RandomGenerator(seed: UInt64(seed)) }
    }

    /// A layer's initial weights: normal(0, 1) times `scale`. NumPy: DeZero's
    /// `np.random.randn(*shape).astype(dtype) * scale`, where (NumPy 1.x) the float64 scalar
    /// is rounded to the array's dtype and the product is taken in that dtype.
    mutating func initialWeights(_ shape: [Int], scale: Double, dtype: DType) -> NDArray {
        guard numpy != nil else { return library.normal(shape, std: scale, dtype: dtype) }
        let normals = numpy!.randn(shape: shape).scalars(as: Double.self)
        switch dtype {
        case .float32:
            let s = Float(scale)
            return NDArray.make(Float.self, shape: shape) { out in
                for i in 0..<out.count { out[i] = Float(normals[i]) * s }
            }
        default:
            return NDArray.make(Double.self, shape: shape) { out in
                for i in 0..<out.count { out[i] = normals[i] * scale }
            }
        }
    }

    /// Standard normal values of `dtype`. NumPy: `np.random.randn(*shape).astype(dtype)`.
    mutating func standardNormals(_ shape: [Int], dtype: DType) -> NDArray {
        guard numpy != nil else { return library.normal(shape, dtype: dtype) }
        return numpy!.randn(shape: shape).astype(dtype)
    }

    /// Uniform float64 values in [0, 1). NumPy: `np.random.rand(*shape)`.
    mutating func uniformValues(_ shape: [Int]) -> NDArray {
        guard numpy != nil else { return library.uniform(shape) }
        return numpy!.rand(shape: shape)
    }

    /// Uniform float64 values in [`low`, `high`). NumPy: `np.random.uniform(low, high, shape)`.
    mutating func uniformValues(_ shape: [Int], low: Double, high: Double) -> NDArray {
        guard numpy != nil else { return library.uniform(shape, low: low, high: high) }
        return numpy!.uniform(low: low, high: high, shape: shape)
    }

    /// One uniform double in [0, 1). NumPy: `np.random.rand()`.
    mutating func nextUnitDouble() -> Double {
        guard numpy != nil else { return library.nextDouble() }
        return numpy!.random()
    }

    /// `0..<n` in random order. NumPy: `np.random.permutation(n)`.
    mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        if numpy != nil { numpy!.shuffle(&order) } else { library.shuffle(&order) }
        return order
    }
}
