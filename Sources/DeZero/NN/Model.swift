import Foundation

/// A layer that is a whole network: DeZero's `Model`. Subclass it, declare layers as stored
/// properties and override ``Layer/forward(_:)-(Variable)``:
///
/// ```swift
/// final class TwoLayerNet: Model {
///     let l1 = Linear(outSize: 10)
///     let l2 = Linear(outSize: 1)
///     override func forward(_ x: Variable) -> Variable { l2(sigmoid(l1(x))) }
/// }
/// let model = TwoLayerNet()
/// let y = model(x)
/// try model.plot(x, to: URL(fileURLWithPath: "model.png"))
/// ```
open class Model: Layer {
    /// Runs the model on `x` and renders the graph of its output with Graphviz
    /// (``plotDotGraph(_:verbose:to:)``; the format comes from the file extension, and `.dot`
    /// writes the DOT text without Graphviz).
    ///
    /// - Throws: ``GraphRenderError`` when `dot` is missing or fails, or a file error.
    public func plot(_ x: Variable, verbose: Bool = true, to url: URL) throws {
        let y = forward(x)
        try plotDotGraph(y, verbose: verbose, to: url)
    }
}
