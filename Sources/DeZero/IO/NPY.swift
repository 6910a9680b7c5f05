import Foundation

/// NumPy's `.npy` format: one array per file, a short text header (dtype, order, shape) and the
/// raw elements. Arrays are written as NumPy writes them (`<f4`, `<f8`, `<i8` or `|b1`, C order,
/// data 64-byte aligned). Reading also takes Fortran-order arrays (made C order), big-endian
/// floats and integers (byte-swapped), and the integer types `i1 i2 i4 u1 u2 u4` (widened to int64).
///
/// ```swift
/// let bytes = NPY.encode(NDArray([1, 2, 3] as [Float], shape: [3]))
/// let x = try NPY.decode(bytes, path: "x.npy")     // float32, shape [3]
/// ```
public enum NPY {
    /// The `.npy` bytes of `array` (any layout; views are written in row-major order).
    public static func encode(_ array: NDArray) -> [UInt8] {
        let a = array.contiguous()
        var out = NPYFormat.header(dtype: a.dtype, shape: a.shape)
        a.withUnsafeRawPointer { out += UnsafeRawBufferPointer(start: $0, count: a.count * a.dtype.itemSize) }
        return out
    }

    /// Reads an array from `.npy` bytes. `path` names the source in errors.
    ///
    /// - Throws: ``WeightFileError`` for a wrong magic string, a malformed header, an
    ///   unsupported dtype, or a shape that does not match the data.
    public static func decode(_ bytes: [UInt8], path: String) throws -> NDArray {
        try bytes.withUnsafeBytes { raw in
            var source = NPYMemorySource(bytes: raw)
            return try decode(from: &source, count: raw.count, context: NPYContext(path: path, key: nil))
        }
    }

    /// Writes one array to a `.npy` file, atomically.
    public static func write(_ array: NDArray, to url: URL) throws {
        let a = array.contiguous()
        try atomicWrite(to: url) { out in
            try out.write(NPYFormat.header(dtype: a.dtype, shape: a.shape))
            try a.withUnsafeRawPointer { try out.write(UnsafeRawBufferPointer(start: $0, count: a.count * a.dtype.itemSize)) }
        }
    }

    /// Reads a `.npy` file.
    public static func read(from url: URL) throws -> NDArray {
        let data = try readWholeFile(url)
        return try data.withUnsafeBytes { raw in
            var source = NPYMemorySource(bytes: raw)
            return try decode(from: &source, count: raw.count, context: NPYContext(path: url.path, key: nil))
        }
    }

    /// Decodes `count` bytes of `.npy` data pulled from `source`. Every size is checked against
    /// `count` before the array is allocated, and the elements go straight into the array.
    static func decode<S: NPYByteSource>(from source: inout S, count total: Int, context: NPYContext) throws -> NDArray {
        let header = try readHeader(from: &source, count: total, context: context)
        let parsed: NPYHeader
        do { parsed = try NPYHeader.parse(header.text) } catch { throw context.bad(error.reason) }
        guard let format = NPYElementFormat(descr: parsed.descr) else { throw context.unsupported(parsed.descr) }
        let shape = parsed.shape
        let dataBytes = try byteCount(shape: shape, itemSize: format.size, context: context)
        let available = total - header.end
        guard dataBytes <= available else {
            // Saturating: dataBytes may be close to Int.max (the shape's product is only overflow-checked).
            let (needed, overflow) = header.end.addingReportingOverflow(dataBytes)
            throw context.truncated(needed: overflow ? .max : needed, available: total,
                                    detail: "shape \(shapeDescription(shape)) of \(parsed.descr) needs \(dataBytes) bytes of data, there are \(available)")
        }
        guard dataBytes == available else {
            throw context.bad("shape \(shapeDescription(shape)) of \(parsed.descr) needs \(dataBytes) bytes of data, there are \(available)")
        }
        // Fortran order stores the reversed shape in C order; transpose it back after reading.
        let storedShape = parsed.fortranOrder ? Array(shape.reversed()) : shape
        var array = try readElements(from: &source, shape: storedShape, format: format, byteCount: dataBytes)
        if parsed.fortranOrder && shape.count > 1 { array = array.transpose().contiguousCopy() }
        return array
    }

