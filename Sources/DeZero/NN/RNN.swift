/// An Elman recurrent layer: DeZero's `L.RNN`. Each call takes one time step `x` of shape
/// `(N, inSize)` and returns the new hidden state `h` of shape `(N, hiddenSize)`:
/// `h = tanh(x2h(x) + h2h(h_prev))`, or `tanh(x2h(x))` at the first step after
/// ``resetState()``. The layer keeps `h` between calls, so feeding a sequence one step at a
/// time builds the graph through time; cut it with `loss.unchainBackward()` for truncated
/// backpropagation.
///
/// ```swift
/// let rnn = RNN(hiddenSize: 10)
/// let h1 = rnn(x0)          // (N, 10)
/// let h2 = rnn(x1)          // depends on h1
/// rnn.resetState()          // the next call starts a new sequence
/// ```
///
/// Keys as in DeZero: `x2h/W`, `x2h/b`, `h2h/W` (`h2h` has no bias).
public final class RNN: Layer {
    /// Input to hidden, `(inSize, hiddenSize)` plus bias; its input size may come from the first input.
    public let x2h: Linear
    /// Hidden to hidden, `(hiddenSize, hiddenSize)`, no bias.
    public let h2h: Linear
    /// The hidden state after the last call; `nil` before the first step of a sequence.
    public private(set) var h: Variable?

    /// - Parameters:
    ///   - hiddenSize: features of the hidden state.
    ///   - inSize: features of the input; `nil` to take them from the first input.
    ///   - dtype: `.float32` or `.float64`.
    public init(hiddenSize: Int, inSize: Int? = nil, dtype: DType = .float32) {
        x2h = Linear(outSize: hiddenSize, dtype: dtype, inSize: inSize)
        // DeZero passes in_size here too (a slip: h2h's input is the hidden state); the size
        // that fits is hiddenSize, so the weight is made at once. Except with a NumPy source
        // and no inSize: DeZero's h2h then waits for its first input (the second step) and
        // draws its weights after x2h's, and so does this one, to draw in DeZero's order.
        let drawLikeDeZero = inSize == nil && RandomSource.currentNumPy != nil
        h2h = Linear(outSize: hiddenSize, nobias: true, dtype: dtype, inSize: drawLikeDeZero ? nil : hiddenSize)
        super.init()
    }

    /// Forgets the hidden state: the next call starts a new sequence.
    public func resetState() { h = nil }

    public override func forward(_ x: Variable) -> Variable {
        let hNew = if let h { tanh(x2h(x) + h2h(h)) } else { tanh(x2h(x)) }
        h = hNew
        return hNew
    }
}
