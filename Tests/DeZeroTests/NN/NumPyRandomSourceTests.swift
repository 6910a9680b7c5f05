import Foundation
import Testing
import DeZero

// A NumPy RandomSource makes the library draw what the Python DeZero draws from np.random, in
// its order. The first tests replay the expected draws on a separate NumPyRandomState (whose
// agreement with NumPy itself DeZeroArrayTests checks); the last one compares with NumPy.

@Suite("NumPy random source")
struct NumPyRandomSourceTests {
    /// DeZero's Linear weight: `randn(I, O).astype(np.float32) * np.sqrt(1 / I)`, the product
    /// in float32 (NumPy 1.x rounds the float64 scalar to the array's dtype).
    static func deZeroWeight(_ np: inout NumPyRandomState, _ inSize: Int, _ outSize: Int) -> [Float] {
        let scale = Float((1.0 / Double(inSize)).squareRoot())
        return np.randn(inSize, outSize).scalars(as: Double.self).map { Float($0) * scale }
    }

    @Test func layersDrawDeZerosWeightsWhenFirstCalled() {
        let source = RandomSource.numpy(seed: 0)
        #expect(source.algorithm == .numpy)
        let model = withRandomSource(source) { MLP([5, 3]) }
        _ = model(Variable(NDArray.ones([2, 4], dtype: .float32)))
        var np = NumPyRandomState(seed: 0)
        let l0 = Self.deZeroWeight(&np, 4, 5), l1 = Self.deZeroWeight(&np, 5, 3)
        let params = model.namedParams
        #expect(params.first { $0.key == "l0/W" }?.parameter.data.scalars(as: Float.self) == l0)
        #expect(params.first { $0.key == "l1/W" }?.parameter.data.scalars(as: Float.self) == l1)
        #expect(source.currentNumPyState == np)  // exactly these draws, no more
    }

    @Test func float64LayersAndEmbeddingsDrawNormalsAsDeZero() {
        let source = RandomSource.numpy(seed: 9)
        let (linear, embed) = withRandomSource(source) {
            (Linear(outSize: 2, dtype: .float64, inSize: 3), EmbedID(inSize: 4, outSize: 2, dtype: .float64))
        }
        var np = NumPyRandomState(seed: 9)
        let w = np.randn(3, 2).scalars(as: Double.self).map { $0 * (1.0 / 3).squareRoot() }
        #expect(linear.W.data.scalars(as: Double.self) == w)
        #expect(embed.W.data == np.randn(4, 2))
    }

    @Test func spiralReseedsTheSourceAndLeavesItThere() {
        let source = RandomSource.numpy(seed: 123)
        let test = withRandomSource(source) { Spiral(train: false) }
        var np = NumPyRandomState(seed: 2020)
        let noise = (0..<300).map { _ in np.standardNormal() * 0.2 }
        let order = np.permutation(300).scalars(as: Int64.self).map { Int($0) }
        #expect(test.label.scalars(as: Int64.self) == order.map { Int64($0 / 100) })
        // The first shuffled point, from its class j, index i and noise, as get_spiral computes it.
        let (j, i) = (order[0] / 100, order[0] % 100)
        let rate = Double(i) / 100
        let theta = Double(j) * 4 + 4 * rate + noise[order[0]]
        #expect(test.data.scalars(as: Float.self)[0..<2] == [Float(rate * sin(theta)), Float(rate * cos(theta))])
        #expect(source.currentNumPyState == np)
        // Outside a NumPy source the library's own points come, and no source is touched.
        let library = RandomSource(seed: 1)
        let before = library.currentGenerator
        #expect(withRandomSource(library) { Spiral(train: false) }.data == Spiral(train: false).data)
        #expect(library.currentGenerator == before)
    }

    static let ten = ArrayDataset(data: NDArray((0..<10).map { Float($0) }, shape: [10, 1]), label: NDArray(Array(0..<10)))

    @Test func dataLoaderDrawsWhenMadeAndWhenEachEpochEnds() {
        let source = RandomSource.numpy(seed: 3)
        let loader = withRandomSource(source) { DataLoader(Self.ten, batchSize: 4) }
        var np = NumPyRandomState(seed: 3)
        let first = np.permutation(10).scalars(as: Int64.self)
        #expect(source.currentNumPyState == np)  // DeZero's reset() in __init__
        let epoch1 = loader.nextEpoch()
        #expect(source.currentNumPyState == np)  // starting an epoch draws nothing here
        #expect(epoch1.flatMap { $0.t.scalars(as: Int64.self) } == first)
        let second = np.permutation(10).scalars(as: Int64.self)
        #expect(source.currentNumPyState == np)  // reset() when the batches ran out
        // Running out of the same epoch's batches again draws nothing more.
        #expect(epoch1.flatMap { $0.t.scalars(as: Int64.self) } == first)
        #expect(source.currentNumPyState == np)
        // An epoch left early draws nothing, and the next epoch starts its order again.
        for _ in loader.nextEpoch() { break }
        #expect(source.currentNumPyState == np)
        #expect(loader.nextEpoch().flatMap { $0.t.scalars(as: Int64.self) } == second)
        // A loader that does not shuffle draws nothing.
        let before = source.currentNumPyState
        let ordered = withRandomSource(source) { DataLoader(Self.ten, batchSize: 4, shuffle: false) }
        #expect(ordered.nextEpoch().flatMap { $0.t.scalars(as: Int64.self) } == Array(0..<10))
        #expect(source.currentNumPyState == before)
    }

