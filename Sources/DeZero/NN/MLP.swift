/// A multi-layer perceptron: ``Linear`` layers with an activation between them (none after the
/// last), DeZero's `MLP`. The layers' keys are `l0`, `l1`, … as in DeZero.
///
/// ```swift
/// let model = MLP([10, 1])                      // sigmoid between the layers
/// let net = MLP([100, 100, 10], activation: relu)
/// let y = model(x)                              // l1(sigmoid(l0(x)))
/// ```
public final class MLP: Model {
    /// The layers; `sizes[i]` is the output size of `layers[i]`.
    public let layers: [Linear]
    /// Applied after every layer but the last.
    public let activation: (Variable) -> Variable

    /// - Parameters:
    ///   - sizes: the output size of each layer (DeZero's `fc_output_sizes`); input sizes are
    ///     taken from the data.
    ///   - activation: the function between layers.
    ///   - dtype: the weights' element type.
    public init(_ sizes: [Int], activation: @escaping (Variable) -> Variable = sigmoid,
                dtype: DType = .float32) {
        dezeroCheck(!sizes.isEmpty, "MLP: needs at least one layer size")
        layers = sizes.map { Linear(outSize: $0, dtype: dtype) }
        self.activation = activation
        super.init()
    }

    public override func forward(_ x: Variable) -> Variable {
        var y = x
        for layer in layers.dropLast() { y = activation(layer(y)) }
        return layers[layers.count - 1](y)
    }

    public override func key(forProperty name: String, elementPath: [String]) -> String {
        if name == "layers", elementPath.count == 1 { return "l" + elementPath[0] }
        return super.key(forProperty: name, elementPath: elementPath)
    }
}
