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
//   DeZeroIOProbe busy DIRECTORY
//       Runs work that the library spreads over threads by default (matrix products on the
//       built-in kernel and the system BLAS, exp, a convolution, a compressed npz written
//       into DIRECTORY) and prints "cpu C wall W main M threads N": the process's CPU
//       seconds, wall seconds and the main thread's CPU seconds over that work (M is -1
//       where unknown), and the thread count, so a test can check what DEZERO_NUM_THREADS=1 means.
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

/// CPU seconds (user + system) used so far by this process (`RUSAGE_SELF`, every thread,
/// ended ones included) or by the calling thread alone (`RUSAGE_THREAD`, Linux only: nil elsewhere).
func cpuSeconds(thisThreadOnly: Bool = false) -> Double? {
    var usage = rusage()
    #if os(Linux)
    let rusageThread: __rusage_who_t = 1  // RUSAGE_THREAD, which Glibc shows only to _GNU_SOURCE
    getrusage(thisThreadOnly ? rusageThread : RUSAGE_SELF.rawValue, &usage)
    #else
    if thisThreadOnly { return nil }
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Deterministic float32 values in [0, 1) that deflate cannot shrink much.
func busyOperand(_ shape: [Int], seed: UInt64) -> NDArray {
    var state = seed
    let values = (0 ..< shape.reduce(1, *)).map { _ -> Float in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 24)
    }
    return NDArray(values, shape: shape)
}

func busy(directory: String) throws {
    let a = busyOperand([512, 512], seed: 1), b = busyOperand([512, 512], seed: 2)
    let x = busyOperand([4 << 20], seed: 3)
    let image = busyOperand([8, 16, 48, 48], seed: 4), kernel = busyOperand([32, 16, 3, 3], seed: 5)
    let url = URL(fileURLWithPath: directory).appendingPathComponent("busy.npz")
    let (cpu0, main0, wall0) = (cpuSeconds()!, cpuSeconds(thisThreadOnly: true), Date())
    var sink = 0
    for _ in 0 ..< 2 {
        sink += matmul(a, b, backend: .builtin).count
        if SystemBLAS.isAvailable { sink += matmul(a, b, backend: .systemBLAS).count }
        sink += exp(x).count
        sink += conv2d(image, kernel, pad: (1, 1)).count
        try NPZ.write([("x", x)], to: url, compressed: true)
    }
    let (cpu, wall) = (cpuSeconds()! - cpu0, Date().timeIntervalSince(wall0))
    let main = cpuSeconds(thisThreadOnly: true).flatMap { now in main0.map { now - $0 } } ?? -1
    precondition(sink > 0)
    say("cpu \(cpu) wall \(wall) main \(main) threads \(Parallel.threads)")
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
case "busy" where arguments.count == 3:
    do { try busy(directory: arguments[2]) } catch {
        fail("error: \(error)", status: 1)
    }
default:
    fail("usage: DeZeroIOProbe read FORMAT FILE [--address-space-mb N] | slow-save FILE MEGABYTES MILLISECONDS | busy DIRECTORY", status: 2)
}
