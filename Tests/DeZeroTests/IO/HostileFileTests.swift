import Foundation
import Testing
@testable import DeZero

/// The reported attacks on the readers (issue 9), each run in a child process whose address
/// space is limited to what it already uses plus a small multiple of the file's size: a reader
/// that allocates what the file merely claims dies of the limit instead of answering.
@Suite("hostile files under a memory limit", .enabled(if: Probe.canLimitMemory))
struct HostileFileMemoryTests {
    /// The budget for reading a file of `bytes` bytes: room for the runtime's own growth
    /// (threads, Foundation) plus four times the file.
    static func budget(fileBytes bytes: Int, plus extra: Int = 0) -> Int { 256 + (4 * bytes + extra) >> 20 }

    static func write(_ bytes: some DataProtocol, _ name: String) throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test("1,500 safetensors entries claiming one 4 MiB range are refused before any tensor is allocated")
    func overlappingSafetensors() throws {
        let file = HostileFiles.overlappingSafetensors(entries: 1500, rangeBytes: 4 << 20)
        let url = try Self.write(file, "overlap.safetensors")
        let outcome = try Probe.read("safetensors", url, addressSpaceMegabytes: Self.budget(fileBytes: file.count))
        #expect(!outcome.crashed && outcome.status == 1, "\(outcome)")
        #expect(outcome.output.contains("overlap"), "\(outcome)")
    }

    @Test("an honest 4 MiB safetensors file reads within the same budget")
    func honestSafetensors() throws {
        let tensors = [("w", NDArray(Array(repeating: Float(0.5), count: 1 << 20), shape: [1 << 20]))]
        let url = try temporaryDirectory().appendingPathComponent("w.safetensors")
        try Safetensors.write(tensors, to: url)
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        let outcome = try Probe.read("safetensors", url, addressSpaceMegabytes: Self.budget(fileBytes: size))
        #expect(outcome.status == 0 && outcome.output.contains("accepted 1 tensors"), "\(outcome)")
    }

    @Test("a 3.1 MB gzip IDX file declaring (and inflating to) 3 GiB is refused before allocating", arguments: [3072, 1536])
    func gzipBombIDX(mebibytes: Int) throws {
        let images = UInt32((mebibytes << 20) / 784)
        let file = try HostileFiles.gzipIDX(images: images, payloadBytes: Int(images) * 784)
        let url = try Self.write(file, "bomb-images-idx3-ubyte.gz")
        let outcome = try Probe.read("idx3", url, addressSpaceMegabytes: Self.budget(fileBytes: file.count))
        #expect(!outcome.crashed && outcome.status == 1, "\(outcome)")
        #expect(outcome.output.contains("gzip"), "\(outcome)")
    }

    @Test("an honest gzip IDX file inflating to 64 MiB reads in one allocation of its declared size")
    func honestGzipIDX() throws {
        let images: UInt32 = 85_598  // × 784 = 67,108,832 bytes
        let file = try HostileFiles.gzipIDX(images: images, payloadBytes: Int(images) * 784)
        let url = try Self.write(file, "honest-images-idx3-ubyte.gz")
        let outcome = try Probe.read("idx3", url, addressSpaceMegabytes: Self.budget(fileBytes: file.count, plus: Int(images) * 784))
        #expect(outcome.status == 0 && outcome.output.contains("[85598, 28, 28]"), "\(outcome)")
    }

    @Test("Gzip.decompress stops a 3 GiB bomb at its fixed cap")
    func gzipBombDecompress() throws {
        let file = try HostileFiles.gzipIDX(images: 1, payloadBytes: 3 << 30)
        let url = try Self.write(file, "bomb.gz")
        let outcome = try Probe.read("gzip", url, addressSpaceMegabytes: Self.budget(fileBytes: file.count, plus: Gzip.maxDecompressedBytes))
        #expect(!outcome.crashed && outcome.status == 1, "\(outcome)")
        #expect(outcome.output.contains("limit"), "\(outcome)")
    }

    @Test("a 2 MB .npz member declaring (and inflating to) 2 GiB is refused before allocating")
    func deflateBombNPZ() throws {
        let file = try HostileFiles.deflatedNPZ(elements: 1 << 29, mebibytes: 2048)
        let url = try Self.write(file, "bomb.npz")
        let outcome = try Probe.read("npz", url, addressSpaceMegabytes: Self.budget(fileBytes: file.count))
        #expect(!outcome.crashed && outcome.status == 1, "\(outcome)")
    }
}

