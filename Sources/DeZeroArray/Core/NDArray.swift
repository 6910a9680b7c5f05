/// An n-dimensional array with a run-time ``DType``: the NumPy underneath DeZero.
///
/// `NDArray` is a value type. Copies share memory until one of them is written to
/// (copy-on-write), and views such as ``transpose(_:)`` or slices share memory with their
/// source through strides, as NumPy's views do — but writing to a view never changes the
/// original, because Swift values do not alias.
///
/// ```swift
/// let a = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
/// let b = a * 2 + 1          // broadcasting a scalar: stays float32
/// print(b)                   // array([[3., 5.],
///                            //        [7., 9.]], dtype=float32)
/// ```
public struct NDArray: Sendable {
    @usableFromInline var buffer: ArrayBuffer
    // Shape, strides and offset live together in one shared immutable object: copying an
    // array then retains two references instead of two arrays and a buffer, which is most of
    // what a scalar graph operation costs (each forward and backward step copies arrays out
    // of variables several times). A 0-d array at offset 0 has none (`nil`), so copying an
    // inline scalar retains nothing at all.
    @usableFromInline let geometry: ArrayGeometry?
    /// The element type.
    public let dtype: DType

    /// The size of each dimension; `[]` for a 0-d scalar.
    @inlinable public var shape: [Int] { geometry?.shape ?? [] }
    /// Element (not byte) strides of each dimension. Zero for broadcast dimensions.
    @inlinable public var strides: [Int] { geometry?.strides ?? [] }
    /// Element offset of the first element inside the buffer.
    @inlinable public var offset: Int { geometry?.offset ?? 0 }

    /// Makes an array over an existing buffer; `strides` default to row-major.
    @usableFromInline
    init(buffer: ArrayBuffer, shape: [Int], strides: [Int]? = nil, offset: Int = 0, dtype: DType) {
        self.buffer = buffer
        if shape.isEmpty && offset == 0 {
            geometry = nil
        } else {
            geometry = ArrayGeometry(shape: shape, strides: strides ?? NDArray.rowMajorStrides(shape), offset: offset)
        }
        self.dtype = dtype
    }

    /// Makes an array over an existing buffer and geometry (`nil` for a 0-d array at offset 0).
    @inlinable
    init(buffer: ArrayBuffer, geometry: ArrayGeometry?, dtype: DType) {
        self.buffer = buffer
        self.geometry = geometry
        self.dtype = dtype
    }

    /// Number of dimensions.
    @inlinable public var ndim: Int { shape.count }

    /// Number of elements (the product of ``shape``; 1 for a 0-d array).
    @inlinable public var count: Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// Same as ``count``, NumPy's spelling.
    @inlinable public var size: Int { count }

    /// Row-major (C-order) element strides for `shape`.
    @inlinable
    public static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        if shape.isEmpty { return [] }
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s &*= Swift.max(shape[i], 1)
        }
        return strides
    }

    /// True when the elements lie in row-major order with no gaps, so kernels can run over
    /// one flat buffer.
    public var isContiguous: Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            let d = shape[i]
            if d == 0 { return true }
            if d != 1 && strides[i] != expected { return false }
            expected &*= d
        }
        return true
    }
}

// MARK: - Raw access for kernels

