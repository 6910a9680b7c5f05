// The libFuzzer entry points: one reader per process, named by DEZERO_FUZZ_READER (npz, npy,
// safetensors, idx, gzip). Each input is checked against the same invariants as the mutation
// test in `swift test` (FuzzReaders.swift, linked here); a broken invariant stops the process,
// so libFuzzer saves the input. Build and run with Fuzz/fuzz.sh (docs/RELIABILITY.md).
import Foundation
@testable import DeZero

/// The reader this process fuzzes.
let fuzzedReader: FuzzReader = {
    let name = ProcessInfo.processInfo.environment["DEZERO_FUZZ_READER"] ?? ""
    guard let reader = FuzzReader.named(name) else {
        fatalError("set DEZERO_FUZZ_READER to one of \(FuzzReader.all.map(\.name).joined(separator: ", ")), not '\(name)'")
    }
    return reader
}()

/// Called once before fuzzing: writes the reader's seeds into DEZERO_FUZZ_SEED_DIR, if set,
/// so that the corpus starts from files the library writes.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    guard let directory = ProcessInfo.processInfo.environment["DEZERO_FUZZ_SEED_DIR"] else { return 0 }
    do {
        for (i, seed) in try fuzzedReader.seeds().enumerated() {
            try Data(seed).write(to: URL(fileURLWithPath: directory).appendingPathComponent("seed-\(fuzzedReader.name)-\(i)"))
        }
    } catch {
        fatalError("cannot write the seeds into \(directory): \(error)")
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    if case .violation(let message) = fuzzedReader.check(bytes) {
        fatalError("\(fuzzedReader.name): \(message)")
    }
    return 0
}

/// libFuzzer's driver, which runs the fuzzing loop over `callback` (its public entry point for
/// programs that have their own `main`).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The program's entry point. SwiftPM links an executable target's `main` to `<target>_main`,
/// so this is `main`, and it hands over to libFuzzer's driver.
@_cdecl("DeZeroFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzzerTestOneInput($0, $1) }
}
