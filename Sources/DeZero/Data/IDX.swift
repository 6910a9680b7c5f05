import Foundation

/// The contents of an IDX file of unsigned bytes (MNIST's format): its dimensions and data.
package struct IDXArray: Sendable, Equatable {
    /// The dimensions from the header, e.g. `[60000, 28, 28]` for MNIST's training images.
    package let shape: [Int]
    /// The data, row-major, one byte per element (a view into the file's memory, not a copy).
    package let bytes: ArraySlice<UInt8>
}

/// Reads IDX files: the big-endian format MNIST ships in, raw or gzip-compressed.
///
/// An IDX file starts with a magic number `00 00 08 nd` (0x08: unsigned bytes; `nd`: the number
/// of dimensions), then `nd` big-endian 32-bit sizes, then the data. Sizes from the header are
/// multiplied with overflow checks and compared with what the file can hold before anything is
/// allocated, so a damaged or hostile file gives a ``DatasetError``, never a crash or a huge
/// allocation. A raw file's data is a view of the file (no copy). A gzip file's data may
/// inflate to at most ``Gzip/maxDecompressedBytes`` (1 GiB) and to no more than deflate can
/// expand its compressed size to; once the header's size passes both checks, it is allocated
/// once, at exactly that size, and inflated into.
///
/// ```swift
/// let labels = try IDX.read(from: url, dimensions: 1)   // train-labels-idx1-ubyte(.gz)
/// labels.shape    // [60000]
/// ```
package enum IDX {
    /// IDX type code of unsigned bytes, the only element type MNIST-style files use.
    static let unsignedByte: UInt32 = 0x08

    /// The magic number of an unsigned-byte IDX file with `dimensions` dimensions
    /// (0x00000803 for images, 0x00000801 for labels).
    package static func magic(dimensions: Int) -> UInt32 { unsignedByte << 8 | UInt32(dimensions) }

    /// Reads the file at `url`; gzip is recognised by its content, not its name.
    package static func read(from url: URL, dimensions: Int) throws(DatasetError) -> IDXArray {
        let path = url.path
        return try parse(readFileBytes(atPath: path), path: path, dimensions: dimensions)
    }

    /// Parses the bytes of a whole IDX file (raw or gzip); `path` names it in errors.
    package static func parse(_ file: [UInt8], path: String, dimensions: Int) throws(DatasetError) -> IDXArray {
        var source = try IDXSource(file, path: path)
        let magicBytes = try source.read(4, expectedTotal: 4)
        let found = magicBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let expected = magic(dimensions: dimensions)
        guard found == expected else { throw .wrongMagic(path: path, expected: expected, found: found) }

        let headerSize = 4 + 4 * dimensions
        let dimBytes = try source.read(4 * dimensions, expectedTotal: headerSize)
        let dims = (0..<dimensions).map { i in
            dimBytes[4 * i..<4 * i + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        let total = try checkedTotal(dims, headerSize: headerSize, source: source)
        let payload = try source.readPayload(total - headerSize, expectedTotal: total)
        try source.expectEnd(expectedTotal: total)
        return IDXArray(shape: dims.map { Int($0) }, bytes: payload)
    }

    /// Header size plus the product of the dimensions, overflow-checked and compared with the
    /// most data the file can hold: its length when raw; when gzip, the cap on inflated data and
    /// what deflate can expand the file to.
    private static func checkedTotal(_ dims: [UInt32], headerSize: Int, source: IDXSource) throws(DatasetError) -> Int {
        let absurd = DatasetError.absurdDimensions(path: source.path, dimensions: dims, maxBytes: source.capacity)
        var total = 1
        for d in dims {
            let (p, overflow) = total.multipliedReportingOverflow(by: Int(d))
            if overflow { throw absurd }
            total = p
        }
        let (withHeader, overflow) = total.addingReportingOverflow(headerSize)
        if overflow { throw absurd }
        if withHeader > source.capacity {
            // A raw file's capacity is its length: too little data is plain truncation.
            if source.isCompressed { throw absurd }
            throw .truncated(path: source.path, expectedBytes: withHeader, foundBytes: source.capacity)
        }
        if source.isCompressed && withHeader > Gzip.maxDecompressedBytes {
            throw .exceedsDecompressionLimit(path: source.path, declaredBytes: withHeader, limit: Gzip.maxDecompressedBytes)
        }
        return withHeader
    }
}

/// The decompressed bytes of an IDX file, read front to back.
private struct IDXSource {
    let path: String
    private let file: [UInt8]
    private let inflater: Inflater?
    private var position = 0
    /// The most decompressed bytes this file could hold.
    let capacity: Int

    var isCompressed: Bool { inflater != nil }

    init(_ file: [UInt8], path: String) throws(DatasetError) {
        self.path = path
        self.file = file
        if Gzip.isGzip(file) {
            do { inflater = try Inflater(file) } catch { throw .corruptGzip(path: path, reason: error.description) }
            capacity = Gzip.maxInflatedSize(file.count)
        } else {
            inflater = nil
            capacity = file.count
        }
    }

    /// The next `count` bytes (a header part); a short read is a truncated file.
    mutating func read(_ count: Int, expectedTotal: Int) throws(DatasetError) -> [UInt8] {
        try Array(readPayload(count, expectedTotal: expectedTotal))
    }

    /// The next `count` bytes: a slice of the file when raw (no copy), a fresh buffer when gzip.
    mutating func readPayload(_ count: Int, expectedTotal: Int) throws(DatasetError) -> ArraySlice<UInt8> {
        guard let inflater else {
            let available = min(count, file.count - position)
            defer { position += available }
            if available < count {
                throw .truncated(path: path, expectedBytes: expectedTotal, foundBytes: file.count)
            }
            return file[position..<position + count]
        }
        // The header's size has passed the caller's checks: allocate it once and inflate into it.
        var failure: DatasetError?
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(GzipError) {
                initialized = try inflater.read(into: UnsafeMutableRawBufferPointer(buffer))
                if initialized < count {
                    failure = .truncated(path: path, expectedBytes: expectedTotal, foundBytes: inflater.produced)
                }
            } catch .truncated(let produced) {
                failure = .truncated(path: path, expectedBytes: expectedTotal, foundBytes: produced)
            } catch {
                failure = .corruptGzip(path: path, reason: error.description)
            }
        }
        if let failure { throw failure }
        position += count
        return out[...]
    }

    /// Checks that nothing follows the data the header announced.
    mutating func expectEnd(expectedTotal: Int) throws(DatasetError) {
        guard let inflater else {
            if file.count > position {
                throw .trailingBytes(path: path, expectedBytes: expectedTotal, foundBytes: file.count, foundIsLowerBound: false)
            }
            return
        }
        var extra: UInt8 = 0
        let n: Int
        do { n = try withUnsafeMutableBytes(of: &extra) { (p) throws(GzipError) in try inflater.read(into: p) } }
        catch .truncated { throw .corruptGzip(path: path, reason: "the compressed stream ends before its end marker") }
        catch { throw .corruptGzip(path: path, reason: error.description) }
        if n > 0 {
            throw .trailingBytes(path: path, expectedBytes: expectedTotal, foundBytes: expectedTotal, foundIsLowerBound: true)
        }
    }
}
