import Dispatch
import Foundation

/// Splits large elementwise and reduction work over the machine's cores.
///
/// Work below a size threshold (the "grain", in elements per range) runs on the calling
/// thread, so small arrays never pay for waking other threads. The grains were chosen by
/// measuring on a 2-core x86-64 machine (`dezero-bench elementwise` with
/// `DEZERO_BENCH_SWEEP=1`, once with `DEZERO_NUM_THREADS=1`): an empty `concurrentPerform`
/// costs about 0.5 µs, but a second thread only paid off from about 64K elements for exp
/// and 128K for memory-bound loops (below that, waking it and sharing the caches cost more
/// than it saved, especially with other processes on the cores).
@usableFromInline
enum Parallel {
    /// Threads to use: the active processor count, or `DEZERO_NUM_THREADS` when set (≥ 1).
    @usableFromInline static let threads: Int = {
        if let s = ProcessInfo.processInfo.environment["DEZERO_NUM_THREADS"], let n = Int(s), n >= 1 {
            return n
        }
        return Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Grain for memory-bound loops (copies, + - * /, comparisons, sums): about 0.1–0.3 ns
    /// per element, so a thread needs some 10^5 elements to be worth starting.
    @usableFromInline static let memoryBoundGrain = 1 << 16
    /// Grain for vectorised transcendental kernels (exp, log, tanh: 0.3–1 ns per element).
    @usableFromInline static let vectorMathGrain = 1 << 15
    /// Grain for scalar library calls (float64 tanh, sin, pow: 5–20 ns per element).
    @usableFromInline static let scalarMathGrain = 1 << 11

    /// Runs `body` over `0..<n` split into contiguous ranges of at least `grain` elements when
    /// `n` is at least two grains; otherwise calls `body(0..<n)` once on this thread.
    ///
    /// There are up to 8 ranges per thread, handed out dynamically (`concurrentPerform`, whose
    /// calling thread works too): on a machine shared with other processes a descheduled
    /// worker then delays the end by one small range, not by half the work. Range bounds are
    /// multiples of 16 so no two threads write the same cache line of a float32 output.
    @inlinable
    static func forRanges(_ n: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(n, grain: grain)
        if chunks <= 1 {
            body(0..<n)
            return
        }
        // concurrentPerform wants a @Sendable closure; `body` writes disjoint ranges of
        // memory this call owns, so handing it to the worker threads is safe.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c == 0 ? 0 : (n * c / chunks) & ~15
                let hi = c == chunks - 1 ? n : (n * (c + 1) / chunks) & ~15
                shared.value(lo..<hi)
            }
        }
    }

    /// Like ``forRanges(_:grain:_:)``, returning each range's result in order (partial sums).
    @inlinable
    static func mapRanges<R>(_ n: Int, grain: Int, _ body: (Range<Int>) -> R) -> [R] {
        let chunks = chunkCount(n, grain: grain)
        if chunks <= 1 { return [body(0..<n)] }
        var results = [R?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            withoutActuallyEscaping(body) { body in
                let shared = UncheckedSendable(body)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lo = c == 0 ? 0 : (n * c / chunks) & ~15
                    let hi = c == chunks - 1 ? n : (n * (c + 1) / chunks) & ~15
                    slots.value[c] = shared.value(lo..<hi)
                }
            }
        }
        return results.map { $0! }
    }

    /// Ranges for `n` elements: none below two grains or on one thread, else as many whole
    /// grains as fit, at most 8 per thread.
    @inlinable
    static func chunkCount(_ n: Int, grain: Int) -> Int {
        if threads <= 1 { return 1 }
        return Swift.min(8 * threads, n / Swift.max(grain, 1))
    }

    /// Whether work of `n` elements at `grain` would be split (callers choose a loop order).
    @inlinable
    static func wouldSplit(_ n: Int, grain: Int) -> Bool { threads > 1 && n >= 2 * grain }
}

/// Carries a value the compiler cannot prove thread-safe into concurrent work whose safety
/// the caller guarantees (disjoint writes, reads of memory no one writes meanwhile).
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @inlinable init(_ value: Value) { self.value = value }
}
