import Testing
import Foundation
import DeZero

@Suite("RNN and LSTM layers")
struct RecurrentLayerTests {
    static func sigma(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
    static func scalar(_ v: Double) -> Variable { Variable(NDArray([[v]] as [[Double]])) }

    // MARK: RNN

    @Test func rnnKeysAndShapes() {
        let rnn = withRandomSource(seed: 0) { RNN(hiddenSize: 4) }
        #expect(rnn.namedParams.map(\.key) == ["x2h/W", "x2h/b", "h2h/W"])
        let h = rnn(Variable(NDArray.ones([3, 5], dtype: .float32)))
        #expect(h.shape == [3, 4] && h.dtype == .float32)
        #expect(rnn.x2h.W.shape == [5, 4] && rnn.x2h.b!.shape == [4])
        #expect(rnn.h2h.W.shape == [4, 4] && rnn.h2h.b == nil)
        #expect(rnn(Variable(NDArray.ones([3, 5], dtype: .float32))).shape == [3, 4])
    }

    /// A one-unit float64 RNN with weights chosen by hand.
    static func handRNN() -> RNN {
        let rnn = RNN(hiddenSize: 1, inSize: 1, dtype: .float64)
        rnn.x2h.W.data = NDArray([[0.5]] as [[Double]])
        rnn.x2h.b!.data = NDArray([0.1])
        rnn.h2h.W.data = NDArray([[-0.3]] as [[Double]])
        return rnn
    }

    @Test func rnnStepsByHandAndResetState() {
        let rnn = Self.handRNN()
        let h1 = rnn(Self.scalar(1)).item()
        #expect(abs(h1 - Foundation.tanh(0.6)) < 1e-15)
        let h2 = rnn(Self.scalar(2)).item()
        #expect(abs(h2 - Foundation.tanh(1.1 - 0.3 * h1)) < 1e-15)
        #expect(rnn.h != nil)
        rnn.resetState()
        #expect(rnn.h == nil)
        // After the reset, step 2's input is a first step: no h2h term.
        #expect(abs(rnn(Self.scalar(2)).item() - Foundation.tanh(1.1)) < 1e-15)
    }

    /// `Σ w · h_T` after feeding `xs` in order from a fresh state.
    static func unrolled(_ layer: Layer, reset: @escaping () -> Void) -> ([Variable]) -> Variable {
        { xs in
            reset()
            var h = xs[0]
            for x in xs { h = layer(x) }
            return h * sampleArray(h.shape, seed: 7)
        }
    }

    @Test func rnnGradientsThroughTimeForTheInputs() {
        let rnn = withRandomSource(seed: 2) { RNN(hiddenSize: 3, inSize: 2, dtype: .float64) }
        let xs = (0..<3).map { sampleArray([2, 2], seed: 10 + $0) }
        let result = gradientCheck(Self.unrolled(rnn, reset: rnn.resetState), xs)
        #expect(result.passed, "\(result)")
    }

    /// Backprop's gradient of `loss` for parameter `p` against central differences.
    static func checkParameterGradient(_ p: Parameter, of loss: @escaping () -> Variable) -> RecurrentParameterCheck {
        let original = p.data
        p.clearGrad()
        loss().backward()
        let backprop = p.grad!.data
        let numerical = numericalGradient({ xs in
            p.data = xs[0].data
            return loss()
        }, [original])[0]
        p.data = original
        let close = zip(backprop.scalars(as: Double.self), numerical.scalars(as: Double.self))
            .allSatisfy { abs($0 - $1) <= 1e-6 + 1e-5 * abs($1) }
        return RecurrentParameterCheck(passed: close, backprop: backprop, numerical: numerical)
    }

    @Test func rnnRecurrentWeightGetsTheGradientOfEveryStep() {
        let rnn = withRandomSource(seed: 3) { RNN(hiddenSize: 3, inSize: 2, dtype: .float64) }
        let xs = (0..<4).map { Variable(sampleArray([2, 2], seed: 20 + $0)) }
        let loss = { Self.unrolled(rnn, reset: rnn.resetState)(xs).sum() }
        for p in rnn.params {
            let result = Self.checkParameterGradient(p, of: loss)
            #expect(result.passed, "\(p.name ?? "?"): \(result)")
        }
    }

    @Test func unchainBackwardCutsTheGraphThroughTime() {
        func run(unchain: Bool) -> (Variable, Variable, Variable) {
            let rnn = withRandomSource(seed: 4) { RNN(hiddenSize: 2, inSize: 2, dtype: .float64) }
            let (x1, x2, x3) = (Variable(sampleArray([1, 2], seed: 1)), Variable(sampleArray([1, 2], seed: 2)),
                                Variable(sampleArray([1, 2], seed: 3)))
            _ = rnn(x1)
            let loss = sum(rnn(x2))
            loss.backward()
            if unchain { loss.unchainBackward() }
            for x in [x1, x2] { x.clearGrad() }
            sum(rnn(x3)).backward()
            return (x1, x2, x3)
        }
        let (x1, x2, x3) = run(unchain: true)
        #expect(x3.grad != nil)
        #expect(x1.grad == nil && x2.grad == nil)
        // Without the cut, the second backward reaches the earlier steps.
        let (y1, y2, _) = run(unchain: false)
        #expect(y1.grad != nil && y2.grad != nil)
    }

    // MARK: LSTM

    @Test func lstmKeysAndShapes() {
        let lstm = withRandomSource(seed: 0) { LSTM(hiddenSize: 4) }
        #expect(lstm.namedParams.map(\.key) == ["x2f/W", "x2f/b", "x2i/W", "x2i/b", "x2o/W", "x2o/b", "x2u/W", "x2u/b",
                                                "h2f/W", "h2i/W", "h2o/W", "h2u/W"])
        let h = lstm(Variable(NDArray.ones([3, 5], dtype: .float32)))
        #expect(h.shape == [3, 4] && lstm.c!.shape == [3, 4])
        for layer in [lstm.x2f, lstm.x2i, lstm.x2o, lstm.x2u] { #expect(layer.W.shape == [5, 4]) }
        for layer in [lstm.h2f, lstm.h2i, lstm.h2o, lstm.h2u] { #expect(layer.W.shape == [4, 4] && layer.b == nil) }
        #expect(lstm(Variable(NDArray.ones([3, 5], dtype: .float32))).shape == [3, 4])
    }

    @Test func lstmStepsByHandAndResetState() {
        let lstm = LSTM(hiddenSize: 1, inSize: 1, dtype: .float64)
        let weights: [(Linear, Double, Double?)] = [
            (lstm.x2f, 0.1, 0.2), (lstm.x2i, 0.3, -0.1), (lstm.x2o, 0.5, 0), (lstm.x2u, -0.4, 0.3),
            (lstm.h2f, 0.6, nil), (lstm.h2i, -0.2, nil), (lstm.h2o, 0.7, nil), (lstm.h2u, 0.9, nil),
        ]
        for (layer, w, b) in weights {
            layer.W.data = NDArray([[w]] as [[Double]])
            if let b { layer.b!.data = NDArray([b]) }
        }
        // Step 1 (x = 1): no forget gate, no recurrent terms.
        let (i1, o1, u1) = (Self.sigma(0.2), Self.sigma(0.5), Foundation.tanh(-0.1))
        let c1 = i1 * u1, h1 = o1 * Foundation.tanh(c1)
        #expect(abs(lstm(Self.scalar(1)).item() - h1) < 1e-15)
        #expect(abs(lstm.c!.item() - c1) < 1e-15)
        // Step 2 (x = −1).
        let f2 = Self.sigma(-0.1 + 0.2 + 0.6 * h1), i2 = Self.sigma(-0.3 - 0.1 - 0.2 * h1)
        let o2 = Self.sigma(-0.5 + 0.7 * h1), u2 = Foundation.tanh(0.4 + 0.3 + 0.9 * h1)
        let c2 = f2 * c1 + i2 * u2
        #expect(abs(lstm(Self.scalar(-1)).item() - o2 * Foundation.tanh(c2)) < 1e-15)
        lstm.resetState()
        #expect(lstm.h == nil && lstm.c == nil)
        #expect(abs(lstm(Self.scalar(1)).item() - h1) < 1e-15)
    }

    @Test func lstmGradientsThroughTime() {
        let lstm = withRandomSource(seed: 5) { LSTM(hiddenSize: 3, inSize: 2, dtype: .float64) }
        let xs = (0..<3).map { sampleArray([2, 2], seed: 30 + $0) }
        let result = gradientCheck(Self.unrolled(lstm, reset: lstm.resetState), xs)
        #expect(result.passed, "\(result)")
        let vars = xs.map { Variable($0) }
        let loss = { Self.unrolled(lstm, reset: lstm.resetState)(vars).sum() }
        for p in [lstm.h2f.W, lstm.h2u.W, lstm.x2f.b!, lstm.x2o.W] {
            let check = Self.checkParameterGradient(p, of: loss)
            #expect(check.passed, "\(check)")
        }
    }
}

/// A parameter's gradient by backprop and by central differences.
struct RecurrentParameterCheck: CustomStringConvertible {
    let passed: Bool
    let backprop: NDArray
    let numerical: NDArray
    var description: String { "backprop \(backprop), numerical \(numerical)" }
}
