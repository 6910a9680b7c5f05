import Foundation
import Testing
import DeZero

// The code of the DocC articles (Sources/DeZero/DeZero.docc), run and checked: each test holds
// an article's examples as the article prints them, so an example that stops compiling or
// stops giving the printed result fails here. Keep the two in step when editing either.

@Suite struct DocumentationExamplesTests {
    // The articles' types, nested so that their names (`Cube`, …) do not clash with other tests'.

    /// `Cube` of "Writing a custom Function": y = x³.
    final class Cube: UnaryFunction {
        override func forward(_ x: NDArray) -> NDArray { x * x * x }
        override func backward(_ gy: Variable) -> Variable {
            let x = input
            return gy * 3 * x * x
        }
    }

    func cube(_ x: Variable) -> Variable { Cube()(x) }

    /// `Hypot` of "Writing a custom Function": y = √(a² + b²).
    final class Hypot: BinaryFunction {
        override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { sqrt(a * a + b * b) }
        override func backward(_ gy: Variable) -> (Variable?, Variable?) {
            let a = input0, b = input1
            let y = output!
            return (sumTo(gy * a / y, shape: a.shape), sumTo(gy * b / y, shape: b.shape))
        }
    }

    /// `SumAndDifference` of "Writing a custom Function": two inputs, two outputs.
    final class SumAndDifference: Function {
        override func forward(_ xs: [NDArray]) -> [NDArray] { [xs[0] + xs[1], xs[0] - xs[1]] }
        override func backward(_ gys: [Variable]) -> [Variable?] { [gys[0] + gys[1], gys[0] - gys[1]] }
    }

    /// `Affine` of "Layers and parameters".
    final class Affine: Layer {
        let W = Parameter(NDArray.ones([3, 2], dtype: .float32), name: "W")
        let b = Parameter(NDArray.zeros([2], dtype: .float32), name: "b")
        override func forward(_ x: Variable) -> Variable { linear(x, W, b) }
    }

    /// `TwoLayerNet` of "Layers and parameters".
    final class TwoLayerNet: Model {
        let l1 = Linear(outSize: 10)
        let l2 = Linear(outSize: 1)
        override func forward(_ x: Variable) -> Variable { l2(sigmoid(l1(x))) }
    }

