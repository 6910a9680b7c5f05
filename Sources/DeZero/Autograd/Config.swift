/// Global switches of the autograd engine, scoped to the current task or thread.
///
/// DeZero keeps these in a class attribute; here they are task-locals, so one task's
/// `withNoGrad` never leaks into another task or thread running at the same time.
public enum Config {
    /// When false, operations record no graph (DeZero's `Config.enable_backprop`). Read it;
    /// set it for a scope with ``withNoGrad(_:)-(()->R)``.
    ///
    /// ```swift
    /// print(Config.enableBackprop)                 // true
    /// withNoGrad { print(Config.enableBackprop) }   // false
    /// ```
    public static var enableBackprop: Bool { backprop.value }
    // A counted task-local rather than `@TaskLocal`: every operation reads it, and the
    // counted flag skips the lookup when no scope has turned it off (see `ScopedFlag`).
    static let backprop = ScopedFlag(defaultValue: true)
    /// When false, layers such as dropout and batch norm behave as in inference (DeZero's `Config.train`).
    @TaskLocal public static var train = true
}

/// Runs `body` without recording a graph: outputs have no creator and use no memory for backward.
///
/// ```swift
/// let y = withNoGrad { square(x) }   // y.creator == nil
/// ```
@discardableResult
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try Config.backprop.withValue(false, operation: body)
}

/// Async form of ``withNoGrad(_:)-(()->R)``.
@discardableResult
public func withNoGrad<R>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> R) async rethrows -> R {
    try await Config.backprop.withValue(false, operation: body, isolation: isolation)
}

/// Runs `body` in test (inference) mode: dropout is the identity, batch norm uses its running statistics.
///
/// ```swift
/// let prediction = withTestMode { model(x) }
/// ```
@discardableResult
public func withTestMode<R>(_ body: () throws -> R) rethrows -> R {
    try Config.$train.withValue(false, operation: body)
}

/// Async form of ``withTestMode(_:)-(()->R)``.
@discardableResult
public func withTestMode<R>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> R) async rethrows -> R {
    try await Config.$train.withValue(false, operation: body, isolation: isolation)
}
