import Dispatch

/// The package's one parallel-for: every loop that splits work over threads goes through
/// ``tasks(_:threads:_:)``, with the thread count of ``ThreadPolicy``.
///
/// Work below a size threshold (the "grain", in elements per range) runs on the calling
/// thread, so small arrays never pay for waking other threads. The grains were chosen by
/// measuring on a 2-core x86-64 machine (`dezero-bench elementwise` with
/// `DEZERO_BENCH_SWEEP=1`, once with `DEZERO_NUM_THREADS=1`): an empty `concurrentPerform`
/// costs about 0.5 µs, but a second thread only paid off from about 64K elements for exp
/// and 128K for memory-bound loops (below that, waking it and sharing the caches cost more
/// than it saved, especially with other processes on the cores).
///
/// ```swift
/// Parallel.forRanges(x.count, grain: Parallel.memoryBoundGrain) { r in
///     for i in r { y[i] = 2 * x[i] }    // disjoint ranges: no locks
/// }
/// ```
@usableFromInline
package enum Parallel {
    /// Threads to use: ``ThreadPolicy/current``'s count.
    @usableFromInline package static let threads = ThreadPolicy.current.count

    /// Grain for memory-bound loops (copies, + - * /, comparisons, sums): about 0.1–0.3 ns
    /// per element, so a thread needs some 10^5 elements to be worth starting.
    @usableFromInline package static let memoryBoundGrain = 1 << 16
    /// Grain for vectorised transcendental kernels (exp, log, tanh: 0.3–1 ns per element).
    @usableFromInline package static let vectorMathGrain = 1 << 15
    /// Grain for scalar library calls (float64 tanh, sin, pow: 5–20 ns per element).
    @usableFromInline static let scalarMathGrain = 1 << 11

    /// Runs `body(i)` for every `i` in `0..<count` and returns when all are done: on this
    /// thread, in order, when `count` or `threads` is at most 1; otherwise through
    /// `concurrentPerform`, which hands the tasks out dynamically to at most as many threads
    /// as there are cores (the calling thread works too).
    ///
    /// `body` must be safe to run concurrently with itself: each call writes its own part
    /// of the output and only reads shared memory that no call writes.
    @inlinable
    package static func tasks(_ count: Int, threads: Int = Parallel.threads, _ body: (Int) -> Void) {
        if count <= 1 || threads <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        // concurrentPerform wants a @Sendable closure; `body` writes disjoint memory this
        // call owns and does not escape it, so handing it to the worker threads is safe.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
        }
    }

    /// The `chunk`-th of `chunks` contiguous ranges that cover `0..<n`, with inner bounds
    /// rounded down to multiples of `alignment` (a power of two).
    @inlinable
    package static func range(_ chunk: Int, of chunks: Int, in n: Int, alignment: Int = 1) -> Range<Int> {
        let mask = ~(alignment - 1)
        let lo = chunk == 0 ? 0 : (n * chunk / chunks) & mask
        let hi = chunk == chunks - 1 ? n : (n * (chunk + 1) / chunks) & mask
        return lo..<hi
    }

    /// Runs `body` over `0..<n` cut into `chunks` contiguous ranges (see ``tasks(_:threads:_:)``).
    /// Bounds are multiples of 16 so no two threads write the same cache line of a float32
    /// output.
    @inlinable
    package static func forRanges(_ n: Int, chunks: Int, threads: Int = Parallel.threads,
                                  _ body: (Range<Int>) -> Void) {
        if chunks <= 1 { return body(0..<n) }
        tasks(chunks, threads: threads) { c in body(range(c, of: chunks, in: n, alignment: 16)) }
    }

    /// Runs `body` over `0..<n` split into contiguous ranges of at least `grain` elements when
    /// `n` is at least two grains; otherwise calls `body(0..<n)` once on this thread.
    ///
    /// There are up to 8 ranges per thread, handed out dynamically: on a machine shared with
    /// other processes a descheduled worker then delays the end by one small range, not by
    /// half the work.
    @inlinable
    package static func forRanges(_ n: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        forRanges(n, chunks: chunkCount(n, grain: grain), body)
    }

    /// Like ``forRanges(_:grain:_:)``, returning each range's result in order (partial sums).
    @inlinable
    package static func mapRanges<R>(_ n: Int, grain: Int, _ body: (Range<Int>) -> R) -> [R] {
        let chunks = chunkCount(n, grain: grain)
        if chunks <= 1 { return [body(0..<n)] }
        var results = [R?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            tasks(chunks) { c in slots.value[c] = body(range(c, of: chunks, in: n, alignment: 16)) }
        }
        return results.map { $0! }
    }

    /// Ranges for `n` elements: none below two grains or on one thread, else as many whole
    /// grains as fit, at most 8 per thread.
    @inlinable
    package static func chunkCount(_ n: Int, grain: Int, threads: Int = Parallel.threads) -> Int {
        if threads <= 1 { return 1 }
        return Swift.min(8 * threads, n / Swift.max(grain, 1))
    }

    /// Whether work of `n` elements at `grain` would be split (callers choose a loop order).
    @inlinable
    package static func wouldSplit(_ n: Int, grain: Int) -> Bool { threads > 1 && n >= 2 * grain }
}
