import Testing
import Foundation
import DeZero

@Suite("batchNorm function")
struct BatchNormFunctionTests {
    /// x = [[1, 2], [3, 6]]: column means 2 and 4, biased variances 1 and 4.
    static let x2 = NDArray([[1, 2], [3, 6]] as [[Double]])

    @Test func trainingNormalisesWithTheBatchStatistics() {
        var mean = NDArray.zeros([2]), variance = NDArray.ones([2])
        let y = batchNorm(Variable(Self.x2), Variable([1.0, 2.0]), Variable([0.0, 1.0]),
                          runningMean: &mean, runningVar: &variance, decay: 0.9, eps: 0)
        // Column 0: (x − 2)/1; column 1: 2·(x − 4)/2 + 1.
        #expect(y.shape == [2, 2])
        #expect(valuesAgree(y.scalars(as: Double.self), [-1, -1, 1, 3]))
        // Running mean 0.9·0 + 0.1·[2, 4]; running variance with the unbiased variance
        // (m = 2: [1, 4]·2 = [2, 8]): 0.9·1 + 0.1·[2, 8].
        #expect(valuesAgree(mean.scalars(as: Double.self), [0.2, 0.4]))
        #expect(valuesAgree(variance.scalars(as: Double.self), [1.1, 1.7]))
    }

    @Test func fourDimensionalInputIsNormalisedPerChannel() {
        // Shape (2, 2, 1, 2): channel 0 holds 1, 3, 5, 7 (mean 4, variance 5),
        // channel 1 holds 0, 0, 2, 2 (mean 1, variance 1).
        let x = NDArray([1, 3, 0, 0, 5, 7, 2, 2] as [Double], shape: [2, 2, 1, 2])
        var mean = NDArray.zeros([2]), variance = NDArray.ones([2])
        let y = batchNorm(Variable(x), Variable([1.0, 1.0]), Variable([0.0, 0.0]),
                          runningMean: &mean, runningVar: &variance, eps: 0)
        let r5 = 5.0.squareRoot()
        #expect(y.shape == [2, 2, 1, 2])
        #expect(valuesAgree(y.scalars(as: Double.self), [-3 / r5, -1 / r5, -1, -1, 1 / r5, 3 / r5, 1, 1]))
        #expect(valuesAgree(mean.scalars(as: Double.self), [0.4, 0.1]))
        // m = 4: unbiased variances 5·4/3 and 1·4/3.
        let expected: [Double] = [0.9 + 0.1 * 20 / 3, 0.9 + 0.1 * 4 / 3]
        #expect(valuesAgree(variance.scalars(as: Double.self), expected))
    }

    @Test func testModeUsesTheRunningStatisticsAndKeepsThem() {
        var mean = NDArray([1.0, 2.0]), variance = NDArray([4.0, 9.0])
        let y = withTestMode {
            batchNorm(Variable(Self.x2), Variable([1.0, 2.0]), Variable([0.0, 1.0]),
                      runningMean: &mean, runningVar: &variance, eps: 0)
        }
        // Column 0: (x − 1)/2; column 1: 2·(x − 2)/3 + 1.
        #expect(valuesAgree(y.scalars(as: Double.self), [0, 1, 1, 11.0 / 3]))
        #expect(mean.scalars(as: Double.self) == [1, 2])
        #expect(variance.scalars(as: Double.self) == [4, 9])
    }

    @Test func float32StaysFloat32AndAgreesWithFloat64() {
        let x = sampleArray([6, 4], seed: 21)
        var m64 = NDArray.zeros([4]), v64 = NDArray.ones([4])
        var m32 = NDArray.zeros([4], dtype: .float32), v32 = NDArray.ones([4], dtype: .float32)
        let gamma = sampleArray([4], seed: 22), beta = sampleArray([4], seed: 23)
        let y64 = batchNorm(Variable(x), Variable(gamma), Variable(beta), runningMean: &m64, runningVar: &v64)
        let y32 = batchNorm(Variable(x.astype(.float32)), Variable(gamma.astype(.float32)), Variable(beta.astype(.float32)),
                            runningMean: &m32, runningVar: &v32)
        #expect(y32.dtype == .float32 && m32.dtype == .float32 && v32.dtype == .float32)
        #expect(valuesAgree(y32.data.astype(.float64).scalars(as: Double.self), y64.scalars(as: Double.self), tolerance: 1e-5))
        #expect(valuesAgree(v32.astype(.float64).scalars(as: Double.self), v64.scalars(as: Double.self), tolerance: 1e-6))
    }

