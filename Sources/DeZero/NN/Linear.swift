/// A fully connected layer, `y = x·W + b` (DeZero's `L.Linear`).
///
/// `W` has shape `(inSize, outSize)` and starts as normal(0, 1) · √(1 / inSize), as in DeZero;
/// `b` has shape `(outSize,)` and starts at zero. Leave `inSize` out and the layer takes it
/// from the last dimension of the first input, creating `W` then — as DeZero does.
///
/// ```swift
/// let layer = Linear(outSize: 10)                              // float32, input size unknown
/// let y = layer(Variable(NDArray.ones([5, 3], dtype: .float32)))  // W is now (3, 10)
/// y.shape                                                      // [5, 10]
/// ```
///
/// Until it is created, `W` exists (so its key `W` is known) but holds an empty array, like
/// DeZero's `Parameter(None)`. Assigning `W.data` before the first forward (as loading weights
/// does) creates it with that shape instead. The random numbers come from the
/// ``RandomSource`` current when the layer was made (``withRandomSource(_:_:)``), or from the
/// library-wide generator.
public final class Linear: Layer {
    /// Output features.
    public let outSize: Int
    /// Element type of the weights.
    public let dtype: DType
    /// The weight, `(inSize, outSize)` once created.
    public let W: Parameter
    /// The bias, `(outSize,)`; `nil` with `nobias`.
    public let b: Parameter?
    /// Creates `W` when the input size is known, from the source current at `init`.
    private let weight: LazyWeight

    /// - Parameters:
    ///   - outSize: output features.
    ///   - nobias: leave out the bias.
    ///   - dtype: `.float32` or `.float64`.
    ///   - inSize: input features; `nil` to take them from the first input.
    public init(outSize: Int, nobias: Bool = false, dtype: DType = .float32, inSize: Int? = nil) {
        dezeroCheck(outSize >= 0, "Linear: outSize must be non-negative, got \(outSize)")
        self.outSize = outSize
        self.dtype = dtype
        // DeZero's `_init_W`: normal(0, 1) scaled by √(1 / inSize).
        weight = LazyWeight(layer: "Linear", inputName: "inSize", dtype: dtype, inputAxis: 0, inputSize: inSize) {
            (shape: [$0, outSize], start: .scaledNormal(fanIn: $0))
        }
        W = weight.parameter
        b = LazyWeight.bias(size: outSize, dtype: dtype, nobias: nobias)
        super.init()
    }

    /// Input features: `nil` until `W` is created.
    public var inSize: Int? { weight.inputSize }

    /// `x·W + b` over the last axis of `x`, creating `W` from that axis's size at the first call.
    public override func forward(_ x: Variable) -> Variable {
        dezeroCheck(x.ndim >= 1, "Linear: input must have a feature dimension, got shape \(shapeDescription(x.shape))")
        let features = x.shape[x.ndim - 1]
        weight.createIfNeeded(inputSize: features)
        dezeroCheck(features == W.shape[0],
                    "Linear: input of shape \(shapeDescription(x.shape)) has \(features) features, but W has shape \(shapeDescription(W.shape))")
        return linear(x, W, b)
    }
}
