import Testing
@testable import DeZeroArray

// Sizes here are odd multiples of bytes no other test uses, so a parallel test cannot take
// the same size class in between.
@Suite struct BufferRecyclerTests {
    @Test func aReleasedLargeBufferIsHandedToTheNextRequestOfItsSize() {
        let bytes = BufferRecycler.minimumBytes + 12_345
        let first = BufferRecycler.allocate(byteCount: bytes)
        BufferRecycler.release(first, byteCount: bytes)
        // Any request in the same whole-page class gets it back.
        let again = BufferRecycler.allocate(byteCount: BufferRecycler.sizeClass(bytes) - 7)
        #expect(again == first)
        let other = BufferRecycler.allocate(byteCount: bytes + 8192)
        #expect(other != first)
        BufferRecycler.release(again, byteCount: bytes)
        BufferRecycler.release(other, byteCount: bytes + 8192)
    }

    @Test func smallBuffersAreNotKept() {
        let before = BufferRecycler.heldBytes
        let p = BufferRecycler.allocate(byteCount: 1000)
        BufferRecycler.release(p, byteCount: 1000)
        // Other tests may add or take large buffers meanwhile; a 1000-byte buffer would show
        // as a held size of a whole page, which no large class is.
        #expect((BufferRecycler.heldBytes - before) % 4096 == 0)
        #expect(BufferRecycler.sizeClass(1000) == 4096)
        #expect(BufferRecycler.sizeClass(4096) == 4096)
        #expect(BufferRecycler.sizeClass(4097) == 8192)
    }

    @Test func keptMemoryNeverExceedsTheCapacity() {
        let bytes = BufferRecycler.minimumBytes * 3 + 4096 * 5
        let count = BufferRecycler.capacityBytes / BufferRecycler.sizeClass(bytes) + 4
        let buffers = (0..<count).map { _ in BufferRecycler.allocate(byteCount: bytes) }
        for p in buffers { BufferRecycler.release(p, byteCount: bytes) }
        #expect(BufferRecycler.heldBytes <= BufferRecycler.capacityBytes)
        // Drain what was kept of this class so the shelf is left as other tests expect.
        for _ in 0..<count { BufferRecycler.release(BufferRecycler.allocate(byteCount: bytes), byteCount: 1) }
    }

    @Test func arraysMadeFromRecycledMemoryHoldOnlyTheirOwnValues() {
        let shape = [300, 301]  // 722,400 bytes of float64: recycled
        for _ in 0..<3 {
            do { _ = NDArray.full(shape, value: 7.0) }
            let zeros = NDArray.zeros(shape, dtype: .float64)
            #expect(zeros.scalars(as: Double.self).allSatisfy { $0 == 0 })
            let range = NDArray.arange(300 * 301, dtype: .float64).reshape(shape)
            #expect(range.sum().item() == Double(300 * 301 - 1) * Double(300 * 301) / 2)
        }
    }
}
