import Foundation
import Testing
@testable import DeZero

/// Writes a zip archive of the given members (raw bytes) with our writer, so tests can craft
/// archives NPZ.write would never make (repeated names, non-.npy members, bad .npy data).
func writeZip(_ members: [(name: String, bytes: [UInt8])], compressed: Bool = false,
              zip64: ZipWriter.Zip64Policy = .whenNeeded, to url: URL) throws {
    try atomicWrite(to: url) { out in
        var zip = ZipWriter(zip64: zip64)
        for (name, bytes) in members {
            var crc = ZipCRC32()
            crc.update(bytes)
            let stored = compressed ? try bytes.withUnsafeBytes { try ZipDeflater.compress([$0], final: true, path: url.path) } : bytes
            try zip.addMember(name: name, method: compressed ? ZipFormat.methodDeflate : ZipFormat.methodStored, crc32: crc.value,
                              compressedSize: stored.count, uncompressedSize: bytes.count, to: &out) { try $0.write(stored) }
        }
        try zip.finish(&out)
    }
}

/// Reads a little-endian field of a byte array.
func zipLE16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
func zipLE32(_ b: [UInt8], _ at: Int) -> Int { zipLE16(b, at) | zipLE16(b, at + 2) << 16 }

/// Offsets of every occurrence of a 4-byte signature.
func signatureOffsets(_ b: [UInt8], _ signature: UInt32) -> [Int] {
    let s = littleEndianBytes(signature)
    return (0 ..< max(0, b.count - 3)).filter { b[$0 ..< $0 + 4].elementsEqual(s) }
}

