/// The weight of a layer that may learn its input size only at its first call — DeZero's
/// `Parameter(None)`, filled in by the layer's `_init_W` — written once for ``Linear``,
/// ``Conv2d``, ``Deconv2d`` and ``EmbedID``. Each layer states only the weight's shape for a
/// given input size and how it starts (``Start``); this type does the rest the same way for all:
///
/// - The parameter exists from the start, so its key (`W`) is known before the first call. Until
///   it is created it holds an empty `(0,)` array; assigning it data of the right shape before
///   then (as ``Layer/loadWeights(from:)`` does) creates it with that shape instead.
/// - The ``RandomSource`` current when the layer is made is captured here and drawn from when
///   the weight is created, however much later that is (`RandomSource.draw(from:_:)`).
/// - The dtype and the input size are checked, with messages that name the layer.
///
/// A layer keeps the parameter in a stored `Parameter` property as well (discovery finds
/// parameters there, and this type, holding no `Parameter`-typed property, is skipped).
final class LazyWeight {
    /// How a weight starts, drawn from the captured source.
    enum Start {
        /// normal(0, 1) · √(1 / fanIn): DeZero's `randn(…).astype(dtype) * np.sqrt(1 / fan_in)`.
        case scaledNormal(fanIn: Int)
        /// normal(0, 1): DeZero's `randn(…).astype(dtype)`.
        case standardNormal
    }

    /// The weight; the layer's `W`.
    let parameter: Parameter
    /// The layer's name and the name of its input size, for messages (`Linear`, `inSize`).
    private let layer: String, inputName: String
    /// The axis of the weight's shape that holds the input size, and the weight's rank.
    private let inputAxis: Int, rank: Int
    private let dtype: DType
    /// The shape and the start for a given input size.
    private let layout: (_ inputSize: Int) -> (shape: [Int], start: Start)
    /// Where the random numbers come from, until they are drawn.
    private var source: RandomSource?

    /// - Parameters:
    ///   - layer: the layer's name, for messages.
    ///   - inputName: the name of the input size in the layer's API, for messages.
    ///   - inputAxis: the axis of the shape that `layout` puts the input size on.
    ///   - inputSize: the input size when known now (the weight is drawn at once), else `nil`.
    ///   - layout: the shape and start of the weight for an input size.
    init(layer: String, inputName: String, dtype: DType, inputAxis: Int, inputSize: Int?,
         layout: @escaping (_ inputSize: Int) -> (shape: [Int], start: Start)) {
        dezeroCheck(dtype.isFloatingPoint, "\(layer): dtype must be float32 or float64, not \(dtype)")
        self.layer = layer
        self.inputName = inputName
        self.dtype = dtype
        self.inputAxis = inputAxis
        self.layout = layout
        rank = layout(1).shape.count
        parameter = Parameter(NDArray.zeros([0], dtype: dtype), name: "W")
        source = RandomSource.current
        if let inputSize { create(inputSize: inputSize) }
    }

    /// The input size: `nil` until the weight is created (or given data of its rank).
    var inputSize: Int? { parameter.ndim == rank ? parameter.shape[inputAxis] : nil }

    /// Creates the weight for `inputSize` unless it exists; called at each forward pass.
    func createIfNeeded(inputSize: Int) {
        if self.inputSize == nil { create(inputSize: inputSize) }
    }

    /// Draws the weight from the captured source (or the one current now, or the library-wide
    /// generator), then lets the source go.
    private func create(inputSize: Int) {
        dezeroCheck(inputSize > 0, "\(layer): \(inputName) must be positive, got \(inputSize)")
        let (shape, start) = layout(inputSize), dtype = dtype
        parameter.data = RandomSource.draw(from: source) { engine in
            switch start {
            case .scaledNormal(let fanIn):
                engine.initialWeights(shape, scale: (1.0 / Double(fanIn)).squareRoot(), dtype: dtype)
            case .standardNormal:
                engine.standardNormals(shape, dtype: dtype)
            }
        }
        source = nil
    }

    /// A layer's bias: zeros of shape `(size,)`, or `nil` with `nobias` (DeZero's spelling).
    static func bias(size: Int, dtype: DType, nobias: Bool) -> Parameter? {
        nobias ? nil : Parameter(NDArray.zeros([size], dtype: dtype), name: "b")
    }
}
