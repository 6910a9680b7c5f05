/// Splits work over the channel planes of a batch (one (image, channel) pair each) across
/// the cores, through ``Parallel``. Convolution and pooling kernels write each plane's
/// output from that plane alone, so ranges of planes can run on different threads without
/// locks.
enum PlaneParallel {
    /// Runs `body` over `0..<count` planes: on this thread when the whole job is under two
    /// grains of elements (waking a second thread costs more than it saves), otherwise in
    /// up to four ranges per thread, handed out dynamically so a descheduled thread on a
    /// shared machine delays the end by one small range.
    static func forPlanes(_ count: Int, elementsPerPlane: Int, _ body: (Range<Int>) -> Void) {
        let ranges = rangeCount(count, elementsPerPlane: elementsPerPlane)
        if ranges <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        forRanges(count, ranges: ranges) { _, planes in body(planes) }
    }

    /// ``forPlanes(_:elementsPerPlane:_:)`` for work that reduces: `body` gets the index of
    /// its range too, among `count` ranges returned first by `rangeCount`, so it can write
    /// a partial result of its own.
    static func rangeCount(_ count: Int, elementsPerPlane: Int) -> Int {
        let total = count.multipliedReportingOverflow(by: elementsPerPlane)
        let grain = Parallel.memoryBoundGrain
        guard count > 1, !total.overflow, Parallel.wouldSplit(total.partialValue, grain: grain) else { return 1 }
        return Swift.min(count, 4 * Parallel.threads, total.partialValue / grain)
    }

    /// Runs `body(i, range)` for the `ranges` ranges of `0..<count` (from ``rangeCount(_:elementsPerPlane:)``).
    static func forRanges(_ count: Int, ranges: Int, _ body: (Int, Range<Int>) -> Void) {
        if ranges <= 1 { return body(0, 0..<count) }
        Parallel.tasks(ranges) { c in body(c, Parallel.range(c, of: ranges, in: count)) }
    }
}
