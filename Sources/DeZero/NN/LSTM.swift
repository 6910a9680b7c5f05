/// A long short-term memory layer: DeZero's `L.LSTM`. Each call takes one time step `x` of
/// shape `(N, inSize)` and returns the new hidden state `h` of shape `(N, hiddenSize)`:
///
/// ```
/// f = σ(x2f(x) + h2f(h)),  i = σ(x2i(x) + h2i(h)),  o = σ(x2o(x) + h2o(h)),
/// u = tanh(x2u(x) + h2u(h)),  c = f·c_prev + i·u,  h = o·tanh(c)
/// ```
///
/// At the first step after ``resetState()`` the `h2*` terms and `f·c_prev` are left out. The
/// layer keeps `h` and `c` between calls; cut the graph with `loss.unchainBackward()` for
/// truncated backpropagation through time.
///
/// ```swift
/// let lstm = LSTM(hiddenSize: 100)
/// let h = lstm(x)           // (N, 100)
/// lstm.resetState()
/// ```
///
/// Keys as in DeZero: `x2f`, `x2i`, `x2o`, `x2u` (each `W` and `b`), `h2f`, `h2i`, `h2o`,
/// `h2u` (each `W` only).
public final class LSTM: Layer {
    /// Input to forget gate, `(inSize, hiddenSize)` plus bias; its input size may come from the first input.
    public let x2f: Linear
    /// Input to input gate, `(inSize, hiddenSize)` plus bias; its input size may come from the first input.
    public let x2i: Linear
    /// Input to output gate, `(inSize, hiddenSize)` plus bias; its input size may come from the first input.
    public let x2o: Linear
    /// Input to cell update, `(inSize, hiddenSize)` plus bias; its input size may come from the first input.
    public let x2u: Linear
    /// Hidden state to forget gate, `(hiddenSize, hiddenSize)`, no bias.
    public let h2f: Linear
    /// Hidden state to input gate, `(hiddenSize, hiddenSize)`, no bias.
    public let h2i: Linear
    /// Hidden state to output gate, `(hiddenSize, hiddenSize)`, no bias.
    public let h2o: Linear
    /// Hidden state to cell update, `(hiddenSize, hiddenSize)`, no bias.
    public let h2u: Linear
    /// The hidden state after the last call; `nil` before the first step of a sequence.
    public private(set) var h: Variable?
    /// The memory cell after the last call; `nil` before the first step of a sequence.
    public private(set) var c: Variable?

    /// - Parameters:
    ///   - hiddenSize: features of the hidden state and the cell.
    ///   - inSize: features of the input; `nil` to take them from the first input.
    ///   - dtype: `.float32` or `.float64`.
    public init(hiddenSize: Int, inSize: Int? = nil, dtype: DType = .float32) {
        func fromInput() -> Linear { Linear(outSize: hiddenSize, dtype: dtype, inSize: inSize) }
        func fromHidden() -> Linear { Linear(outSize: hiddenSize, nobias: true, dtype: dtype, inSize: hiddenSize) }
        (x2f, x2i, x2o, x2u) = (fromInput(), fromInput(), fromInput(), fromInput())
        (h2f, h2i, h2o, h2u) = (fromHidden(), fromHidden(), fromHidden(), fromHidden())
        super.init()
    }

    /// Forgets the hidden state and the cell: the next call starts a new sequence.
    public func resetState() {
        h = nil
        c = nil
    }

    public override func forward(_ x: Variable) -> Variable {
        let f: Variable, i: Variable, o: Variable, u: Variable
        if let h {
            f = sigmoid(x2f(x) + h2f(h))
            i = sigmoid(x2i(x) + h2i(h))
            o = sigmoid(x2o(x) + h2o(h))
            u = tanh(x2u(x) + h2u(h))
        } else {
            f = sigmoid(x2f(x))
            i = sigmoid(x2i(x))
            o = sigmoid(x2o(x))
            u = tanh(x2u(x))
        }
        let cNew = if let c { f * c + i * u } else { i * u }
        let hNew = o * tanh(cNew)
        (h, c) = (hNew, cNew)
        return hNew
    }
}
