/// A table of learned vectors, one row per id: DeZero's `L.EmbedID`. `W` has shape
/// `(inSize, outSize)` and starts as normal(0, 1), as in DeZero; the layer maps int64 ids of
/// any shape to their rows (``embedID(_:_:)``).
///
/// ```swift
/// let embed = EmbedID(inSize: 1000, outSize: 64)        // vocabulary of 1000, 64 features
/// let y = embed(Variable(NDArray([3, 14, 3], shape: [3])))   // shape [3, 64]
/// ```
///
/// The random numbers come from the ``RandomSource`` current when the layer is made
/// (``withRandomSource(_:_:)``), else from the library-wide generator.
public final class EmbedID: Layer {
    /// The embedding table, `(inSize, outSize)`.
    public let W: Parameter

    /// - Parameters:
    ///   - inSize: the number of ids (rows of the table).
    ///   - outSize: the length of each vector.
    ///   - dtype: `.float32` or `.float64`.
    public init(inSize: Int, outSize: Int, dtype: DType = .float32) {
        dezeroCheck(inSize > 0 && outSize >= 0, "EmbedID: need inSize > 0 and outSize >= 0, got \(inSize) and \(outSize)")
        // The size is known, so the table is drawn at once; the helper supplies the source.
        W = LazyWeight(layer: "EmbedID", inputName: "inSize", dtype: dtype, inputAxis: 0, inputSize: inSize) {
            (shape: [$0, outSize], start: .standardNormal)
        }.parameter
        super.init()
    }

    /// The rows of `W` at the ids in `x` (``embedID(_:_:)``).
    public override func forward(_ x: Variable) -> Variable { embedID(x, W) }
}
