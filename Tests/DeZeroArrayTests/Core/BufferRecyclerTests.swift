import Testing
@testable import DeZeroArray

// Each test uses a recycler of its own: the shared one serves every array of the tests
// running in parallel, which may fill it to capacity at any moment.
@Suite struct BufferRecyclerTests {
    @Test func aReleasedLargeBufferIsHandedToTheNextRequestOfItsSize() {
        let recycler = BufferRecycler(capacityBytes: 16 << 20)
        let bytes = BufferRecycler.minimumBytes + 12_345
        let first = recycler.allocate(byteCount: bytes)
        recycler.release(first, byteCount: bytes)
        // Any request in the same whole-page class gets it back.
        let again = recycler.allocate(byteCount: BufferRecycler.sizeClass(bytes) - 7)
        #expect(again == first)
        let other = recycler.allocate(byteCount: bytes + 8192)
        #expect(other != first)
        recycler.release(again, byteCount: bytes)
        recycler.release(other, byteCount: bytes + 8192)
    }

    @Test func smallBuffersAreNotKept() {
        let recycler = BufferRecycler(capacityBytes: 16 << 20)
        let p = recycler.allocate(byteCount: 1000)
        recycler.release(p, byteCount: 1000)
        #expect(recycler.heldBytes == 0)
        #expect(BufferRecycler.sizeClass(1000) == 4096)
        #expect(BufferRecycler.sizeClass(4096) == 4096)
        #expect(BufferRecycler.sizeClass(4097) == 8192)
    }

    @Test func keptMemoryNeverExceedsTheCapacity() {
        let recycler = BufferRecycler(capacityBytes: 4 << 20)
        let bytes = BufferRecycler.minimumBytes * 3 + 4096 * 5
        let count = recycler.capacityBytes / BufferRecycler.sizeClass(bytes) + 4
        let buffers = (0..<count).map { _ in recycler.allocate(byteCount: bytes) }
        for p in buffers { recycler.release(p, byteCount: bytes) }
        #expect(recycler.heldBytes <= recycler.capacityBytes)
        #expect(recycler.heldBytes == (count - 4) * BufferRecycler.sizeClass(bytes))
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
