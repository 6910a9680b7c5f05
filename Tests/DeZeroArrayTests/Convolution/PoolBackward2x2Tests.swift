import Testing
import DeZeroArray

/// The float32 2×2 stride-2 max-pooling backward, which writes every input element once with
/// vector masks, against the float64 loop (memset, then a store at each maximum) on the same
/// argmax and gradient values: the results must agree bit for bit, signed zeros and
/// infinities included.
@Suite struct PoolBackward2x2Tests {
    /// Widths that give rows of 1, 2, 4, 7 (a partial last group of four) and 11 windows, and
    /// an odd width and height (the last column and row lie in no window: the general loop).
    static let shapes: [[Int]] = [[2, 3, 2, 2], [1, 2, 4, 4], [2, 1, 8, 8], [3, 2, 14, 14], [1, 1, 6, 22], [1, 2, 5, 9]]

    @Test(arguments: shapes)
    func matchesTheFloat64Loop(_ shape: [Int]) {
        let g = ConvGeometry(op: "test", inputShape: shape, kernelSize: (2, 2), stride: (2, 2), pad: (0, 0))
        var rng = RandomGenerator(seed: 91)
        let x = rng.uniform(shape, low: -2, high: 2, dtype: .float32)
        let argmax = PoolingKernels.maxPool(x, g).argmax
        var gyValues = rng.uniform([shape[0], shape[1], shape[2] / 2, shape[3] / 2], low: -2, high: 2, dtype: .float32)
            .scalars(as: Float.self)
        // Special values where they land at any corner: both infinities and a negative zero.
        for (i, v) in ([Float.infinity, -Float.infinity, -0.0] as [Float]).enumerated() where i < gyValues.count { gyValues[i * 3 % gyValues.count] = v }
        let gy = NDArray(gyValues, shape: [shape[0], shape[1], shape[2] / 2, shape[3] / 2])
        let fast = PoolingKernels.maxPoolBackward(gy, argmax: argmax, geometry: g)
        let loop = PoolingKernels.maxPoolBackward(gy.astype(.float64), argmax: argmax, geometry: g)
        #expect(fast.shape == shape)
        #expect(fast.scalars(as: Float.self).map(\.bitPattern) == loop.scalars(as: Double.self).map { Float($0).bitPattern })
        // Each gradient value lands once, at its window's maximum.
        #expect(fast.scalars(as: Float.self).filter { $0 != 0 }.count == gyValues.filter { $0 != 0 }.count)
    }
}
