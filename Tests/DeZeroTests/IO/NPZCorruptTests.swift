import Foundation
import Testing
@testable import DeZero

/// Damaged and hostile archives: each must give a `WeightFileError` that says what is wrong,
/// never a crash and never an allocation the file's own size does not justify.
@Suite("corrupt npz archives")
struct NPZCorruptTests {
    static let a = NDArray([1, 2, 3] as [Float], shape: [3])
    static let b = NDArray([4, 5], shape: [2])

    /// A stored archive of `a.npy` and `b.npy`, as bytes.
    static func base(compressed: Bool = false, zip64: ZipWriter.Zip64Policy = .whenNeeded) throws -> [UInt8] {
        let url = try temporaryDirectory().appendingPathComponent("base.npz")
        try writeZip([("a.npy", NPY.encode(a)), ("b.npy", NPY.encode(b))], compressed: compressed, zip64: zip64, to: url)
        return [UInt8](try Data(contentsOf: url))
    }

    /// Reads `bytes` as a .npz file; returns the error's description, or nil if it loaded.
    static func load(_ bytes: [UInt8]) throws -> (error: WeightFileError?, path: String) {
        let url = try temporaryDirectory().appendingPathComponent("bad.npz")
        try Data(bytes).write(to: url)
        do {
            _ = try NPZ.read(from: url)
            return (nil, url.path)
        } catch let error as WeightFileError {
            return (error, url.path)
        }
    }