    /// `Residual` of "Layers and parameters": sublayers in an array.
    final class Residual: Model {
        let blocks = [Linear(outSize: 4), Linear(outSize: 4)]
        override func forward(_ x: Variable) -> Variable {
            blocks.reduce(x) { y, block in y + relu(block(y)) }
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dezero-docs-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: DeZero.md and Getting started

    @Test func stepSevenOnTheLandingPage() {
        let x = Variable(0.5)
        let y = square(exp(square(x)))        // y = (e^(x²))²
        y.backward()
        #expect("\(x.grad!)" == "variable(3.297442541400256)")
        #expect(x.grad!.item() == 3.297442541400256)
    }

    @Test func gettingStartedArraysAndSecondDerivatives() {
        let x = Variable([1.0, 2.0, 3.0])
        let y = sum(x * x)
        y.backward()
        #expect("\(x.grad!)" == "variable([2. 4. 6.])")

        let z = Variable(2.0)
        let w = z ** 4 - 2 * z ** 2
        w.backward(createGraph: true)
        let gz = z.grad!                      // 4z³ − 4z = 24
        z.clearGrad()
        gz.backward()
        #expect("\(gz)" == "variable(24.0)")
        #expect("\(z.grad!)" == "variable(44.0)")   // 12z² − 4
    }

    @Test func gettingStartedTrainsAnMLPOnDigits() {
        let trainSet = Digits()                     // 1,500 8×8 digits, 64 features each
        let testSet = Digits(train: false)          // 297 more, for testing
        let loader = DataLoader(trainSet, batchSize: 100, seed: 0)

        let model = withRandomSource(seed: 0) { MLP([100, 10], activation: relu) }
        let optimizer = Adam(lr: 0.01).setup(model)

        var losses: [Double] = []
        for _ in 1...10 {
            var totalLoss = 0.0
            for (x, t) in loader.nextEpoch() {      // one epoch: 15 batches
                let loss = softmaxCrossEntropy(model(x), Variable(t))
                model.clearGrads()
                loss.backward()
                optimizer.update()
                totalLoss += loss.item() * Double(t.shape[0])
            }
            losses.append(totalLoss / Double(trainSet.count))
        }

        let testAccuracy = withNoGrad {
            accuracy(model(testSet.data), Variable(testSet.label)).item()
        }
        // The article says the loss falls from above 1 to below 0.1, and the test accuracy
        // passes 90 % (measured: 1.34 → 0.044, 92.3 %).
        #expect(losses[0] > 1, "\(losses)")
        #expect(losses[9] < 0.1, "\(losses)")
        #expect(testAccuracy > 0.9, "test accuracy \(testAccuracy)")
    }

    // MARK: Writing a custom Function

    @Test func customUnaryFunctionAndItsSecondDerivative() {
        let x = Variable(3.0)
        let y = cube(x)
        y.backward(createGraph: true)
        #expect("\(y)" == "variable(27.0)")
        let gx = x.grad!                      // 3x² = 27
        #expect("\(gx)" == "variable(27.0)")
        x.clearGrad()
        gx.backward()
        #expect("\(x.grad!)" == "variable(18.0)")   // 6x
    }

    @Test func customFunctionsPassTheGradientCheck() {
        let result = gradientCheck(cube, NDArray([0.5, -1.0, 2.0]))
        #expect(result.passed, "\(result)")

        let hypot = gradientCheck({ Hypot()($0[0], $0[1]) },
                                  [NDArray([3.0, 1.0, 2.0, -4.0], shape: [2, 2]), NDArray([4.0, 2.0])])
        #expect(hypot.passed, "\(hypot)")

        let pair = gradientCheck({ xs in
            let ys = SumAndDifference()(xs[0], xs[1])
            return ys[0] * ys[1]              // (a + b)(a − b) = a² − b²
        }, [NDArray([1.5, -2.0]), NDArray([0.5, 3.0])])
        #expect(pair.passed, "\(pair)")
    }

    @Test func aWrongBackwardFailsTheGradientCheck() {
        final class WrongCube: UnaryFunction {
            override func forward(_ x: NDArray) -> NDArray { x * x * x }
            override func backward(_ gy: Variable) -> Variable { gy * 2 * input * input }
        }
        let result = gradientCheck({ WrongCube()($0) }, NDArray([0.5, -1.0, 2.0]))
        #expect(!result.passed)
        #expect(result.failures.count == 3)
    }

    @Test func hypotValueAndGradients() {
        let a = Variable(3.0), b = Variable(4.0)
        let y = Hypot()(a, b)
        y.backward()
        #expect("\(y)" == "variable(5.0)")
        #expect("\(a.grad!)" == "variable(0.6)")
        #expect("\(b.grad!)" == "variable(0.8)")
    }

    // MARK: Layers and parameters

    @Test func aLayerFindsItsParameters() {
        let layer = Affine()
        let y = layer(Variable(NDArray.ones([4, 3], dtype: .float32)))
        #expect(y.shape == [4, 2])
        #expect(layer.params.count == 2)
        #expect(layer.namedParams.map(\.key) == ["W", "b"])
    }

    @Test func aModelsParametersAreCreatedAtTheFirstCall() {
        let model = TwoLayerNet()
        #expect(model.namedParams.map(\.key) == ["l1/W", "l1/b", "l2/W", "l2/b"])
        #expect(model.l1.W.shape == [0])        // not created yet
        #expect(model.l1.inSize == nil)
        let y = model(Variable(NDArray.zeros([5, 3], dtype: .float32)))
        #expect(y.shape == [5, 1])
        #expect(model.l1.W.shape == [3, 10])
        #expect(model.l1.inSize == 3)
    }

    @Test func arraysOfLayersAndMLPAndSequentialKeys() {
        let residual = Residual()
        _ = residual(Variable(NDArray.ones([2, 4], dtype: .float32)))
        #expect(residual.namedParams.map(\.key) == ["blocks/0/W", "blocks/0/b", "blocks/1/W", "blocks/1/b"])

        let mlp = MLP([100, 10], activation: relu)
        #expect(mlp.namedParams.map(\.key) == ["l0/W", "l0/b", "l1/W", "l1/b"])
        let sequential = Sequential(Linear(outSize: 100), Linear(outSize: 10))
        #expect(sequential.namedParams.map(\.key) == ["l0/W", "l0/b", "l1/W", "l1/b"])
        #expect(sequential(Variable(NDArray.zeros([2, 64], dtype: .float32))).shape == [2, 10])
    }

    @Test func clearGradsAndAHandWrittenUpdate() {
        let model = withRandomSource(seed: 1) { TwoLayerNet() }
        let x = Variable(NDArray.ones([4, 3], dtype: .float32))
        let t = Variable(NDArray.zeros([4, 1], dtype: .float32))
        let before = meanSquaredError(model(x), t).item()
        for _ in 0..<20 {
            let loss = meanSquaredError(model(x), t)
            model.clearGrads()
            loss.backward()
            for p in model.params { p.data -= 0.1 * p.grad!.data }
        }
        let after = meanSquaredError(model(x), t).item()
        #expect(after < before / 10, "loss \(before) → \(after)")
    }

    // MARK: Saving and loading weights

    @Test func saveLoadRoundTripAndStrictLoading() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }

