import Dispatch

/// Splits work over the channel planes of a batch (one (image, channel) pair each) across
/// the cores. Convolution and pooling kernels write each plane's output from that plane
/// alone, so ranges of planes can run on different threads without locks.
enum PlaneParallel {
    /// Runs `body` over `0..<count` planes: on this thread when the whole job is under two
    /// grains of elements (waking a second thread costs more than it saves), otherwise in
    /// up to four ranges per thread, handed out dynamically so a descheduled thread on a
    /// shared machine delays the end by one small range.
    static func forPlanes(_ count: Int, elementsPerPlane: Int, _ body: (Range<Int>) -> Void) {
        let total = count.multipliedReportingOverflow(by: elementsPerPlane)
        let grain = Parallel.memoryBoundGrain
        guard count > 1, !total.overflow, Parallel.wouldSplit(total.partialValue, grain: grain) else {
            if count > 0 { body(0..<count) }
            return
        }
        let chunks = Swift.min(count, 4 * Parallel.threads, total.partialValue / grain)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                shared.value(count * c / chunks ..< count * (c + 1) / chunks)
            }
        }
    }
}