extension NDArray {
    /// Calls `body` with a pointer to the element at ``offset`` (the first logical element).
    /// Valid only inside `body`. For a non-contiguous array, index with ``strides``.
    @inlinable
    public func withUnsafeRawPointer<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
        switch buffer {
        case .inline(let bits):
            return try withUnsafeBytes(of: bits) { try body($0.baseAddress!) }
        case .heap(let storage):
            return try withExtendedLifetime(storage) {
                try body(UnsafeRawPointer(storage.pointer) + offset * dtype.itemSize)
            }
        }
    }

    /// Calls `body` with the elements in row-major order as a flat buffer of `T`.
    /// Copies first when the array is not contiguous. `T` must match ``dtype``.
    @inlinable
    public func withUnsafeBufferPointer<T: NDScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        dezeroCheck(T.dtype == dtype, "withUnsafeBufferPointer: array has dtype \(dtype), asked for \(T.dtype)")
        if !isContiguous { return try contiguous().withUnsafeBufferPointer(as: type, body) }
        let n = count
        return try withUnsafeRawPointer { raw in
            try body(UnsafeBufferPointer(start: raw.assumingMemoryBound(to: T.self), count: n))
        }
    }

    /// Makes the storage unique and contiguous, then lets `body` write the elements in row-major order.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<T: NDScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        dezeroCheck(T.dtype == dtype, "withUnsafeMutableBufferPointer: array has dtype \(dtype), asked for \(T.dtype)")
        makeUniqueContiguous()
        let n = count
        switch buffer {
        case .inline(var bits):
            let r = try withUnsafeMutableBytes(of: &bits) {
                try body(UnsafeMutableBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: T.self), count: n))
            }
            buffer = .inline(bits)
            return r
        case .heap(let storage):
            let p = (storage.pointer + offset * dtype.itemSize).assumingMemoryBound(to: T.self)
            return try withExtendedLifetime(storage) { try body(UnsafeMutableBufferPointer(start: p, count: n)) }
        }
    }

    /// Ensures this array owns its memory alone and holds it in row-major order.
    @usableFromInline
    mutating func makeUniqueContiguous() {
        switch buffer {
        case .inline:
            if !isContiguous { self = contiguousCopy() }
        case .heap:
            let unique: Bool
            if case .heap(var s) = buffer {
                buffer = .inline(0)  // drop our second reference so the check sees only `s`
                unique = isKnownUniquelyReferenced(&s)
                buffer = .heap(s)
            } else { unique = false }
            if !unique || !isContiguous { self = contiguousCopy() }
        }
    }

    /// Allocates an array of `shape` and lets `fill` write all its elements in row-major order.
    /// One-element arrays are kept inline (no heap allocation).
    @inlinable
    public static func make<T: NDScalar>(
        _ type: T.Type, shape: [Int], _ fill: (UnsafeMutableBufferPointer<T>) throws -> Void
    ) rethrows -> NDArray {
        var n = 1
        for d in shape {
            dezeroCheck(d >= 0, "NDArray: negative dimension in shape \(shapeDescription(shape))")
            let (p, o) = n.multipliedReportingOverflow(by: d)
            dezeroCheck(!o, "NDArray: shape \(shapeDescription(shape)) has too many elements")
            n = p
        }
        if n == 1 {
            var bits: UInt64 = 0
            try withUnsafeMutableBytes(of: &bits) {
                try fill(UnsafeMutableBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: T.self), count: 1))
            }
            return NDArray(buffer: .inline(bits), shape: shape, dtype: T.dtype)
        }
        let storage = ArrayStorage(byteCount: n * MemoryLayout<T>.stride)
        let p = storage.pointer.bindMemory(to: T.self, capacity: n)
        try fill(UnsafeMutableBufferPointer(start: p, count: n))
        return NDArray(buffer: .heap(storage), shape: shape, dtype: T.dtype)
    }

    /// Allocates an array of `shape` and `dtype` whose memory `fill` writes as raw bytes.
    package static func makeRaw(dtype: DType, shape: [Int], _ fill: (UnsafeMutableRawPointer, Int) throws -> Void) rethrows -> NDArray {
        switch dtype {
        case .float32: return try make(Float.self, shape: shape) { try fill(UnsafeMutableRawPointer($0.baseAddress!), $0.count) }
        case .float64: return try make(Double.self, shape: shape) { try fill(UnsafeMutableRawPointer($0.baseAddress!), $0.count) }
        case .int64: return try make(Int64.self, shape: shape) { try fill(UnsafeMutableRawPointer($0.baseAddress!), $0.count) }
        case .bool: return try make(Bool.self, shape: shape) { try fill(UnsafeMutableRawPointer($0.baseAddress!), $0.count) }
        }
    }

    /// Returns this array if it is contiguous, else a row-major copy.
    @inlinable
    public func contiguous() -> NDArray { isContiguous ? self : contiguousCopy() }

    /// Always copies the elements into fresh row-major memory.
    public func contiguousCopy() -> NDArray {
        let size = dtype.itemSize
        let n = count
        return NDArray.makeRaw(dtype: dtype, shape: shape) { dst, _ in
            if n == 0 { return }
            withUnsafeRawPointer { src in
                if isContiguous {
                    dst.copyMemory(from: src, byteCount: n * size)
                    return
                }
                switch size {
                case 8: StridedCopy.copy(src.assumingMemoryBound(to: UInt64.self), dst.assumingMemoryBound(to: UInt64.self), shape: shape, strides: strides)
                case 4: StridedCopy.copy(src.assumingMemoryBound(to: UInt32.self), dst.assumingMemoryBound(to: UInt32.self), shape: shape, strides: strides)
                default: StridedCopy.copy(src.assumingMemoryBound(to: UInt8.self), dst.assumingMemoryBound(to: UInt8.self), shape: shape, strides: strides)
                }
            }
        }
    }

    /// A view of the same memory with another shape, strides and offset (no copy).
    /// The caller guarantees every addressed element lies inside the buffer.
    @usableFromInline package func view(shape: [Int], strides: [Int], offset: Int) -> NDArray {
        NDArray(buffer: buffer, shape: shape, strides: strides, offset: offset, dtype: dtype)
    }
}

/// The shape, strides and offset of an ``NDArray``, shared (never mutated) between copies.
/// A 0-d array at offset 0 has none.
@usableFromInline
final class ArrayGeometry: Sendable {
    @usableFromInline let shape: [Int]
    @usableFromInline let strides: [Int]
    @usableFromInline let offset: Int

    @usableFromInline
    init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }
}

/// Copies a strided n-d block into row-major order, innermost dimension in a tight loop.
@usableFromInline
enum StridedCopy {
    @usableFromInline
    static func copy<E>(_ src: UnsafePointer<E>, _ dst: UnsafeMutablePointer<E>, shape: [Int], strides: [Int]) {
        let nd = shape.count
        if nd == 0 { dst[0] = src[0]; return }
        let inner = shape[nd - 1], innerStride = strides[nd - 1]
        var index = [Int](repeating: 0, count: nd)
        var out = 0
        var base = 0
        let outer = shape.dropLast().reduce(1, *)
        for _ in 0..<outer {
            var s = base
            for _ in 0..<inner { dst[out] = src[s]; out += 1; s += innerStride }
            // advance the multi-index over the outer dimensions
            var d = nd - 2
            while d >= 0 {
                index[d] += 1
                base += strides[d]
                if index[d] < shape[d] { break }
                base -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
