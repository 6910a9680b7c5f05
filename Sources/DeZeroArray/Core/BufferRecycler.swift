import Foundation

/// Keeps the memory of large arrays that die, to hand it to the next array of the same size.
///
/// A training step makes the same large arrays every iteration (activations, gradients,
/// patches). Freshly allocated memory of that size comes from `mmap`, and the kernel maps and
/// zeroes it page by page on first touch: on W3 (the benchmark CNN) those page faults were
/// about a quarter of a step. Recycled memory is already mapped.
///
/// Buffers from ``minimumBytes`` up are kept, grouped by size rounded up to whole pages, up
/// to a capacity in all (``shared``: 128 MiB); beyond that a dying buffer is freed as before.
/// The memory a buffer held is not cleared: every array constructor writes all its elements.
final class BufferRecycler: @unchecked Sendable {
    /// Smaller buffers come from malloc's own free lists, which are already warm.
    static let minimumBytes = 256 << 10

    /// The recycler behind every array's storage.
    static let shared = BufferRecycler(capacityBytes: 128 << 20)

    /// The most memory kept for reuse, so an idle process holds at most this much extra.
    let capacityBytes: Int
    // NSLock rather than Synchronization.Mutex: ThreadSanitizer sees pthread locks, and the
    // lock is taken once per large allocation, where its cost does not show.
    private let lock = NSLock()
    private var free: [Int: [UnsafeMutableRawPointer]] = [:]
    private var held = 0

    /// A recycler that keeps at most `capacityBytes` (tests make their own).
    init(capacityBytes: Int) { self.capacityBytes = capacityBytes }

    /// The size class of a request: whole 4 KiB pages.
    static func sizeClass(_ byteCount: Int) -> Int { (byteCount + 4095) & ~4095 }

    /// Memory for `byteCount` bytes, 64-byte aligned: a kept buffer of its size class if
    /// there is one, else a new allocation of the whole class.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        guard byteCount >= Self.minimumBytes else {
            return UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, 1), alignment: 64)
        }
        let size = Self.sizeClass(byteCount)
        lock.lock()
        let kept = free[size]?.popLast()
        if kept != nil { held -= size }
        lock.unlock()
        return kept ?? UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    }

    /// Takes back memory from ``allocate(byteCount:)``: kept while there is room, else freed.
    func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount >= Self.minimumBytes else { return pointer.deallocate() }
        let size = Self.sizeClass(byteCount)
        lock.lock()
        let keep = held + size <= capacityBytes
        if keep {
            free[size, default: []].append(pointer)
            held += size
        }
        lock.unlock()
        if !keep { pointer.deallocate() }
    }

    /// The bytes kept for reuse now.
    var heldBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return held
    }

    deinit {
        for pointers in free.values { for p in pointers { p.deallocate() } }
    }
}
