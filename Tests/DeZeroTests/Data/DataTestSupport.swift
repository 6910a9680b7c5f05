import Foundation

/// Helpers the data tests share: temporary directories, hand-built IDX and gzip files.
enum DataTestSupport {
    /// A fresh empty directory; tests run in parallel, so each gets its own.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dezero-data-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An IDX file: magic `00 00 08 nd` (or `magic` if given), big-endian dimensions, payload.
    static func idx(dims: [UInt32], payload: [UInt8], magic: UInt32? = nil) -> [UInt8] {
        var out = bigEndian(magic ?? (0x0800 | UInt32(dims.count)))
        for d in dims { out += bigEndian(d) }
        return out + payload
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
    }

    /// A gzip member built by hand from RFC 1951/1952 with stored (uncompressed) deflate blocks,
    /// so the decoder is checked against the format itself rather than against zlib's encoder.
    static func gzipStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]  // magic, deflate, no flags, mtime 0, OS unknown
        var blocks = stride(from: 0, to: data.count, by: 65_535).map { data[$0..<min($0 + 65_535, data.count)] }
        if blocks.isEmpty { blocks = [data[...]] }
        for (i, block) in blocks.enumerated() {
            out.append(i == blocks.count - 1 ? 1 : 0)  // BFINAL, BTYPE 00 (stored)
            let len = UInt16(block.count)
            out += [UInt8(len & 0xff), UInt8(len >> 8), UInt8(~len & 0xff), UInt8(~len >> 8)]
            out += block
        }
        out += littleEndian(crc32(data))
        out += littleEndian(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    static func littleEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)]
    }

    /// CRC-32 (the reflected polynomial 0xEDB88320 gzip uses), bit by bit.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Writes `bytes` to `name` inside `directory`.
    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// The repository's sibling `shared/datasets/<name>` folder (present beside the clone in CI).
    static func sharedDataset(_ name: String, filePath: String = #filePath) -> URL {
        // Walk up from this file to the folder holding Package.swift, so moving tests around
        // does not silently point at the wrong place.
        var root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while root.path != "/",
              !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared/datasets/\(name)")
    }

    /// Whether tests that need outside files must fail rather than skip when those are missing.
    static var requireTools: Bool { ProcessInfo.processInfo.environment["DEZERO_REQUIRE_TOOLS"] == "1" }
}
