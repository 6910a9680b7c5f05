import Testing
import Foundation
import DeZero

@Suite("BatchNorm layer")
struct BatchNormLayerTests {
    static let x = NDArray([[1, 2], [3, 6]] as [[Double]])   // column means 2, 4; variances 1, 4
    static let eps = 2e-5

    @Test func keysAreDeZerosBeforeAndAfterTheFirstCall() {
        let bn = BatchNorm()
        #expect(bn.namedParams.map(\.key) == ["avg_mean", "avg_var", "gamma", "beta"])
        #expect(bn.params.allSatisfy { $0.shape == [0] })
        _ = bn(Variable(NDArray.zeros([4, 3, 2, 2], dtype: .float32)))
        #expect(bn.namedParams.map(\.key) == ["avg_mean", "avg_var", "gamma", "beta"])
        #expect(bn.params.allSatisfy { $0.shape == [3] && $0.dtype == .float32 })
        #expect(bn.gamma.scalars(as: Float.self) == [1, 1, 1] && bn.beta.scalars(as: Float.self) == [0, 0, 0])
    }

    @Test func trainingUpdatesTheRunningStatistics() {
        let bn = BatchNorm()
        let y = bn(Variable(Self.x))
        let (s0, s1) = ((1 + Self.eps).squareRoot(), (4 + Self.eps).squareRoot())
        #expect(valuesAgree(y.scalars(as: Double.self), [-1 / s0, -2 / s1, 1 / s0, 2 / s1]))
        #expect(valuesAgree(bn.avgMean.scalars(as: Double.self), [0.2, 0.4]))
        #expect(valuesAgree(bn.avgVar.scalars(as: Double.self), [1.1, 1.7]))
        // A second batch: means [1, 1], unbiased variances [2, 2].
        _ = bn(Variable(NDArray([[0, 0], [2, 2]] as [[Double]])))
        let mean: [Double] = [0.9 * 0.2 + 0.1, 0.9 * 0.4 + 0.1], variance: [Double] = [0.9 * 1.1 + 0.2, 0.9 * 1.7 + 0.2]
        #expect(valuesAgree(bn.avgMean.scalars(as: Double.self), mean))
        #expect(valuesAgree(bn.avgVar.scalars(as: Double.self), variance))
    }

    @Test func testModeUsesTheRunningStatistics() {
        let bn = BatchNorm()
        _ = bn(Variable(Self.x))   // running mean [0.2, 0.4], variance [1.1, 1.7]
        let y = withTestMode { bn(Variable(Self.x)) }
        let (s0, s1) = ((1.1 + Self.eps).squareRoot(), (1.7 + Self.eps).squareRoot())
        #expect(valuesAgree(y.scalars(as: Double.self), [0.8 / s0, 1.6 / s1, 2.8 / s0, 5.6 / s1]))
        #expect(valuesAgree(bn.avgMean.scalars(as: Double.self), [0.2, 0.4]))
        #expect(valuesAgree(bn.avgVar.scalars(as: Double.self), [1.1, 1.7]))
    }

    @Test func gradientsAfterATestModeForward() {
        // DeZero's backward reuses the last training batch's statistics here; the gradient
        // of the test-mode map is that of an affine map with the running statistics.
        let bn = BatchNorm()
        _ = bn(Variable(Self.x))   // running mean [0.2, 0.4], variance [1.1, 1.7]
        bn.gamma.data = NDArray([2.0, 3.0])
        bn.beta.data = NDArray([0.5, -1.0])
        let x = Variable(Self.x)
        let y = withTestMode { bn(x) }
        sum(y * NDArray([[1, 2], [3, 4]] as [[Double]])).backward()
        let (s0, s1) = ((1.1 + Self.eps).squareRoot(), (1.7 + Self.eps).squareRoot())
        #expect(valuesAgree(x.grad!.scalars(as: Double.self), [2 / s0, 6 / s1, 6 / s0, 12 / s1]))
        // Σ w·(x − mean)/s: column 0 (1·0.8 + 3·2.8)/s0, column 1 (2·1.6 + 4·5.6)/s1.
        #expect(valuesAgree(bn.gamma.grad!.scalars(as: Double.self), [9.2 / s0, 25.6 / s1]))
        #expect(valuesAgree(bn.beta.grad!.scalars(as: Double.self), [4, 6]))
        #expect(bn.avgMean.grad == nil && bn.avgVar.grad == nil)
    }

    @Test(arguments: [false, true])
    func optimizersLeaveTheRunningStatisticsAlone(adam: Bool) {
        let bn = BatchNorm()
        let optimizer: Optimizer = adam ? Adam(lr: 0.1).setup(bn) : SGD(lr: 0.1).setup(bn)
        let y = bn(Variable(Self.x))
        sum(y * NDArray([[1, 2], [3, 4]] as [[Double]])).backward()
        optimizer.update()
        #expect(bn.avgMean.grad == nil && bn.avgVar.grad == nil)
        #expect(valuesAgree(bn.avgMean.scalars(as: Double.self), [0.2, 0.4]))
        #expect(valuesAgree(bn.avgVar.scalars(as: Double.self), [1.1, 1.7]))
        // β's gradient is Σ w per column, [4, 6]: both optimizers move β against it.
        let beta = bn.beta.scalars(as: Double.self)
        #expect(beta[0] < 0 && beta[1] < 0)
        if !adam { #expect(valuesAgree(beta, [-0.4, -0.6])) }
        #expect(bn.gamma.scalars(as: Double.self) != [1, 1])
    }

    @Test func weightsAssignedBeforeTheFirstCallAreKept() {
        // Loading weights into a fresh layer fills the empty parameters first.
        let bn = BatchNorm()
        bn.gamma.data = NDArray([2.0, 2.0])
        bn.avgVar.data = NDArray([4.0, 4.0])
        let y = withTestMode { bn(Variable(Self.x)) }
        // Mean 0 (created), variance 4 (loaded), γ = 2: y = 2x/√(4 + ε).
        let s = (4 + Self.eps).squareRoot()
        #expect(valuesAgree(y.scalars(as: Double.self), [2 / s, 4 / s, 6 / s, 12 / s]))
        #expect(bn.avgMean.scalars(as: Double.self) == [0, 0] && bn.beta.scalars(as: Double.self) == [0, 0])
    }

    @Test func fourDimensionalBatchesThroughTheLayer() {
        let bn = BatchNorm()
        let x = Variable(sampleArray([4, 3, 5, 5], seed: 80).astype(.float32))
        let y = bn(x)
        // Each channel of the output has mean ≈ 0 and variance ≈ 1 (ε aside).
        let perChannel = y.data.transpose(1, 0, 2, 3).reshape(3, 100)
        for c in 0..<3 {
            let row = perChannel[[.int(c)]].astype(.float64).scalars(as: Double.self)
            let mean = row.reduce(0, +) / 100
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 100
            #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-3)
        }
        sum(y * NDArray.ones([4, 3, 5, 5], dtype: .float32)).backward()
        #expect(x.grad!.shape == [4, 3, 5, 5] && bn.gamma.grad!.shape == [3])
    }
}