    /// Expects a `WeightFileError` whose description contains `fragment`.
    static func expectFailure(_ bytes: [UInt8], _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (error, _) = try load(bytes)
        guard let error else {
            Issue.record("the damaged archive loaded", sourceLocation: sourceLocation)
            return
        }
        #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }

    static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) { bytes.replaceSubrange(at ..< at + 4, with: littleEndianBytes(value)) }
    static func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16) { bytes.replaceSubrange(at ..< at + 2, with: littleEndianBytes(value)) }

    /// Offsets of the central headers (in order) and of the end record.
    static func layout(_ bytes: [UInt8]) -> (central: [Int], end: Int) {
        (signatureOffsets(bytes, ZipFormat.centralHeaderSignature), signatureOffsets(bytes, ZipFormat.endRecordSignature).last!)
    }

    @Test("the untouched base archive loads (so the failures below are due to the damage)")
    func baseLoads() throws {
        for compressed in [false, true] {
            let (error, _) = try Self.load(try Self.base(compressed: compressed))
            #expect(error == nil)
        }
    }

    @Test("every truncation of an archive is a typed error", arguments: [false, true])
    func truncated(compressed: Bool) throws {
        let bytes = try Self.base(compressed: compressed)
        for cut in 0 ..< bytes.count {
            let (error, path) = try Self.load(Array(bytes.prefix(cut)))
            #expect(error != nil, "cut at \(cut)")
            if cut == 0 { #expect(error == .truncated(path: path, needed: 22, available: 0)) }
        }
    }

    @Test("a file that is not a zip archive is refused by its first bytes")
    func wrongMagic() throws {
        var bytes = try Self.base()
        bytes.replaceSubrange(0 ..< 4, with: Array("GIF8".utf8))
        try Self.expectFailure(bytes, "not a zip archive: it starts with bytes 47 49 46 38")
        try Self.expectFailure(NPY.encode(Self.a), "this is a .npy file, not a .npz archive")
        try Self.expectFailure(Array("hello, world".utf8), "not a zip archive")
        // Zip magic, but no end record anywhere.
        try Self.expectFailure([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 40), "no end-of-central-directory record")
    }

    @Test("sizes in the directory that the file cannot back are refused before allocating")
    func lyingZipSizes() throws {
        let good = try Self.base()
        let (central, end) = Self.layout(good)
        var bytes = good
        // Member a claims 2 GiB of stored data.
        Self.put32(&bytes, central[0] + 20, 0x7FFF_FFFF)
        Self.put32(&bytes, central[0] + 24, 0x7FFF_FFFF)
        try Self.expectFailure(bytes, "tensor 'a.npy': its 2147483647 bytes of data run past the end of the members")
        bytes = good
        Self.put32(&bytes, central[0] + 24, 5)
        try Self.expectFailure(bytes, "stored member has compressed size")
        bytes = good
        Self.put32(&bytes, end + 16, UInt32(bytes.count))      // central directory offset past the end
        try Self.expectFailure(bytes, "lies outside the file")
        bytes = good
        Self.put16(&bytes, end + 8, 0xFFFE)
        Self.put16(&bytes, end + 10, 0xFFFE)                    // 65534 entries in a few bytes
        try Self.expectFailure(bytes, "claims 65534 entries")
        bytes = good
        Self.put32(&bytes, central[1] + 42, 7)                  // member b's local header is not at 7
        try Self.expectFailure(bytes, "tensor 'b.npy': no local header at offset 7")
        bytes = good
        Self.put32(&bytes, central[0] + 20, 0xFFFF_FFFF)        // a ZIP64 marker without the ZIP64 field
        try Self.expectFailure(bytes, "need a ZIP64 extra field")
    }

    @Test("members whose bytes overlap are refused")
    func overlap() throws {
        var bytes = try Self.base()
        let (central, _) = Self.layout(bytes)
        // Stretch member a (stored, so both sizes) over b's local header.
        let size = UInt32(zipLE32(bytes, central[0] + 20) + 10)
        Self.put32(&bytes, central[0] + 20, size)
        Self.put32(&bytes, central[0] + 24, size)
        try Self.expectFailure(bytes, "its bytes overlap member 'a.npy'")
    }

    @Test("a lying ZIP64 field is checked like any size")
    func lyingZip64() throws {
        let good = try Self.base(zip64: .always)
        let (central, end) = Self.layout(good)
        // The central ZIP64 field follows the 46-byte header and the 5-byte name: id, size, then
        // uncompressed size, compressed size, offset.
        let extra = central[0] + 46 + 5
        #expect(zipLE16(good, extra) == 1 && zipLE16(good, extra + 2) == 24)
        var bytes = good
        bytes.replaceSubrange(extra + 4 ..< extra + 20, with: littleEndianBytes(UInt64(1) << 40) + littleEndianBytes(UInt64(1) << 40))
        try Self.expectFailure(bytes, "bytes of data run past the end of the members")
        bytes = good
        bytes.replaceSubrange(extra + 20 ..< extra + 28, with: littleEndianBytes(UInt64.max))
        try Self.expectFailure(bytes, "impossibly large")
        // The ZIP64 end record's entry count, and a locator pointing nowhere.
        let record = signatureOffsets(good, ZipFormat.zip64EndRecordSignature)[0]
        bytes = good
        bytes.replaceSubrange(record + 32 ..< record + 40, with: littleEndianBytes(UInt64(1) << 50))
        try Self.expectFailure(bytes, "ZIP64 end record claims")
        bytes = good
        bytes.replaceSubrange(end - 12 ..< end - 4, with: littleEndianBytes(UInt64(3)))
        try Self.expectFailure(bytes, "no ZIP64 end record is")
    }

    @Test("deflated members: sizes beyond deflate's ratio, too short or too long, and corrupt data")
    func lyingDeflate() throws {
        let good = try Self.base(compressed: true)
        let (central, _) = Self.layout(good)
        var bytes = good
        Self.put32(&bytes, central[0] + 24, 0x7FFF_FFFF)
        try Self.expectFailure(bytes, "more than deflate can")
        let real = zipLE32(good, central[0] + 24)
        bytes = good
        Self.put32(&bytes, central[0] + 24, UInt32(real - 1))   // the data inflates to one byte more
        try Self.expectFailure(bytes, "tensor 'a'")
        bytes = good
        Self.put32(&bytes, central[0] + 24, UInt32(real + 100)) // the data ends before the declared size
        try Self.expectFailure(bytes, "tensor 'a'")
        bytes = good
        // Garbage in place of the compressed stream (the local header is 30 bytes plus "a.npy").
        for i in 35 ..< 45 { bytes[i] = 0xFF }
        try Self.expectFailure(bytes, "tensor 'a'")
    }

    @Test("a CRC-32 mismatch is reported", arguments: [false, true])
    func crcMismatch(compressed: Bool) throws {
        let good = try Self.base(compressed: compressed)
        let (central, _) = Self.layout(good)
        var bytes = good
        bytes[central[1] + 16] ^= 0x01      // the recorded CRC of b
        try Self.expectFailure(bytes, "tensor 'b': CRC-32 mismatch")
        if !compressed {
            bytes = good
            bytes[35 + 128] ^= 0x40         // the first data byte of a (after its 128-byte .npy header)
            try Self.expectFailure(bytes, "tensor 'a': CRC-32 mismatch")
        }
    }

    @Test(".npy members with lying headers, wrong magic or unsupported dtypes", arguments: [false, true])
    func badMembers(compressed: Bool) throws {
        let dir = try temporaryDirectory()
        func archive(_ members: [(String, [UInt8])]) throws -> URL {
            let url = dir.appendingPathComponent("m.npz")
            try writeZip(members, compressed: compressed, to: url)
            return url
        }
        func expect(_ members: [(String, [UInt8])], _ expected: (String) -> WeightFileError) throws {
            let url = try archive(members)
            #expect(throws: expected(url.path)) { try NPZ.read(from: url) }
        }
        let shapeTooBig = npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000,), }", data: [0, 0, 0, 0, 0, 0, 0, 0])
        try expect([("w.npy", shapeTooBig)]) {
            .badTensor(path: $0, key: "w", reason: "the .npy data is truncated: shape (1000000,) of <f8 needs 8000000 bytes of data, there are 8")
        }
        let complex = npyBytes(header: "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", data: [UInt8](repeating: 0, count: 8))
        try expect([("l0/W.npy", complex)]) { .unsupportedDType(path: $0, key: "l0/W", dtype: "<c8") }
        var lyingLength = NPY.encode(Self.a)
        lyingLength[8] = 0xFF
        lyingLength[9] = 0xFF
        try expect([("a.npy", lyingLength)]) {
            .badTensor(path: $0, key: "a", reason: "the .npy data is truncated: the .npy header needs 65535 bytes, there are \(lyingLength.count - 10)")
        }
        try expect([("a.npy", Array("not numpy at all".utf8))]) {
            .badTensor(path: $0, key: "a", reason: "not a .npy array: it does not start with the magic string \\x93NUMPY")
        }
        try expect([("a.npy", NPY.encode(Self.a)), ("readme.txt", Array("hi".utf8))]) {
            .badTensor(path: $0, key: "readme.txt", reason: "the member is not a .npy array (its name does not end in .npy)")
        }
        try expect([("a.npy", NPY.encode(Self.a)), ("b.npy", NPY.encode(Self.b)), ("a.npy", NPY.encode(Self.b))]) {
            .duplicateKey(path: $0, key: "a")
        }
    }

    @Test("directory entries that zip tools add are skipped")
    func directoryEntries() throws {
        let url = try temporaryDirectory().appendingPathComponent("d.npz")
        try writeZip([("l0/", []), ("l0/W.npy", NPY.encode(Self.a))], to: url)
        #expect(try NPZ.read(from: url) == ["l0/W": Self.a])
    }

    @Test("random damage never crashes: every result is an array set or a WeightFileError", arguments: [false, true])
    func randomDamage(compressed: Bool) throws {
        let good = try Self.base(compressed: compressed)
        var generator = RandomGenerator(seed: compressed ? 11 : 12)
        var failures = 0
        for _ in 0 ..< 400 {
            var bytes = good
            for _ in 0 ..< 1 + generator.nextInt(in: 0 ..< 4) {
                let i = generator.nextInt(in: 0 ..< bytes.count)
                bytes[i] = UInt8(truncatingIfNeeded: generator.next())
            }
            // load() lets only WeightFileError through; anything else fails the test.
            if try Self.load(bytes).error != nil { failures += 1 }
        }
        #expect(failures > 100)  // most single-byte damage is detected (CRC, signatures, sizes)
    }
}
