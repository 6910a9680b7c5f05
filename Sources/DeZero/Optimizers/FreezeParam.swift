/// Keeps some parameters fixed: drops their gradients before the update, so the optimizer
/// leaves them (and their state) as they are (DeZero's `FreezeParam`).
///
/// ```swift
/// optimizer.addHook(FreezeParam(model.l1))          // train everything but l1
/// optimizer.addHook(FreezeParam(model.l2.W))        // or single parameters
/// ```
///
/// The parameters are collected when the hook is made; a lazily sized layer such as
/// ``Linear`` already owns its `W` then, so freezing it before the first forward works.
public struct FreezeParam: OptimizerHook {
    /// The parameters kept fixed.
    public let frozen: [Parameter]

    /// Freezes every parameter of the given layers.
    public init(_ layers: Layer...) { self.init(layers: layers) }

    /// Freezes the given parameters.
    public init(_ params: Parameter...) { self.init(params: params) }

    /// Freezes the parameters of `layers` and the single `params`.
    public init(layers: [Layer] = [], params: [Parameter] = []) {
        frozen = layers.flatMap(\.params) + params
    }

    /// Drops the gradients of the frozen parameters, so the update skips them.
    public func callAsFunction(_ params: [Parameter]) {
        for p in frozen { p.grad = nil }
    }
}
