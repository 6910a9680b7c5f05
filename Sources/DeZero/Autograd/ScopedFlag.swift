import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A task-local `Bool` that is cheap to read when no scope has changed it.
///
/// Every operation reads ``Config/enableBackprop``, and a task-local lookup costs about as
/// much as the arithmetic of a scalar operation. A `ScopedFlag` counts the open `withValue`
/// scopes, anywhere in the process, that bind a value other than the default. Code that runs
/// outside any task (plain synchronous code on a thread) can only see a value bound by a scope
/// open on its own thread, so when the count is zero it reads the default without a lookup.
/// Code inside a task always looks the value up: an unstructured `Task` copies its creator's
/// bindings and may outlive the scope that made them.
final class ScopedFlag: Sendable {
    private let local: TaskLocal<Bool>
    private let defaultValue: Bool
    // Relaxed ordering is enough: the only scopes a task-less reader must see are the ones
    // opened on its own thread, and a thread sees its own writes in program order.
    private let openScopes = Atomic<Int>(0)

    /// Makes a flag whose value is `defaultValue` wherever no scope binds another.
    init(defaultValue: Bool) {
        local = TaskLocal(wrappedValue: defaultValue)
        self.defaultValue = defaultValue
    }

    /// The value bound by the innermost enclosing scope, or the default.
    var value: Bool {
        if openScopes.load(ordering: .relaxed) == 0 && !ScopedFlag.isInTask { return defaultValue }
        return local.get()
    }

    // Whether the calling thread runs a task. `withUnsafeCurrentTask` answers in several
    // hundred instructions (it is generic over a type whose layout is hidden); the runtime
    // function behind it answers with one thread-local read. Where that function cannot be
    // found, every read counts as inside a task: slower, never wrong.
    private static var isInTask: Bool {
        guard let current = runtimeCurrentTask else { return true }
        return current() != nil
    }

    /// Runs `operation` with the flag set to `value`, as `TaskLocal.withValue` does.
    func withValue<R>(_ value: Bool, operation: () throws -> R, file: String = #fileID, line: UInt = #line) rethrows -> R {
        let counted = value != defaultValue
        if counted { openScopes.add(1, ordering: .relaxed) }
        defer { if counted { openScopes.subtract(1, ordering: .relaxed) } }
        return try local.withValue(value, operation: operation, file: file, line: line)
    }

    /// Async form of `withValue(_:operation:file:line:)`.
    func withValue<R>(
        _ value: Bool, operation: () async throws -> R, isolation: isolated (any Actor)? = #isolation,
        file: String = #fileID, line: UInt = #line
    ) async rethrows -> R {
        let counted = value != defaultValue
        if counted { openScopes.add(1, ordering: .relaxed) }
        defer { if counted { openScopes.subtract(1, ordering: .relaxed) } }
        return try await local.withValue(value, operation: operation, isolation: isolation, file: file, line: line)
    }
}

/// The concurrency runtime's `swift_task_getCurrent` (the current task, or `nil` on a thread
/// that runs none), looked up once. It takes no arguments and returns a pointer, so calling it
/// through a C function pointer follows the same convention as the runtime's own calls.
/// (Naming it with `@_silgen_name` would do the same, but the compiler reserves runtime names.)
private let runtimeCurrentTask: (@convention(c) () -> UnsafeRawPointer?)? = {
    #if os(Linux)
    // A null handle is glibc's RTLD_DEFAULT: search every loaded library.
    guard let symbol = dlsym(nil, "swift_task_getCurrent") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) () -> UnsafeRawPointer?).self)
    #else
    return nil
    #endif
}()