/// Header and directory tricks that used to be accepted (issue 9, items 3 and 4).
@Suite("loose headers and directories")
struct LooseHeaderTests {
    static let f32 = #""dtype":"F32","shape":[1]"#

    /// A safetensors file from raw header bytes and a data length.
    static func file(headerBytes: [UInt8], data: Int) -> Data {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: headerBytes)
        bytes.append(Data(count: data))
        return bytes
    }

    static func utf16(_ s: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in s.utf16 {
            out += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return out
    }

    static let plain = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#

    @Test("safetensors headers the format does not allow are refused", arguments: [
        ("fractional offsets", Array(#"{"a":{\#(f32),"data_offsets":[0.9,4.9]}}"#.utf8), "integer"),
        ("fractional offsets equal to integers", Array(#"{"a":{\#(f32),"data_offsets":[0.0,4.0]}}"#.utf8), "integer"),
        ("exponent offsets", Array(#"{"a":{\#(f32),"data_offsets":[0,4e0]}}"#.utf8), "integer"),
        ("offsets past 2^64", Array(#"{"a":{\#(f32),"data_offsets":[18446744073709551616,18446744073709551620]}}"#.utf8), "too large"),
        ("offsets past Int.max", Array(#"{"a":{\#(f32),"data_offsets":[9223372036854775808,9223372036854775812]}}"#.utf8), "too large"),
        ("negative zero", Array(#"{"a":{\#(f32),"data_offsets":[-0,4]}}"#.utf8), "non-negative"),
        ("leading zero", Array(#"{"a":{\#(f32),"data_offsets":[00,4]}}"#.utf8), "leading zero"),
        ("fractional dimension", Array(#"{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}"#.utf8), "integer"),
        ("duplicate key spelled with escapes", Array(#"{"l0/b":{\#(f32),"data_offsets":[0,4]},"\u006c0/b":{\#(f32),"data_offsets":[4,8]}}"#.utf8), "more than once"),
        ("duplicate key spelled with an escaped slash", Array(#"{"l0/b":{\#(f32),"data_offsets":[0,4]},"l0\/b":{\#(f32),"data_offsets":[4,8]}}"#.utf8), "more than once"),
        ("duplicate metadata key", Array(#"{"__metadata__":{"k":"1","\u006b":"2"},"a":{\#(f32),"data_offsets":[0,4]}}"#.utf8), "more than once"),
        ("duplicate field in an entry", Array(#"{"a":{\#(f32),"dtype":"F64","data_offsets":[0,4]}}"#.utf8), "more than once"),
        ("unknown field in an entry", Array(#"{"a":{\#(f32),"data_offsets":[0,4],"extra":1}}"#.utf8), "extra"),
        ("UTF-16LE header", utf16(plain, bigEndian: false, bom: false), "UTF-8"),
        ("UTF-16BE header", utf16(plain, bigEndian: true, bom: false), "UTF-8"),
        ("UTF-16LE header with BOM", utf16(plain, bigEndian: false, bom: true), "UTF-8"),
        ("UTF-8 byte order mark", [0xEF, 0xBB, 0xBF] + Array(plain.utf8), "UTF-8"),
        ("invalid UTF-8 in a key", Array(#"{"a"#.utf8) + [0xFF] + Array(#"":{\#(f32),"data_offsets":[0,4]}}"#.utf8), "UTF-8"),
        ("lone surrogate escape", Array(#"{"\ud800":{\#(f32),"data_offsets":[0,4]}}"#.utf8), "surrogate"),
        ("raw control character in a string", Array("{\"a\u{01}\":{\(f32),\"data_offsets\":[0,4]}}".utf8), "control"),
        ("trailing text after the object", Array((plain + " x").utf8), "after"),
        ("trailing comma", Array(#"{"a":{\#(f32),"data_offsets":[0,4]},}"#.utf8), "expected"),
        ("metadata value not a string", Array(#"{"__metadata__":{"k":1},"a":{\#(f32),"data_offsets":[0,4]}}"#.utf8), "string"),
    ] as [(String, [UInt8], String)])
    func looseSafetensors(name: String, header: [UInt8], expected: String) throws {
        let bytes = Self.file(headerBytes: header, data: name.contains("duplicate key") ? 8 : 4)
        do {
            let (tensors, _) = try Safetensors.parse(bytes, path: "h.safetensors")
            Issue.record("\(name): accepted, keys \(tensors.keys.sorted())")
        } catch let error as WeightFileError {
            #expect(error.description.contains(expected), "\(name): \(error)")
            #expect(error.description.contains("h.safetensors"), "\(name): \(error)")
        }
    }

    @Test("safetensors headers with escapes, padding and non-ASCII keys still read")
    func strictButComplete() throws {
        let header = #"{"__metadata__":{"q":"say \"hi\"\n","u":"\u00e9\ud83d\ude00"},"l\u00e9/W\/x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        let bytes = Self.file(headerBytes: Array(header.utf8) + [0x20, 0x20, 0x09, 0x0A], data: 4)
        let (tensors, metadata) = try Safetensors.parse(bytes, path: "ok.safetensors")
        #expect(metadata == ["q": "say \"hi\"\n", "u": "é😀"])
        #expect(Array(tensors.keys) == ["lé/W/x"])
    }

    @Test("a .npy whose data size is near Int.max is truncated, not an arithmetic overflow (found by the fuzz test)",
          arguments: ["9223372036854775807", "9223372036854775800", "4611686018427387904"])
    func npySizeNearIntMax(dimension: String) throws {
        let bytes = FuzzSeeds.npy(descr: "|u1", fortran: false, shape: [1], data: [7]).replacing(Array("(1,)".utf8), with: Array("(\(dimension),)".utf8))
        #expect(throws: WeightFileError.self) { _ = try NPY.decode(bytes, path: "big.npy") }
    }

    @Test("a gzip IDX header declaring more than the 1 GiB cap is refused before inflating anything")
    func idxDecompressionCap() throws {
        let images = UInt32((1536 << 20) / 784)
        let file = try HostileFiles.gzipIDX(images: images, payloadBytes: Int(images) * 784)
        #expect(file.count < 2_000_000)  // deflate's ratio allows the claim; only the cap refuses it
        let expected = DatasetError.exceedsDecompressionLimit(path: "b", declaredBytes: Int(images) * 784 + 16, limit: 1 << 30)
        #expect(throws: expected) { try IDX.parse(file, path: "b", dimensions: 3) }
        #expect(expected.description.contains("gunzip"))
    }

    /// A .npz whose end record's comment holds `comment`.
    static func npzWithComment(_ comment: [UInt8]) throws -> [UInt8] {
        let url = try temporaryDirectory().appendingPathComponent("c.npz")
        try NPZ.write([("a", NDArray([1, 2, 3] as [Float], shape: [3]))], to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count - 2] = UInt8(comment.count & 0xFF)
        bytes[bytes.count - 1] = UInt8(comment.count >> 8)
        return bytes + comment
    }

    /// An empty archive's end record: no entries, a directory of 0 bytes at offset 0.
    static func fakeEndRecord(commentLength: UInt16) -> [UInt8] {
        [0x50, 0x4B, 5, 6] + [UInt8](repeating: 0, count: 16) + [UInt8(commentLength & 0xFF), UInt8(commentLength >> 8)]
    }

    @Test("an end record hidden in the zip comment is refused, not read as an empty archive")
    func fakeEndRecordInComment() throws {
        let bytes = try Self.npzWithComment(Self.fakeEndRecord(commentLength: 0))
        #expect(throws: WeightFileError.self) {
            let arrays = try bytes.withUnsafeBytes { try NPZ.parse($0, path: "c.npz") }
            Issue.record("read as \(arrays.map(\.key))")
        }
    }

    @Test("an end record in the comment that does not reach the file's end is not taken for the real one")
    func endRecordLookalikeInComment() throws {
        let bytes = try Self.npzWithComment(Self.fakeEndRecord(commentLength: 0) + Array("tail".utf8))
        let arrays = try bytes.withUnsafeBytes { try NPZ.parse($0, path: "c.npz") }
        #expect(arrays.map(\.key) == ["a"])
    }

    @Test("an archive whose directory does not end at its end record is refused")
    func directoryGap() throws {
        let url = try temporaryDirectory().appendingPathComponent("g.npz")
        try NPZ.write([("a", NDArray([1, 2, 3] as [Float], shape: [3]))], to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        // Insert four junk bytes between the central directory and the end record.
        bytes.insert(contentsOf: [0, 0, 0, 0], at: bytes.count - ZipFormat.endRecordSize)
        #expect(throws: WeightFileError.self) { _ = try bytes.withUnsafeBytes { try NPZ.parse($0, path: "g.npz") } }
    }
}