@Suite("npz archives")
struct NPZTests {
    /// DeZero's keys (`l0/W`), every dtype, a 0-d, empty arrays and a non-contiguous view.
    static let tensors: [(key: String, value: NDArray)] = [
        ("l0/W", NDArray([1.5, -2, 3.25, 4, 5, 6] as [Float], shape: [2, 3])),
        ("l0/b", NDArray([0.1, 0.2, 0.3] as [Double], shape: [3])),
        ("steps", NDArray([7, -1, Int(Int64.max)], shape: [3])),
        ("mask", NDArray([true, false, true, true], shape: [2, 2])),
        ("scalar", NDArray(2.5)),
        ("empty", NDArray([] as [Float], shape: [0, 4])),
        ("empty bool", NDArray([] as [Bool], shape: [0])),
        ("l1/W.T", NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]).T),
        ("ключ", NDArray([1, 2], shape: [2])),
    ]

    @Test("write then read gives the same arrays, in order", arguments: [false, true])
    func roundTrip(compressed: Bool) throws {
        let url = try temporaryDirectory().appendingPathComponent("w.npz")
        try NPZ.write(Self.tensors, to: url, compressed: compressed)
        let read = try NPZ.readInOrder(from: url)
        #expect(read.map(\.key) == Self.tensors.map(\.key))
        for ((key, value), (_, original)) in zip(read, Self.tensors) {
            #expect(value == original, "\(key)")
            #expect(value.shape == original.shape, "\(key)")
        }
        #expect(try NPZ.read(from: url).count == Self.tensors.count)
    }

    @Test("a ZIP64 archive (how np.savez writes its headers) reads back", arguments: [false, true])
    func zip64RoundTrip(compressed: Bool) throws {
        let url = try temporaryDirectory().appendingPathComponent("w.npz")
        try NPZ.write(Self.tensors, to: url, compressed: compressed, zip64: .always)
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(signatureOffsets(bytes, ZipFormat.zip64EndRecordSignature).count == 1)
        let read = try NPZ.read(from: url)
        for (key, value) in Self.tensors { #expect(read[key] == value, "\(key)") }
    }

    @Test("members are the keys plus .npy, stored with their .npy bytes")
    func archiveLayout() throws {
        let url = try temporaryDirectory().appendingPathComponent("w.npz")
        let w = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
        try NPZ.write([("l0/W", w)], to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let npy = NPY.encode(w)
        // Local header: signature, method 0 (stored), sizes, the name, no extra field, the data.
        #expect(zipLE32(bytes, 0) == 0x0403_4B50)
        #expect(zipLE16(bytes, 8) == 0)
        #expect(zipLE32(bytes, 18) == npy.count && zipLE32(bytes, 22) == npy.count)
        #expect(zipLE16(bytes, 26) == 8 && zipLE16(bytes, 28) == 0)
        #expect(String(decoding: bytes[30 ..< 38], as: UTF8.self) == "l0/W.npy")
        #expect(Array(bytes[38 ..< 38 + npy.count]) == npy)
        // One central header, then the 22-byte end record closes the file.
        #expect(signatureOffsets(bytes, ZipFormat.centralHeaderSignature) == [38 + npy.count])
        #expect(bytes.count == 38 + npy.count + 46 + 8 + 22)
        #expect(zipLE16(bytes, bytes.count - 12) == 1)   // one entry
    }

    @Test("compressed members are deflated and smaller for repetitive data")
    func compression() throws {
        let dir = try temporaryDirectory()
        let x = NDArray([Float](repeating: 0.5, count: 10_000), shape: [100, 100])
        try NPZ.write([("x", x)], to: dir.appendingPathComponent("s.npz"))
        try NPZ.write([("x", x)], to: dir.appendingPathComponent("c.npz"), compressed: true)
        let stored = try Data(contentsOf: dir.appendingPathComponent("s.npz"))
        let deflated = [UInt8](try Data(contentsOf: dir.appendingPathComponent("c.npz")))
        #expect(zipLE16(deflated, 8) == 8)  // method 8: deflate
        #expect(deflated.count < stored.count / 10)
        #expect(try NPZ.read(from: dir.appendingPathComponent("c.npz"))["x"] == x)
    }

    /// Arrays of several megabytes: compressed in parallel parts, checksummed in parallel.
    static func largeArrays() -> [(key: String, value: NDArray)] {
        var generator = RandomGenerator(seed: 3)
        let x = NDArray((0 ..< 1_500_000).map { _ in Float(generator.nextNormal()) }, shape: [1500, 1000])
        // Mostly zeros: compresses well, so the parts' boundaries fall mid-run.
        let y = NDArray((0 ..< 700_000).map { $0 % 1000 == 0 ? Double($0) : 0 }, shape: [700_000])
        return [("x", x), ("y", y)]
    }

    @Test("large arrays round-trip, stored and compressed", arguments: [false, true])
    func largeRoundTrip(compressed: Bool) throws {
        let url = try temporaryDirectory().appendingPathComponent("big.npz")
        let arrays = Self.largeArrays()
        try NPZ.write(arrays, to: url, compressed: compressed)
        let read = try NPZ.read(from: url)
        for (key, value) in arrays { #expect(read[key] == value, "\(key)") }
    }

    @Test("the parallel checksum equals the sequential one")
    func parallelChecksum() {
        var generator = RandomGenerator(seed: 5)
        let bytes = (0 ..< 9_000_001).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var copy = [UInt8](repeating: 0, count: bytes.count)
        bytes.withUnsafeBytes { src in
            var sequential = ZipCRC32()
            sequential.update(src)
            #expect(ZipCRC32.copyAndChecksum(src, to: nil) == sequential.value)
            copy.withUnsafeMutableBytes { dst in
                #expect(ZipCRC32.copyAndChecksum(src, to: dst.baseAddress!) == sequential.value)
            }
        }
        #expect(copy == bytes)
        // The CRC-32 of "123456789" is 0xCBF43926 (the standard check value).
        var check = ZipCRC32()
        check.update(Array("123456789".utf8))
        #expect(check.value == 0xCBF4_3926)
    }

    @Test("an archive with no arrays")
    func emptyArchive() throws {
        let url = try temporaryDirectory().appendingPathComponent("e.npz")
        try NPZ.write([(key: String, value: NDArray)](), to: url)
        #expect(try Data(contentsOf: url).count == 22)
        #expect(try NPZ.read(from: url).isEmpty)
    }

    @Test("a dictionary is written with its keys sorted")
    func dictionaryWrite() throws {
        let url = try temporaryDirectory().appendingPathComponent("d.npz")
        try NPZ.write(["b": NDArray(1.0), "a": NDArray(2.0)], to: url)
        #expect(try NPZ.readInOrder(from: url).map(\.key) == ["a", "b"])
    }

    @Test("a failed save keeps the old file whole and leaves no temporary file")
    func atomicSave() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("w.npz")
        try NPZ.write(Self.tensors, to: url)
        let before = try Data(contentsOf: url)
        #expect(throws: WeightFileError.duplicateKey(path: url.path, key: "a")) {
            try NPZ.write([("a", NDArray(1.0)), ("a", NDArray(2.0))], to: url)
        }
        // A failure inside the write itself (a member whose data does not fit what was declared
        // cannot happen through NPZ.write, so break the output from the body instead).
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try atomicWrite(to: url) { out in
                try out.write([0x50, 0x4B, 0x03, 0x04])
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["w.npz"])
        // A successful save replaces it.
        try NPZ.write([("only", NDArray(3.0))], to: url)
        #expect(try NPZ.read(from: url) == ["only": NDArray(3.0)])
    }

    @Test("a save into a missing directory fails with writeFailed")
    func missingDirectory() throws {
        let url = try temporaryDirectory().appendingPathComponent("no/such/dir/w.npz")
        let writeError = #expect(throws: WeightFileError.self) { try NPZ.write([("a", NDArray(1.0))], to: url) }
        if case .writeFailed(let path, _)? = writeError { #expect(path == url.path) } else { Issue.record("\(String(describing: writeError))") }
        let readError = #expect(throws: WeightFileError.self) { try NPZ.read(from: url) }
        if case .unreadable(let path, _)? = readError { #expect(path == url.path) } else { Issue.record("\(String(describing: readError))") }
    }
}