    @Test func dropoutMaskIsRandAboveTheRatio() {
        let source = RandomSource.numpy(seed: 4)
        let x = Variable(NDArray.ones([3, 5]))
        let y = withRandomSource(source) { dropout(x, dropoutRatio: 0.5) }
        var np = NumPyRandomState(seed: 4)
        let kept = np.rand(3, 5).scalars(as: Double.self).map { $0 > 0.5 ? 2.0 : 0 }
        #expect(y.scalars(as: Double.self) == kept)
    }

    @Test func sinCurveNoiseIsNumPysUniformForBothCurves() {
        let source = RandomSource.numpy(seed: 6)
        let (train, test) = withRandomSource(source) { (SinCurve(dtype: .float64), SinCurve(train: false, dtype: .float64)) }
        var np = NumPyRandomState(seed: 6)
        let noise = np.uniform(low: -0.05, high: 0.05, shape: [1000]).scalars(as: Double.self)
        _ = np.uniform(low: -0.05, high: 0.05, shape: [1000])  // the test curve draws too, as in DeZero
        #expect(train.data.scalars(as: Double.self)[1] == Foundation.sin(2 * Double.pi / 999) + noise[1])
        #expect(test.label.count == 999)
        #expect(source.currentNumPyState == np)
        // An explicit seed keeps the library's generator, and the source untouched.
        let seeded = withRandomSource(source) { SinCurve(seed: 1) }
        #expect(seeded.data == SinCurve(seed: 1).data)
        #expect(source.currentNumPyState == np)
    }

    @Test func rnnDrawsItsHiddenWeightAtTheSecondStepAsDeZero() {
        let source = RandomSource.numpy(seed: 8)
        let rnn = withRandomSource(source) { RNN(hiddenSize: 2) }
        let x = Variable(NDArray.ones([1, 3], dtype: .float32))
        _ = rnn(x)
        #expect(rnn.h2h.W.shape == [0])  // not drawn yet: DeZero's h2h waits for its input too
        _ = rnn(x)
        var np = NumPyRandomState(seed: 8)
        let x2h = Self.deZeroWeight(&np, 3, 2), h2h = Self.deZeroWeight(&np, 2, 2)
        #expect(rnn.x2h.W.data.scalars(as: Float.self) == x2h)
        #expect(rnn.h2h.W.data.scalars(as: Float.self) == h2h)
    }

    @Test func sourceDrawsAndReseedsLikeNpRandom() {
        let source = RandomSource.numpy(seed: 0)
        #expect(source.rand(2).scalars(as: Double.self)[0] == 0.5488135039273248)
        source.seed(0)
        #expect(source.randn(1).item() == 1.764052345967664)
        source.seed(0)
        #expect(source.permutation(5).scalars(as: Int64.self) == [2, 0, 1, 3, 4])
        #expect(RandomSource(seed: 0).algorithm == .library)
    }

    /// DeZero's get_spiral and Linear initialisation, restated on NumPy itself.
    static let numpyScript = """
    import numpy as np
    np.random.seed(1984)
    x = np.zeros((300, 2), dtype=np.float32)
    t = np.zeros(300, dtype=np.int64)
    for j in range(3):
        for i in range(100):
            rate = i / 100
            theta = j * 4.0 + 4.0 * rate + np.random.randn() * 0.2
            x[100 * j + i] = np.array([rate * np.sin(theta), rate * np.cos(theta)])
            t[100 * j + i] = j
    order = np.random.permutation(300)
    x, t = x[order], t[order]
    # Linear(10) on 2 inputs; the float32 scalar is what NumPy 1.x uses (NumPy 2 would widen).
    w = np.random.randn(2, 10).astype(np.float32) * np.float32(np.sqrt(1 / 2))
    print(' '.join(str(v) for v in x.view(np.uint32).ravel()))
    print(' '.join(str(v) for v in t))
    print(' '.join(str(v) for v in w.view(np.uint32).ravel()))
    """

    @Test(.enabled(if: pythonHas("numpy") || toolsRequired, "needs python3 with NumPy on the PATH"))
    func spiralAndFirstWeightsMatchNumPy() throws {
        let run = try runPython(Self.numpyScript)
        try #require(run.status == 0, "python3 failed: \(run.output)")
        let lines = run.output.split(separator: "\n").map { $0.split(separator: " ").compactMap { UInt64($0) } }
        try #require(lines.count == 3)
        let source = RandomSource.numpy(seed: 0)
        let (spiral, layer) = withRandomSource(source) { (Spiral(), Linear(outSize: 10)) }
        _ = layer(Variable(spiral.data))
        #expect(spiral.data.scalars(as: Float.self).map { UInt64($0.bitPattern) } == lines[0])
        #expect(spiral.label.scalars(as: Int64.self).map { UInt64($0) } == lines[1])
        #expect(layer.W.data.scalars(as: Float.self).map { UInt64($0.bitPattern) } == lines[2])
    }
}
