/// Carries a value the compiler cannot prove thread-safe into concurrent work whose safety
/// the caller guarantees (disjoint writes, reads of memory no one writes meanwhile).
///
/// The package's one such wrapper: ``Parallel`` uses it to hand a non-escaping body to
/// worker threads, and kernels use it for the pointers their workers share.
///
/// ```swift
/// let out = UncheckedSendable(buffer.baseAddress!)
/// Parallel.tasks(4) { i in out.value[i] = Float(i) }   // each task writes its own slot
/// ```
@usableFromInline
package struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The wrapped value.
    @usableFromInline package let value: Value
    /// Wraps `value`; the caller vouches for how threads use it.
    @inlinable package init(_ value: Value) { self.value = value }
}
