/// Updates a model's parameters from their gradients: DeZero's `Optimizer`.
///
/// Give it the model with ``setup(_:)``, then after each backward pass call ``update()``:
///
/// ```swift
/// let model = MLP([10, 1])
/// let optimizer = SGD(lr: 0.2).setup(model)
/// for _ in 0..<1000 {
///     let loss = meanSquaredError(model(x), y)
///     model.clearGrads()
///     loss.backward()
///     optimizer.update()
/// }
/// ```
///
/// ``update()`` takes the target's parameters that have a gradient, runs the hooks on them
/// (``addHook(_:)-(OptimizerHook)``: weight decay, gradient clipping, freezing — in the order
/// added), then updates each parameter that still has a gradient. Per-parameter state (momentum,
/// Adam's moments) lives in the optimizer and carries over between updates; ``state`` exports
/// it for a checkpoint and ``loadState(_:)`` restores it.
///
/// The built-in optimizers share one shape: each holds its hyperparameters and, in
/// ``updateOne(_:)``, makes its rule from them (a fused pass over the weights, the gradient and
/// the state arrays it names); this class keeps the state per parameter, exports and restores
/// it, and runs the pass. A custom optimizer subclasses this, overrides ``updateOne(_:)``, and
/// overrides ``slotNames`` if it keeps state of its own:
///
/// ```swift
/// final class SignSGD: Optimizer {
///     var lr = 0.01
///     override func updateOne(_ param: Parameter) {
///         param.data -= lr * sign(param.grad!.data)
///     }
/// }
/// ```
open class Optimizer {
    /// The layer or model whose parameters are updated.
    public private(set) var target: Layer?
    /// Calls of ``update()`` so far (Adam's `t`).
    public internal(set) var iteration = 0
    private var hooks: [([Parameter]) -> Void] = []
    /// Per-parameter state arrays, by parameter identity.
    var slots: [ObjectIdentifier: OptimizerSlot] = [:]

    /// The state names of a built-in optimizer's rule.
    private let ruleStateNames: [String]

    /// An optimizer that keeps no state of its own (or names it by overriding ``slotNames``).
    public init() { ruleStateNames = [] }

    /// A built-in optimizer whose rule keeps the arrays `stateNames` per parameter.
    init(stateNames: [String]) { ruleStateNames = stateNames }

    /// The names of the state arrays kept per parameter (`["m", "v"]` for Adam): the keys its
    /// ``state`` and a checkpoint use.
    open var slotNames: [String] { ruleStateNames }

    /// Sets the model to update; returns the optimizer, so it can be made in one line.
    ///
    /// ```swift
    /// let optimizer = Adam(lr: 0.001).setup(model)
    /// ```
    @discardableResult
    public func setup(_ target: Layer) -> Self {
        self.target = target
        return self
    }

    /// Adds a function run on the parameters with gradients before each update.
    ///
    /// ```swift
    /// optimizer.addHook(WeightDecay(rate: 1e-4))
    /// ```
    @discardableResult
    public func addHook(_ hook: some OptimizerHook) -> Self {
        hooks.append { hook($0) }
        return self
    }

    /// Adds a closure run on the parameters with gradients before each update.
    @discardableResult
    public func addHook(_ hook: @escaping ([Parameter]) -> Void) -> Self {
        hooks.append(hook)
        return self
    }

    /// One optimisation step over the target's parameters.
    public func update() {
        guard let target else { dezeroFailure("\(type(of: self)).update(): call setup(_:) with a model first") }
        let params = target.params.filter { $0.grad != nil }
        iteration += 1
        for hook in hooks { hook(params) }
        // A hook may have dropped gradients (FreezeParam): those parameters stay as they are.
        for p in params where p.grad != nil { updateOne(p) }
    }

    /// Updates one parameter, which has a gradient. Override in a subclass.
    open func updateOne(_ param: Parameter) {
        dezeroFailure("\(type(of: self)) must override updateOne(_:)")
    }

    /// The `count` state arrays of `param`, made as zeros like its data the first time (and again if
    /// its shape or dtype changed since).
    func slot(for param: Parameter, count: Int) -> OptimizerSlot {
        let id = ObjectIdentifier(param)
        if let s = slots[id], s.matches(param) { return s }
        let s = OptimizerSlot(param: param, count: count)
        slots[id] = s
        return s
    }
}

/// The state arrays of one parameter. Holding the parameter keeps its identity from being
/// reused by another object while the state exists.
final class OptimizerSlot {
    let param: Parameter
    // Two named fields rather than an array, so an update kernel can hold mutable pointers to
    // both at once without overlapping accesses to one property.
    var first: NDArray
    var second: NDArray

    init(param: Parameter, count: Int) {
        self.param = param
        first = NDArray.zeros(count > 0 ? param.shape : [0], dtype: param.dtype)
        second = NDArray.zeros(count > 1 ? param.shape : [0], dtype: param.dtype)
    }

    init(param: Parameter, arrays: [NDArray]) {
        self.param = param
        first = arrays.count > 0 ? arrays[0] : NDArray.zeros([0], dtype: param.dtype)
        second = arrays.count > 1 ? arrays[1] : NDArray.zeros([0], dtype: param.dtype)
    }

    /// Whether the arrays still fit the parameter.
    func matches(_ p: Parameter) -> Bool { first.dtype == p.dtype && first.shape == p.shape }

    func arrays(count: Int) -> [NDArray] { Array([first, second].prefix(count)) }
}
