// Random arrays as static functions on NDArray, in the spelling of NumPy's np.random. Each
// takes `using:` an explicit generator; the forms without it draw from the library-wide one.

extension NDArray {
    /// Normally distributed values (see ``RandomGenerator/normal(_:mean:std:dtype:)``).
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 0)
    /// let w = NDArray.randomNormal([784, 100], dtype: .float32, using: &g) * 0.01
    /// ```
    public static func randomNormal(_ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float64,
                                    using generator: inout RandomGenerator) -> NDArray {
        generator.normal(shape, mean: mean, std: std, dtype: dtype)
    }

    /// Normally distributed values from the library-wide generator.
    public static func randomNormal(_ shape: [Int], mean: Double = 0, std: Double = 1,
                                    dtype: DType = .float64) -> NDArray {
        RandomGenerator.withDefault { $0.normal(shape, mean: mean, std: std, dtype: dtype) }
    }

    /// Uniform values in [`low`, `high`) (see ``RandomGenerator/uniform(_:low:high:dtype:)``).
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 0)
    /// let u = NDArray.randomUniform([2, 3], using: &g)
    /// ```
    public static func randomUniform(_ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float64,
                                     using generator: inout RandomGenerator) -> NDArray {
        generator.uniform(shape, low: low, high: high, dtype: dtype)
    }

    /// Uniform values in [`low`, `high`) from the library-wide generator.
    public static func randomUniform(_ shape: [Int], low: Double = 0, high: Double = 1,
                                     dtype: DType = .float64) -> NDArray {
        RandomGenerator.withDefault { $0.uniform(shape, low: low, high: high, dtype: dtype) }
    }

    /// Uniform int64 values in `low..<high` (see ``RandomGenerator/integers(_:_:shape:)``).
    ///
    /// ```swift
    /// var g = RandomGenerator(seed: 0)
    /// let t = NDArray.randomIntegers(0, 10, shape: [64], using: &g)
    /// ```
    public static func randomIntegers(_ low: Int, _ high: Int, shape: [Int],
                                      using generator: inout RandomGenerator) -> NDArray {
        generator.integers(low, high, shape: shape)
    }

    /// Uniform int64 values in `low..<high` from the library-wide generator.
    public static func randomIntegers(_ low: Int, _ high: Int, shape: [Int]) -> NDArray {
        RandomGenerator.withDefault { $0.integers(low, high, shape: shape) }
    }

    /// A random ordering of `0..<n`, int64 (see ``RandomGenerator/permutation(_:)``).
    public static func randomPermutation(_ n: Int, using generator: inout RandomGenerator) -> NDArray {
        generator.permutation(n)
    }

    /// A random ordering of `0..<n` from the library-wide generator.
    public static func randomPermutation(_ n: Int) -> NDArray {
        RandomGenerator.withDefault { $0.permutation(n) }
    }
}
