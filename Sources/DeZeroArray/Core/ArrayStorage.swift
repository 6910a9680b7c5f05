/// The heap memory behind a large ``NDArray``: 64-byte aligned so SIMD kernels load
/// aligned vectors. Shared between arrays (views, copies) until one of them writes.
@usableFromInline
final class ArrayStorage: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutableRawPointer
    @usableFromInline let byteCount: Int

    @usableFromInline
    init(byteCount: Int) {
        self.byteCount = byteCount
        pointer = BufferRecycler.shared.allocate(byteCount: byteCount)
    }

    deinit { BufferRecycler.shared.release(pointer, byteCount: byteCount) }
}

/// Where an array's elements live. A one-element array keeps its value inline, so scalar
/// arithmetic (the book's small examples, the autograd chain benchmark) never touches the heap.
@usableFromInline
enum ArrayBuffer: @unchecked Sendable {
    case inline(UInt64)
    case heap(ArrayStorage)
}