    /// Reads the magic string, version and header length, then the header text.
    private static func readHeader<S: NPYByteSource>(from source: inout S, count total: Int, context: NPYContext) throws -> (text: [UInt8], end: Int) {
        guard total >= 10 else { throw context.truncated(needed: 10, available: total, detail: "the .npy prefix needs 10 bytes") }
        var prefix = [UInt8](repeating: 0, count: 12)
        try prefix.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< 10])) }
        guard prefix.prefix(6).elementsEqual(NPYFormat.magic) else {
            throw context.bad("not a .npy array: it does not start with the magic string \\x93NUMPY")
        }
        let prefixLength: Int, headerLength: Int
        switch prefix[6] {
        case 1:
            prefixLength = 10
            headerLength = Int(prefix[8]) | Int(prefix[9]) << 8
        case 2, 3:
            prefixLength = 12
            guard total >= 12 else { throw context.truncated(needed: 12, available: total, detail: "the .npy prefix needs 12 bytes") }
            try prefix.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[10 ..< 12])) }
            headerLength = (8 ..< 12).reduce(0) { $0 | Int(prefix[$1]) << (8 * ($1 - 8)) }
        default:
            throw context.bad(".npy format version \(prefix[6]).\(prefix[7]) is not supported (1.0, 2.0 and 3.0 are)")
        }
        guard headerLength <= NPYFormat.maxHeaderBytes else {
            throw context.bad("the .npy header length \(headerLength) exceeds the \(NPYFormat.maxHeaderBytes)-byte limit")
        }
        guard headerLength <= total - prefixLength else {
            throw context.truncated(needed: prefixLength + headerLength, available: total,
                                    detail: "the .npy header needs \(headerLength) bytes, there are \(total - prefixLength)")
        }
        var text = [UInt8](repeating: 0, count: headerLength)
        try text.withUnsafeMutableBytes { try source.read(into: $0) }
        return (text, prefixLength + headerLength)
    }

    /// The product of the shape and the item size, refusing overflow.
    private static func byteCount(shape: [Int], itemSize: Int, context: NPYContext) throws -> Int {
        var n = itemSize
        for d in shape {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow else { throw context.bad("shape \(shapeDescription(shape)) is too large") }
            n = p
        }
        return n
    }

    /// Allocates the array and fills it: directly when the stored layout is ours, else through
    /// a temporary buffer and a conversion.
    private static func readElements<S: NPYByteSource>(from source: inout S, shape: [Int], format: NPYElementFormat, byteCount: Int) throws -> NDArray {
        if format.isNative {
            return try NDArray.makeRaw(dtype: format.target, shape: shape) { dst, count in
                try source.read(into: UnsafeMutableRawBufferPointer(start: dst, count: byteCount))
                // A bool must be 0 or 1 in memory; NumPy reads any non-zero byte as True.
                if format.kind == .bool { format.convert(dst, to: dst, count: count) }
            }
        }
        let staging = UnsafeMutableRawBufferPointer.allocate(byteCount: max(byteCount, 1), alignment: 16)
        defer { staging.deallocate() }
        try source.read(into: UnsafeMutableRawBufferPointer(rebasing: staging[0 ..< byteCount]))
        return NDArray.makeRaw(dtype: format.target, shape: shape) { dst, count in
            format.convert(UnsafeRawPointer(staging.baseAddress!), to: dst, count: count)
        }
    }

    /// The whole file, memory-mapped when possible.
    static func readWholeFile(_ url: URL) throws -> Data {
        do { return try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw WeightFileError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}

/// Where .npy bytes come from: memory (a file or a stored zip member) or an inflater.
protocol NPYByteSource {
    /// Fills `buffer` completely; the decoder never asks for more than the declared count.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws
}

/// .npy bytes already in memory; inside a .npz it also computes the member's CRC-32 in the
/// same pass as the copy into the array.
struct NPYMemorySource: NPYByteSource {
    let bytes: UnsafeRawBufferPointer
    let computesChecksum: Bool
    private var position = 0
    private(set) var crc = ZipCRC32()

    init(bytes: UnsafeRawBufferPointer, computesChecksum: Bool = false) {
        self.bytes = bytes
        self.computesChecksum = computesChecksum
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws {
        guard buffer.count > 0 else { return }
        dezeroCheck(buffer.count <= bytes.count - position, "NPY: read past the checked size")
        let piece = UnsafeRawBufferPointer(rebasing: bytes[position ..< position + buffer.count])
        if computesChecksum {
            crc.append(checksum: ZipCRC32.copyAndChecksum(piece, to: buffer.baseAddress!), length: piece.count)
        } else {
            buffer.baseAddress!.copyMemory(from: piece.baseAddress!, byteCount: piece.count)
        }
        position += buffer.count
    }
}

/// Names the file (and, inside a .npz, the member) in errors from decoding.
struct NPYContext {
    let path: String
    /// The .npz key, or nil for a standalone .npy file.
    let key: String?

    func bad(_ reason: String) -> WeightFileError {
        if let key { return .badTensor(path: path, key: key, reason: reason) }
        return .badHeader(path: path, reason: reason)
    }

    func truncated(needed: Int, available: Int, detail: String) -> WeightFileError {
        if let key { return .badTensor(path: path, key: key, reason: "the .npy data is truncated: \(detail)") }
        return .truncated(path: path, needed: needed, available: available)
    }

    func unsupported(_ descr: String) -> WeightFileError {
        .unsupportedDType(path: path, key: key ?? URL(fileURLWithPath: path).lastPathComponent, dtype: descr)
    }
}
