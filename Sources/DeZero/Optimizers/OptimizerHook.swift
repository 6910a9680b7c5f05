/// A function an optimizer runs on the parameters that have gradients, before it updates
/// them (DeZero's hooks: any callable taking the parameter list). ``WeightDecay``,
/// ``ClipGrad`` and ``FreezeParam`` are hooks; a closure works too.
///
/// ```swift
/// struct PrintNorms: OptimizerHook {
///     func callAsFunction(_ params: [Parameter]) {
///         for p in params { print(p.name ?? "?", p.grad!.data.abs().max()) }
///     }
/// }
/// optimizer.addHook(PrintNorms())
/// ```
///
/// A hook that changes a gradient should assign a new `grad` variable rather than change the
/// old one's data: backward may give two parameters the very same gradient variable.
public protocol OptimizerHook {
    func callAsFunction(_ params: [Parameter])
}
