import Foundation
import Testing
@testable import DeZeroArray

/// The parallel-for covers every index exactly once, whatever the sizes and thread counts.
@Suite struct ParallelTests {
    /// Counts how often each index is visited, under a lock, since tasks may run at once.
    /// (An `NSLock`, a pthread mutex, rather than `Synchronization.Mutex`: on Linux the latter
    /// locks with raw futex calls that ThreadSanitizer cannot see, so it reports false races.)
    final class Visits: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(_ n: Int) { counts = Array(repeating: 0, count: n) }
        func visit(_ i: Int) { lock.withLock { counts[i] += 1 } }
        var all: [Int] { lock.withLock { counts } }
    }

    @Test(arguments: [0, 1, 2, 7, 64, 1000], [1, 2, 3, 8])
    func tasksRunEachIndexOnce(count: Int, threads: Int) {
        let visits = Visits(count)
        Parallel.tasks(count, threads: threads) { visits.visit($0) }
        #expect(visits.all == Array(repeating: 1, count: count))
    }

    @Test func oneThreadRunsInOrderOnTheCaller() {
        var order: [Int] = []  // not thread-safe on purpose: one thread must be inline
        Parallel.tasks(50, threads: 1) { order.append($0) }
        #expect(order == Array(0..<50))
    }

    @Test(arguments: [0, 1, 15, 16, 17, 100, 4099, 1 << 16], [1, 2, 3, 5, 16, 40])
    func rangesTileTheWholeSpan(n: Int, chunks: Int) {
        for alignment in [1, 16] {
            let ranges = (0..<chunks).map { Parallel.range($0, of: chunks, in: n, alignment: alignment) }
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == n)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            for r in ranges.dropFirst() where r.lowerBound != n { #expect(r.lowerBound % alignment == 0) }
        }
    }

    @Test(arguments: [0, 1, 33, 1000, 70_000], [1, 2, 4, 9])
    func forRangesCoversEachIndexOnce(n: Int, chunks: Int) {
        for threads in [1, 3] {
            let visits = Visits(n)
            Parallel.forRanges(n, chunks: chunks, threads: threads) { r in r.forEach(visits.visit) }
            #expect(visits.all == Array(repeating: 1, count: n))
        }
    }

    /// With the process's own thread count and small grains, so the work really is split.
    @Test(arguments: [0, 5, 100, 10_000, 300_001])
    func grainedLoopsCoverEachIndexOnce(n: Int) {
        let visits = Visits(n)
        Parallel.forRanges(n, grain: 16) { r in r.forEach(visits.visit) }
        #expect(visits.all == Array(repeating: 1, count: n))
        let sums = Parallel.mapRanges(n, grain: 16) { r in r.reduce(0, +) }
        #expect(sums.reduce(0, +) == n * (n - 1) / 2)
    }

    @Test func chunkCountFollowsThreadsAndGrain() {
        #expect(Parallel.chunkCount(1 << 20, grain: 1 << 16, threads: 1) == 1)
        #expect(Parallel.chunkCount(1 << 20, grain: 1 << 16, threads: 2) == 16)
        #expect(Parallel.chunkCount(1 << 20, grain: 1 << 10, threads: 2) == 16)  // 8 per thread
        #expect(Parallel.chunkCount(3 << 16, grain: 1 << 16, threads: 4) == 3)
    }
}
