/// Layers applied one after another: DeZero's `Sequential`. The layers' keys are `l0`,
/// `l1`, … as in DeZero.
///
/// ```swift
/// let model = Sequential(Linear(outSize: 100), Linear(outSize: 10))
/// let y = model(x)                   // l1(l0(x))
/// model.namedParams.map(\.key)       // ["l0/W", "l0/b", "l1/W", "l1/b"]
/// ```
public final class Sequential: Model {
    /// The layers, in the order they are applied.
    public let layers: [Layer]

    /// The layers in the order they run; keys `l0`, `l1`, … follow that order.
    public init(_ layers: [Layer]) {
        self.layers = layers
        super.init()
    }

    /// The layers in the order they run: `Sequential(Linear(outSize: 100), Linear(outSize: 10))`.
    public convenience init(_ layers: Layer...) { self.init(layers) }

    public override func forward(_ x: Variable) -> Variable {
        layers.reduce(x) { y, layer in layer(y) }
    }

    public override func key(forProperty name: String, elementPath: [String]) -> String {
        if name == "layers", elementPath.count == 1 { return "l" + elementPath[0] }
        return super.key(forProperty: name, elementPath: elementPath)
    }
}