    @Test func noGradModeGivesTheSameValues() {
        let x = Variable(sampleArray([5, 3], seed: 30))
        let gamma = Variable(sampleArray([3], seed: 31)), beta = Variable(sampleArray([3], seed: 32))
        var m1 = NDArray.zeros([3]), v1 = NDArray.ones([3]), m2 = m1, v2 = v1
        let y1 = batchNorm(x, gamma, beta, runningMean: &m1, runningVar: &v1)
        let y2 = withNoGrad { batchNorm(x, gamma, beta, runningMean: &m2, runningVar: &v2) }
        #expect(y1.creator != nil && y2.creator == nil)
        #expect(y1.scalars(as: Double.self) == y2.scalars(as: Double.self))
        #expect(m1.scalars(as: Double.self) == m2.scalars(as: Double.self))
    }

    // MARK: Gradients

    /// `Σ w · batchNorm(x, γ, β)`, with fresh running statistics on every call.
    static func weightedBatchNorm(channels: Int, seed: Int) -> ([Variable]) -> Variable {
        { xs in
            var mean = NDArray.zeros([channels]), variance = NDArray.ones([channels])
            let y = batchNorm(xs[0], xs[1], xs[2], runningMean: &mean, runningVar: &variance)
            return y * sampleArray(y.shape, seed: seed)
        }
    }

    @Test(arguments: [[5, 3], [2, 3, 2, 2], [1, 2, 3, 1]])
    func trainingGradientsOfXGammaAndBeta(shape: [Int]) {
        let c = shape[1]
        let inputs = [sampleArray(shape, seed: 40), sampleArray([c], seed: 41, low: 0.5, high: 2), sampleArray([c], seed: 42)]
        let result = gradientCheck(Self.weightedBatchNorm(channels: c, seed: 43), inputs)
        #expect(result.passed, "\(result)")
    }

    @Test(arguments: [[5, 3], [2, 3, 2, 2]])
    func testModeGradientsOfXGammaAndBeta(shape: [Int]) {
        let c = shape[1]
        let inputs = [sampleArray(shape, seed: 50), sampleArray([c], seed: 51), sampleArray([c], seed: 52)]
        let runningMean = sampleArray([c], seed: 53), runningVar = sampleArray([c], seed: 54, low: 0.2, high: 3)
        let f: ([Variable]) -> Variable = { xs in
            var mean = runningMean, variance = runningVar
            let y = batchNorm(xs[0], xs[1], xs[2], runningMean: &mean, runningVar: &variance)
            return y * sampleArray(y.shape, seed: 55)
        }
        let result = withTestMode { gradientCheck(f, inputs) }
        #expect(result.passed, "\(result)")
    }

    @Test func testModeGradientsByHand() {
        // y = γ(x − μ)/√(σ² + ε) + β with constant μ, σ: ∂/∂x = w·γ/√(σ² + ε).
        let x = Variable(Self.x2), gamma = Variable([2.0, 3.0]), beta = Variable([0.5, -1.0])
        var mean = NDArray([1.0, 2.0]), variance = NDArray([4.0, 9.0])
        let y = withTestMode { batchNorm(x, gamma, beta, runningMean: &mean, runningVar: &variance, eps: 0) }
        sum(y * NDArray([[1, 2], [3, 4]] as [[Double]])).backward()
        // w·γ/σ = [[1·2/2, 2·3/3], [3·2/2, 4·3/3]].
        #expect(valuesAgree(x.grad!.scalars(as: Double.self), [1, 2, 3, 4]))
        // ∂/∂γ = Σ w·(x − μ)/σ: column 0 (1·0 + 3·2)/2, column 1 (2·0 + 4·4)/3.
        #expect(valuesAgree(gamma.grad!.scalars(as: Double.self), [3, 16.0 / 3]))
        #expect(valuesAgree(beta.grad!.scalars(as: Double.self), [4, 6]))
    }

