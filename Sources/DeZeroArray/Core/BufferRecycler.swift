import Foundation

/// Keeps the memory of large arrays that die, to hand it to the next array of the same size.
///
/// A training step makes the same large arrays every iteration (activations, gradients,
/// patches). Freshly allocated memory of that size comes from `mmap`, and the kernel maps and
/// zeroes it page by page on first touch: on W3 (the benchmark CNN) those page faults were
/// about a quarter of a step. Recycled memory is already mapped.
///
/// Buffers from ``minimumBytes`` up are kept, grouped by size rounded up to whole pages, up
/// to ``capacityBytes`` in all; beyond that a dying buffer is freed as before. The memory a
/// buffer held is not cleared: every array constructor writes all its elements.
enum BufferRecycler {
    /// Smaller buffers come from malloc's own free lists, which are already warm.
    static let minimumBytes = 256 << 10
    /// The most memory kept for reuse, so an idle process holds at most this much extra.
    static let capacityBytes = 128 << 20

    private final class Shelf: @unchecked Sendable {
        // NSLock rather than Synchronization.Mutex: ThreadSanitizer sees pthread locks, and
        // the lock is taken once per large allocation, where its cost does not show.
        let lock = NSLock()
        var free: [Int: [UnsafeMutableRawPointer]] = [:]
        var heldBytes = 0
    }

    private static let shelf = Shelf()

    /// The size class of a request: whole 4 KiB pages.
    static func sizeClass(_ byteCount: Int) -> Int { (byteCount + 4095) & ~4095 }

    /// Memory for `byteCount` bytes, 64-byte aligned: a kept buffer of its size class if
    /// there is one, else a new allocation of the whole class.
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        guard byteCount >= minimumBytes else {
            return UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, 1), alignment: 64)
        }
        let size = sizeClass(byteCount)
        shelf.lock.lock()
        let kept = shelf.free[size]?.popLast()
        if kept != nil { shelf.heldBytes -= size }
        shelf.lock.unlock()
        return kept ?? UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    }

    /// Takes back memory from ``allocate(byteCount:)``: kept while there is room, else freed.
    static func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount >= minimumBytes else { return pointer.deallocate() }
        let size = sizeClass(byteCount)
        shelf.lock.lock()
        let keep = shelf.heldBytes + size <= capacityBytes
        if keep {
            shelf.free[size, default: []].append(pointer)
            shelf.heldBytes += size
        }
        shelf.lock.unlock()
        if !keep { pointer.deallocate() }
    }

    /// The bytes kept for reuse now (for tests).
    static var heldBytes: Int {
        shelf.lock.lock()
        defer { shelf.lock.unlock() }
        return shelf.heldBytes
    }
}
