// The fixed parts of NumPy's .npy format (numpy.lib.format): the magic string, the header
// length field of each version, the header we write, and the dtype strings we understand.

enum NPYFormat {
    /// `\x93NUMPY`, then a major and a minor version byte.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// NumPy pads the header so that the data starts on a 64-byte boundary.
    static let alignment = 64
    /// The longest header we read. NumPy's own reader refuses headers over 10,000 bytes by
    /// default; ours is a linear parser, so a larger cap is safe and still bounds the allocation.
    static let maxHeaderBytes = 1 << 20

    static var hostIsLittleEndian: Bool { 1.littleEndian == 1 }

    /// The dtype string NumPy writes for our dtypes, in this machine's byte order.
    static func descr(_ dtype: DType) -> String {
        let order = hostIsLittleEndian ? "<" : ">"
        switch dtype {
        case .float32: return order + "f4"
        case .float64: return order + "f8"
        case .int64: return order + "i8"
        case .bool: return "|b1"
        }
    }

    /// The magic, version, header length and header dict of `array` (C order, this machine's
    /// byte order), padded with spaces and ended by a newline so the data starts 64-byte aligned.
    /// Version 1.0 unless the header outgrows its 16-bit length field.
    static func header(dtype: DType, shape: [Int]) -> [UInt8] {
        let dict = "{'descr': '\(descr(dtype))', 'fortran_order': False, 'shape': \(shapeDescription(shape)), }"
        var prefixLength = 10
        var padded = roundUp(prefixLength + dict.utf8.count + 1)
        if padded - prefixLength > Int(UInt16.max) {
            prefixLength = 12
            padded = roundUp(prefixLength + dict.utf8.count + 1)
        }
        let headerLength = padded - prefixLength
        var out = magic
        out.reserveCapacity(padded)
        out += prefixLength == 10 ? [1, 0] : [2, 0]
        withUnsafeBytes(of: UInt32(headerLength).littleEndian) { out += $0.prefix(prefixLength - 8) }
        out += dict.utf8
        out += repeatElement(0x20, count: padded - out.count - 1)
        out.append(0x0A)
        return out
    }

    private static func roundUp(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
}

/// How the elements of a .npy file are stored, and the dtype they load as.
struct NPYElementFormat {
    enum Kind { case float, signed, unsigned, bool }
    let kind: Kind
    /// Bytes per stored element.
    let size: Int
    /// True when the stored byte order is not this machine's.
    let swapped: Bool
    /// What the elements become here: floats keep their width, integers become int64.
    let target: DType

    /// True when the stored bytes are exactly the in-memory layout of `target`.
    var isNative: Bool { !swapped && size == target.itemSize && kind != .unsigned && (kind != .signed || size == 8) }

    /// Parses a simple dtype string such as `<f4`, `>f8`, `|b1`, `<i4`, `|u1`; nil for anything
    /// else (structured, complex, string, object dtypes, 64-bit unsigned).
    init?(descr: String) {
        let chars = Array(descr.utf8)
        guard chars.count >= 3, let size = Int(String(decoding: chars[2...], as: UTF8.self)) else { return nil }
        let order = chars[0]
        switch (chars[1], size) {
        case (UInt8(ascii: "f"), 4): kind = .float; target = .float32
        case (UInt8(ascii: "f"), 8): kind = .float; target = .float64
        case (UInt8(ascii: "i"), 1), (UInt8(ascii: "i"), 2), (UInt8(ascii: "i"), 4), (UInt8(ascii: "i"), 8):
            kind = .signed; target = .int64
        case (UInt8(ascii: "u"), 1), (UInt8(ascii: "u"), 2), (UInt8(ascii: "u"), 4):
            kind = .unsigned; target = .int64
        case (UInt8(ascii: "b"), 1): kind = .bool; target = .bool
        default: return nil
        }
        self.size = size
        switch order {
        case UInt8(ascii: "|"):
            // "not applicable": only for one-byte types.
            guard size == 1 else { return nil }
            swapped = false
        case UInt8(ascii: "="): swapped = false
        case UInt8(ascii: "<"): swapped = size > 1 && !NPYFormat.hostIsLittleEndian
        case UInt8(ascii: ">"): swapped = size > 1 && NPYFormat.hostIsLittleEndian
        default: return nil
        }
    }

    /// Converts `count` stored elements at `source` into `target`'s layout at `destination`.
    func convert(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
        switch (kind, size) {
        case (.float, 4):
            let d = destination.assumingMemoryBound(to: Float.self)
            for i in 0 ..< count { d[i] = Float(bitPattern: Self.load(source, i, UInt32.self, swapped)) }
        case (.float, _):
            let d = destination.assumingMemoryBound(to: Double.self)
            for i in 0 ..< count { d[i] = Double(bitPattern: Self.load(source, i, UInt64.self, swapped)) }
        case (.signed, 1): widen(source, destination, count, Int8.self)
        case (.signed, 2): widen(source, destination, count, Int16.self)
        case (.signed, 4): widen(source, destination, count, Int32.self)
        case (.signed, _): widen(source, destination, count, Int64.self)
        case (.unsigned, 1): widen(source, destination, count, UInt8.self)
        case (.unsigned, 2): widen(source, destination, count, UInt16.self)
        case (.unsigned, _): widen(source, destination, count, UInt32.self)
        case (.bool, _):
            let s = source.assumingMemoryBound(to: UInt8.self)
            let d = destination.assumingMemoryBound(to: UInt8.self)
            for i in 0 ..< count { d[i] = s[i] == 0 ? 0 : 1 }
        }
    }

    private func widen<T: FixedWidthInteger>(_ source: UnsafeRawPointer, _ destination: UnsafeMutableRawPointer, _ count: Int, _: T.Type) {
        let d = destination.assumingMemoryBound(to: Int64.self)
        for i in 0 ..< count { d[i] = Int64(Self.load(source, i, T.self, swapped)) }
    }

    @inline(__always)
    private static func load<T: FixedWidthInteger>(_ p: UnsafeRawPointer, _ i: Int, _: T.Type, _ swapped: Bool) -> T {
        let v = p.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
        return swapped ? v.byteSwapped : v
    }
}