    @Test func secondDerivativesInTraining() {
        // The createGraph backward recomputes the statistics from x as variables, so the
        // gradient of the gradient sees their dependence on x.
        let gamma = Variable(sampleArray([3], seed: 61)), beta = Variable(sampleArray([3], seed: 62))
        let f: (Variable) -> Variable = { x in
            var mean = NDArray.zeros([3]), variance = NDArray.ones([3])
            return batchNorm(x, gamma, beta, runningMean: &mean, runningVar: &variance)
        }
        for shape in [[4, 3], [2, 3, 2, 1]] {
            let result = gradientCheck(createGraphGradientOfCubed(f), sampleArray(shape, seed: 63))
            #expect(result.passed, "\(shape): \(result)")
        }
    }

    @Test func secondDerivativesInTestMode() {
        let gamma = Variable(sampleArray([3], seed: 64))
        let f: (Variable) -> Variable = { x in
            var mean = NDArray([0.5, -0.5, 1]), variance = NDArray([1.0, 2, 0.5])
            return batchNorm(x, gamma, Variable(NDArray.zeros([3])), runningMean: &mean, runningVar: &variance)
        }
        let result = withTestMode { gradientCheck(createGraphGradientOfCubed(f), sampleArray([4, 3], seed: 65)) }
        #expect(result.passed, "\(result)")
    }

    @Test(arguments: [[3, 2, 2, 3], [8, 2, 96, 96], [300, 700]])
    func kernelAndDifferentiableBackwardAgree(shape: [Int]) {
        // The plain backward uses the fused kernel, createGraph the variable operations.
        // The larger shapes are cut into chunks of samples summed on several threads.
        let xData = sampleArray(shape, seed: 70), w = sampleArray(shape, seed: 71)
        let c = shape[1]
        let gammaData = sampleArray([c], seed: 72), betaData = sampleArray([c], seed: 73)
        func gradients(createGraph: Bool) -> [[Double]] {
            let x = Variable(xData), gamma = Variable(gammaData), beta = Variable(betaData)
            var mean = NDArray.zeros([c]), variance = NDArray.ones([c])
            let y = batchNorm(x, gamma, beta, runningMean: &mean, runningVar: &variance)
            sum(y * w).backward(createGraph: createGraph)
            return [x, gamma, beta].map { $0.grad!.scalars(as: Double.self) }
        }
        let fast = gradients(createGraph: false), graph = gradients(createGraph: true)
        for (a, b) in zip(fast, graph) { #expect(valuesAgree(a, b, tolerance: 1e-9)) }
    }

    @Test func largeBatchStatisticsMatchArrayReductions() {
        // 8·3·80·80 elements: cut into chunks of samples whose sums are added in order.
        let x = sampleArray([8, 3, 80, 80], seed: 74)
        var mean = NDArray.zeros([3]), variance = NDArray.zeros([3])
        _ = batchNorm(Variable(x), Variable(NDArray.ones([3])), Variable(NDArray.zeros([3])),
                      runningMean: &mean, runningVar: &variance, decay: 0)
        let m = Double(8 * 80 * 80)
        let mu = x.mean(axes: [0, 2, 3], keepdims: true)
        let centred = x - mu
        let unbiased = (centred * centred).sum(axes: [0, 2, 3]) / (m - 1)
        #expect(valuesAgree(mean.scalars(as: Double.self), mu.scalars(as: Double.self), tolerance: 1e-12))
        #expect(valuesAgree(variance.scalars(as: Double.self), unbiased.scalars(as: Double.self), tolerance: 1e-12))
    }

    @Test func emptyBatchInTestMode() {
        var mean = NDArray.zeros([3]), variance = NDArray.ones([3])
        let x = Variable(NDArray.zeros([0, 3]))
        let y = withTestMode { batchNorm(x, Variable(NDArray.ones([3])), Variable(NDArray.zeros([3])),
                                         runningMean: &mean, runningVar: &variance) }
        #expect(y.shape == [0, 3])
        y.backward()
        #expect(x.grad!.shape == [0, 3])
    }
}
