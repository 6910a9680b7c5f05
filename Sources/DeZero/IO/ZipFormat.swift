// The fixed parts of the zip format (PKWARE's APPNOTE.TXT) that the .npz reader and writer share:
// record signatures, the ZIP64 markers, and little-endian field access.

/// Signatures and sizes of zip records. All multi-byte fields are little-endian.
enum ZipFormat {
    static let localHeaderSignature: UInt32 = 0x0403_4b50        // "PK\3\4"
    static let centralHeaderSignature: UInt32 = 0x0201_4b50      // "PK\1\2"
    static let endRecordSignature: UInt32 = 0x0605_4b50          // "PK\5\6"
    static let zip64EndRecordSignature: UInt32 = 0x0606_4b50     // "PK\6\6"
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50       // "PK\6\7"

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endRecordSize = 22
    static let zip64EndRecordSize = 56
    static let zip64LocatorSize = 20
    /// The end record's comment is at most 65535 bytes, so the record lies in the file's last 64 KiB.
    static let maxCommentSize = 0xFFFF

    /// The extra-field id of the ZIP64 extended information (64-bit sizes and offset).
    static let zip64ExtraID: UInt16 = 0x0001
    /// A 32-bit size or offset equal to this means "see the ZIP64 field".
    static let sentinel32: UInt32 = 0xFFFF_FFFF
    /// An entry count equal to this means "see the ZIP64 end record".
    static let sentinel16: UInt16 = 0xFFFF

    static let methodStored: UInt16 = 0
    static let methodDeflate: UInt16 = 8
    /// General-purpose flag bits.
    static let flagEncrypted: UInt16 = 1 << 0
    static let flagUTF8: UInt16 = 1 << 11

    /// "Version needed to extract": 2.0 for deflate, 4.5 for ZIP64.
    static let versionDeflate: UInt16 = 20
    static let versionZip64: UInt16 = 45
    /// "Version made by": high byte 3 = Unix, so `unzip` restores the permission bits below.
    static let madeByUnix: UInt16 = 3 << 8
    /// External attributes: a regular file, rw-r--r--.
    static let unixFileAttributes: UInt32 = 0o100644 << 16
    /// 1980-01-01 00:00, the earliest DOS date: what Python's zipfile writes for `np.savez`,
    /// and it keeps our archives byte-for-byte reproducible.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
}

/// Bounds-unchecked little-endian loads from raw bytes; callers check bounds first.
struct LittleEndianReader {
    let bytes: UnsafeRawBufferPointer

    func u16(_ offset: Int) -> UInt16 {
        UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    func u32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    func u64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// True when `count` bytes starting at `offset` lie inside the buffer (no overflow).
    func contains(_ offset: Int, _ count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= bytes.count && count <= bytes.count - offset
    }
}

/// Builds a record field by field, little-endian.
struct LittleEndianWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }
}