        let model = MLP([100, 10])
        _ = model(Variable(NDArray.zeros([1, 64], dtype: .float32)))   // creates the weights
        let url = folder.appendingPathComponent("mlp.safetensors")   // the article: the current folder
        try model.saveWeights(to: url, metadata: ["model": "mlp 64-100-10"])

        let copy = MLP([100, 10])
        try copy.loadWeights(from: url)                                 // takes the file's shapes
        #expect(copy.layers[0].W.shape == [64, 100])
        for (a, b) in zip(model.params, copy.params) {
            #expect(a.data == b.data)
        }

        let (tensors, metadata) = try Safetensors.read(from: url)
        #expect(metadata["model"] == "mlp 64-100-10")
        #expect(tensors.keys.sorted() == ["l0/W", "l0/b", "l1/W", "l1/b"])

        let npz = folder.appendingPathComponent("mlp.npz")
        try model.saveWeights(to: npz)
        #expect(try NPZ.read(from: npz)["l1/b"]?.shape == [10])

        let wrong = MLP([50, 10])
        let error = #expect(throws: WeightFileError.self) { try wrong.loadWeights(from: url) }
        guard case let .mismatch(_, missing, unexpected, wrongShape)? = error else {
            Issue.record("expected a mismatch, got \(String(describing: error))")
            return
        }
        #expect(missing.isEmpty && unexpected.isEmpty)
        #expect(wrongShape == ["l0/b: file has shape (100,), the model (50,)"])
        #expect(String(describing: error!).hasSuffix(
            "mlp.safetensors: weights do not fit the model: l0/b: file has shape (100,), the model (50,); nothing was loaded"))
        #expect(wrong.layers[0].W.shape == [0], "a failed load changes nothing")

        #expect(throws: WeightFileError.self) {
            try model.saveWeights(to: folder.appendingPathComponent("mlp.pt"))
        }
    }

    // MARK: The book's names next to the Swift API

    @Test func bookNamesInSwift() {
        let x = Variable(NDArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], shape: [2, 3]))
        #expect(x.reshape(3, 2).shape == [3, 2])
        #expect("\(x.sum(axis: 0, keepdims: true))" == "variable([[5. 7. 9.]])")
        #expect("\(x[.all, .int(1)])" == "variable([2. 5.])")
        let y = withNoGrad { square(x) }
        #expect(y.creator == nil)
        // Other rows of the article's tables.
        #expect(x.T.shape == [3, 2])
        #expect(x[1].scalars(as: Double.self) == [4, 5, 6])
        #expect(max(x, axis: 1).scalars(as: Double.self) == [3, 6])
        #expect(sumTo(broadcastTo(Variable([1.0, 2.0, 3.0]), shape: [2, 3]), shape: [1, 3]).shape == [1, 3])
        #expect(Variable(0.25).item() == 0.25)
        let model = MLP([10, 1])
        let optimizer = Adam(lr: 0.001).setup(model)
        optimizer.addHook(WeightDecay(rate: 1e-4))
        #expect(Linear(outSize: 10, nobias: true, inSize: 3).b == nil)
        #expect(EmbedID(inSize: 1000, outSize: 50).W.shape == [1000, 50])
    }
}
