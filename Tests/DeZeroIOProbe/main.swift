// A small program the reliability tests run as a child process, for what a test cannot do
// inside its own process (docs/RELIABILITY.md):
//
//   DeZeroIOProbe read FORMAT FILE [--address-space-mb N]
//       Reads FILE with one of the library's readers (npz, npy, safetensors, idx1, idx3, gzip)
//       and prints "accepted …" (exit 0) or "error: …" for a typed error (exit 1). With
//       --address-space-mb, the address space is first limited to what the process already
//       uses plus N MiB, so a reader that allocates more dies instead of answering.
//   DeZeroIOProbe slow-save FILE MEGABYTES MILLISECONDS
//       Saves MEGABYTES MiB to FILE through `atomicWrite`, pausing MILLISECONDS after each MiB
//       and printing "wrote K" once K MiB have reached the temporary file, so that a test can
//       kill it midway.
import DeZero
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard output at once (unbuffered), so the parent sees it before a kill.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, status: Int32) -> Never {
    say(message)
    exit(status)
}

/// The process's current virtual size in bytes (Linux /proc), or nil where unknown.
func virtualSize() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmSize:") {
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        return kilobytes.map { $0 * 1024 }
    }
    return nil
}

func limitAddressSpace(extraMegabytes: Int) {
    guard let current = virtualSize() else { fail("usage: --address-space-mb needs /proc/self/status", status: 2) }
    let limit = rlim_t(current + extraMegabytes << 20)
    var r = rlimit(rlim_cur: limit, rlim_max: limit)
    #if os(Linux)
    let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    let resource = RLIMIT_AS
    #endif
    guard setrlimit(resource, &r) == 0 else { fail("setrlimit failed: \(String(cString: strerror(errno)))", status: 2) }
}

func read(format: String, path: String) throws -> String {
    let url = URL(fileURLWithPath: path)
    func summary(_ tensors: [String: NDArray]) -> String {
        "accepted \(tensors.count) tensors, \(tensors.values.reduce(0) { $0 + $1.count * $1.dtype.itemSize }) bytes"
    }
    switch format {
    case "npz": return summary(try NPZ.read(from: url))
    case "npy": return summary(["array": try NPY.read(from: url)])
    case "safetensors": return summary(try Safetensors.read(from: url).tensors)
    case "idx1", "idx3":
        let array = try IDX.read(from: url, dimensions: format == "idx1" ? 1 : 3)
        return "accepted shape \(array.shape), \(array.bytes.count) bytes"
    case "gzip":
        let compressed = try [UInt8](Data(contentsOf: url))
        return "accepted \(try Gzip.decompress(compressed, maxOutputBytes: .max).count) bytes"
    default:
        fail("unknown format \(format)", status: 2)
    }
}

func slowSave(path: String, megabytes: Int, milliseconds: Int) throws {
    let piece = [UInt8](repeating: 0x5A, count: 1 << 20)
    try atomicWrite(to: URL(fileURLWithPath: path)) { out in
        for k in 1 ... megabytes {
            try out.write(piece)  // a full MiB: the output flushes it to the temporary file
            say("wrote \(k)")
            usleep(useconds_t(milliseconds * 1000))
        }
    }
    say("saved")
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "read" where arguments.count == 4 || (arguments.count == 6 && arguments[4] == "--address-space-mb"):
    if arguments.count == 6 {
        guard let extra = Int(arguments[5]), extra > 0 else { fail("usage: --address-space-mb needs a positive integer", status: 2) }
        limitAddressSpace(extraMegabytes: extra)
    }
    do {
        say(try read(format: arguments[2], path: arguments[3]))
    } catch let error as WeightFileError {
        fail("error: \(error)", status: 1)
    } catch let error as DatasetError {
        fail("error: \(error)", status: 1)
    } catch let error as GzipError {
        fail("error: \(error)", status: 1)
    } catch {
        fail("untyped error: \(error)", status: 3)
    }
case "slow-save" where arguments.count == 5:
    guard let megabytes = Int(arguments[3]), megabytes > 0, let milliseconds = Int(arguments[4]), milliseconds >= 0 else {
        fail("usage: slow-save FILE MEGABYTES MILLISECONDS", status: 2)
    }
    do { try slowSave(path: arguments[2], megabytes: megabytes, milliseconds: milliseconds) } catch {
        fail("error: \(error)", status: 1)
    }
default:
    fail("usage: DeZeroIOProbe read FORMAT FILE [--address-space-mb N] | slow-save FILE MEGABYTES MILLISECONDS", status: 2)
}
