import Foundation
import Testing
@testable import DeZero
#if canImport(Glibc)
import Glibc
#endif

/// Builders of hostile files, each the smallest form of a reported attack.
enum HostileFiles {
    /// A safetensors file whose `entries` tensors all claim the same `rangeBytes` bytes of data:
    /// a reader that allocates before checking overlaps allocates `entries × rangeBytes`.
    static func overlappingSafetensors(entries: Int, rangeBytes: Int) -> Data {
        let items = (0 ..< entries).map {
            #""t\#($0)":{"dtype":"F32","shape":[\#(rangeBytes / 4)],"data_offsets":[0,\#(rangeBytes)]}"#
        }
        return SafetensorsTests.file(header: "{" + items.joined(separator: ",") + "}", data: rangeBytes)
    }

    /// Raw deflate of `count` zero bytes, as concatenable parts: each part ends with a sync flush,
    /// so `parts` copies of one 1 MiB part and a closing empty block inflate to `parts` MiB.
    static func deflatedZeros(mebibytes parts: Int) throws -> [UInt8] {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let part = try zeros.withUnsafeBytes { try ZipDeflater.compress([$0], final: false, path: "zeros") }
        let end = try ZipDeflater.compress([UnsafeRawBufferPointer(start: nil, count: 0)], final: true, path: "end")
        var out: [UInt8] = []
        out.reserveCapacity(part.count * parts + end.count)
        for _ in 0 ..< parts { out += part }
        return out + end
    }

    /// One gzip member holding `data`, deflated by zlib.
    static func gzipMember(_ data: [UInt8]) throws -> [UInt8] {
        let deflated = try data.withUnsafeBytes { try ZipDeflater.compress([$0], final: true, path: "member") }
        var crc = ZipCRC32()
        crc.update(data)
        return [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff] + deflated
            + DataTestSupport.littleEndian(crc.value) + DataTestSupport.littleEndian(UInt32(truncatingIfNeeded: data.count))
    }

    /// A gzip IDX images file whose header declares `images` 28×28 images and whose members
    /// really inflate to `payloadBytes` zero bytes after the header (1 MiB members, then the rest).
    static func gzipIDX(images: UInt32, payloadBytes: Int) throws -> [UInt8] {
        var out = DataTestSupport.gzipStored(DataTestSupport.idx(dims: [images, 28, 28], payload: []))
        let full = try gzipMember([UInt8](repeating: 0, count: 1 << 20))
        for _ in 0 ..< payloadBytes >> 20 { out += full }
        if payloadBytes & ((1 << 20) - 1) != 0 { out += try gzipMember([UInt8](repeating: 0, count: payloadBytes & ((1 << 20) - 1))) }
        return out
    }

    /// A .npz with one deflated float32 member of `elements` elements whose compressed data
    /// really inflates to a .npy header and `mebibytes` MiB of zeros.
    static func deflatedNPZ(elements: Int, mebibytes: Int) throws -> [UInt8] {
        let header = NPYFormat.header(dtype: .float32, shape: [elements])
        let body = try deflatedZeros(mebibytes: mebibytes)
        // A stored-free raw deflate stream: the header as its own sync-flushed part, then the zeros.
        let head = try header.withUnsafeBytes { try ZipDeflater.compress([$0], final: false, path: "head") }
        let deflated = head + body
        return zipArchive(name: "w.npy", method: ZipFormat.methodDeflate, data: deflated,
                          uncompressedSize: header.count + mebibytes << 20, crc: 0)
    }

    /// A one-member zip archive, fields written by hand so they can lie.
    static func zipArchive(name: String, method: UInt16, data: [UInt8], uncompressedSize: Int, crc: UInt32) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        var local = LittleEndianWriter()
        local.u32(ZipFormat.localHeaderSignature)
        local.u16(20); local.u16(0); local.u16(method); local.u16(0); local.u16(0x21)
        local.u32(crc); local.u32(UInt32(data.count)); local.u32(UInt32(uncompressedSize))
        local.u16(UInt16(nameBytes.count)); local.u16(0)
        local.append(nameBytes)
        var central = LittleEndianWriter()
        central.u32(ZipFormat.centralHeaderSignature)
        central.u16(20); central.u16(20); central.u16(0); central.u16(method); central.u16(0); central.u16(0x21)
        central.u32(crc); central.u32(UInt32(data.count)); central.u32(UInt32(uncompressedSize))
        central.u16(UInt16(nameBytes.count)); central.u16(0); central.u16(0); central.u16(0); central.u16(0)
        central.u32(0); central.u32(0)
        central.append(nameBytes)
        let directoryOffset = local.bytes.count + data.count
        var end = LittleEndianWriter()
        end.u32(ZipFormat.endRecordSignature)
        end.u16(0); end.u16(0); end.u16(1); end.u16(1)
        end.u32(UInt32(central.bytes.count)); end.u32(UInt32(directoryOffset)); end.u16(0)
        return local.bytes + data + central.bytes + end.bytes
    }
}

/// Runs the `DeZeroIOProbe` helper program (Tests/DeZeroIOProbe) as a child process.
enum Probe {
    /// The probe SwiftPM built next to this test bundle.
    static func executable() throws -> URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0 ..< 4 {
            let candidate = dir.appendingPathComponent("DeZeroIOProbe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw ProbeError(description: "DeZeroIOProbe was not found next to \(CommandLine.arguments[0]); build with `swift build --build-tests`")
    }

    struct ProbeError: Error, CustomStringConvertible { let description: String }

    struct Outcome: CustomStringConvertible {
        let status: Int32
        /// True when the child died of a signal (a crash, or running out of address space).
        let crashed: Bool
        let output: String
        var description: String { "\(crashed ? "killed by signal" : "exit") \(status): \(output)" }
    }

    /// Runs the probe to completion, with `environment` instead of this process's when given.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Outcome {
        let run = try runChild(try executable(), arguments, environment: environment)
        return Outcome(status: run.status, crashed: run.killedBySignal, output: run.output)
    }

    /// Reads `url` with the probe under an address-space limit of what it already uses plus
    /// `megabytes` MiB.
    static func read(_ format: String, _ url: URL, addressSpaceMegabytes megabytes: Int) throws -> Outcome {
        try run(["read", format, url.path, "--address-space-mb", String(megabytes)])
    }

    /// Address-space limits mean something only without a sanitizer: ASan and TSan reserve
    /// terabytes of shadow memory up front and allocate from reserved ranges. Linux only
    /// (the limit is set from /proc/self/status).
    static var canLimitMemory: Bool {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmSize:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return false }
        return kilobytes < 1 << 30  // under 1 TiB: no sanitizer shadow
        #else
        return false
        #endif
    }
}
