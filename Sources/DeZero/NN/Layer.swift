/// A building block of a model that owns parameters: DeZero's `Layer`.
///
/// Subclass it, declare parameters and sublayers as stored properties, and override
/// ``forward(_:)-(Variable)``. There is nothing to register: the properties whose values are a
/// ``Parameter``, a `Layer`, or arrays or `String`-keyed dictionaries of them are found by
/// reflection the first time they are needed (``params``), and the list is cached.
///
/// ```swift
/// final class Affine: Layer {
///     let W = Parameter(NDArray.ones([3, 2], dtype: .float32), name: "W")
///     let b = Parameter(NDArray.zeros([2], dtype: .float32), name: "b")
///     override func forward(_ x: Variable) -> Variable { linear(x, W, b) }
/// }
/// let layer = Affine()
/// let y = layer(Variable(NDArray.ones([4, 3], dtype: .float32)))
/// layer.params.count                 // 2
/// layer.namedParams.map(\.key)       // ["W", "b"]
/// ```
///
/// Discovery rules (docs/DESIGN.md §4):
/// - Superclass properties come first, then each class's in declaration order; dictionary
///   entries in sorted key order. (DeZero's registry is an unordered set; this order is fixed.)
/// - Keys are property names joined by `/` down the tree (`l1/W`); array elements and
///   dictionary entries add their index or key (`blocks/0/W`). A layer whose Swift names differ
///   from DeZero's overrides ``key(forProperty:elementPath:)`` (MLP names its layers `l0`, `l1`, …).
/// - A `lazy var` counts under its own name once it has been used (Swift stores it as
///   `$__lazy_storage_$_name`); until then the layer does not cache its list, so it appears
///   as soon as it exists.
/// - The list is cached after first use. Replace a layer-valued or parameter-valued property
///   after that (for example assign an optional one later) and call
///   ``invalidateParameterCache()``.
/// - A parameter or layer reachable twice (shared weights) is listed once, under its first key.
/// - A layer that learns its input size at the first call (``Linear``) owns its parameters from
///   the start, so their keys are known at once; until created, such a parameter holds an empty
///   array of shape `(0,)` (DeZero's `Parameter(None)`), and assigning it data of the right
///   shape before the first call creates it (as loading weights does).
/// - A type with a custom `CustomReflectable` mirror hides its properties from discovery, and a
///   layer must not store references to layers that are not its parts (a parent, say).
open class Layer {
    /// The parts found by reflection; `nil` until first needed. Its type is neither a
    /// parameter nor a layer, so discovery never lists it.
    private var cachedMembers: [LayerMember]?

    /// A layer with no parts yet; a subclass declares them as stored properties.
    public init() {}

    // MARK: Forward

    /// Computes the layer's output. Override this in a layer with one input and one output.
    open func forward(_ x: Variable) -> Variable {
        dezeroFailure("\(type(of: self)) must override forward(_ x: Variable) -> Variable")
    }

    /// The general form for layers with several inputs or outputs (recurrent state, say).
    /// The default passes a single input to ``forward(_:)-(Variable)``.
    open func forward(_ xs: [Variable]) -> [Variable] {
        dezeroCheck(xs.count == 1,
                    "\(type(of: self)): forward got \(xs.count) inputs; a layer with several inputs overrides forward(_ xs: [Variable])")
        return [forward(xs[0])]
    }

    /// Applies the layer: `layer(x)`, like DeZero's `layer(x)`.
    public func callAsFunction(_ x: Variable) -> Variable { forward(x) }

    /// Applies the layer to an array, wrapped as a variable that is data
    /// (``Variable/requiresGrad`` false): the parameters get gradients, the array gets none,
    /// and the first function of the layer skips computing it.
    public func callAsFunction(_ x: NDArray) -> Variable { forward(Variable(x, requiresGrad: false)) }

    /// Applies the layer to several inputs: `layer([x, h])`.
    public func callAsFunction(_ xs: [Variable]) -> [Variable] { forward(xs) }

    /// Applies the layer to two or more inputs: `layer(x, h)`.
    public func callAsFunction(_ x0: Variable, _ x1: Variable, _ more: Variable...) -> [Variable] {
        forward([x0, x1] + more)
    }

    // MARK: Keys

    /// The key of a part stored in property `name` (DeZero's attribute name): `name` itself,
    /// or `name/index` for an element of an array or dictionary property. Override it where
    /// DeZero's name differs from the Swift one, and call `super` for the other properties:
    ///
    /// ```swift
    /// override func key(forProperty name: String, elementPath: [String]) -> String {
    ///     name == "avgMean" ? "avg_mean" : super.key(forProperty: name, elementPath: elementPath)
    /// }
    /// ```
    open func key(forProperty name: String, elementPath: [String]) -> String {
        ([name] + elementPath).joined(separator: "/")
    }

    // MARK: Parameters

    /// The parameters and sublayers held directly by this layer, discovered once.
    var discoveredMembers: [LayerMember] {
        if let cachedMembers { return cachedMembers }
        let found = ParameterDiscovery.members(of: self)
        if found.isComplete { cachedMembers = found.members }
        return found.members
    }

    /// Forgets the discovered parameter list, so the next use reads the properties again.
    /// Needed only after replacing a layer- or parameter-valued property of this layer.
    public func invalidateParameterCache() { cachedMembers = nil }

    /// Every parameter of this layer and its sublayers, in the order described above
    /// (DeZero's `params()`).
    ///
    /// ```swift
    /// let model = MLP([10, 1])
    /// model.params.count   // 4: l0/W, l0/b, l1/W, l1/b
    /// ```
    public var params: [Parameter] {
        var out: [Parameter] = []
        walk { _, p in out.append(p) }
        return out
    }

    /// Every parameter with its key (`l1/W`), as the weight files name them.
    ///
    /// ```swift
    /// for (key, p) in model.namedParams { print(key, p.shape) }
    /// ```
    public var namedParams: [(key: String, parameter: Parameter)] {
        var out: [(key: String, parameter: Parameter)] = []
        walk { key, p in out.append((key, p)) }
        return out
    }

    /// Drops the gradient of every parameter (DeZero's `cleargrads()`).
    public func clearGrads() {
        for p in params { p.clearGrad() }
    }

    /// Visits each parameter once, depth first, with its full key. Each layer is entered once,
    /// so shared layers and reference cycles cannot repeat parameters or loop.
    private func walk(_ visit: (String, Parameter) -> Void) {
        var seenLayers: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var seenParams: Set<ObjectIdentifier> = []
        func descend(_ layer: Layer, prefix: String) {
            for m in layer.discoveredMembers {
                let key = prefix.isEmpty ? m.key : prefix + "/" + m.key
                switch m.part {
                case .parameter(let p):
                    if seenParams.insert(ObjectIdentifier(p)).inserted { visit(key, p) }
                case .layer(let sub):
                    if seenLayers.insert(ObjectIdentifier(sub)).inserted { descend(sub, prefix: key) }
                }
            }
        }
        descend(self, prefix: "")
    }
}
