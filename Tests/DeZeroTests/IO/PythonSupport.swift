import Foundation

/// What a child process did: its exit status (or the signal that ended it) and its stdout and
/// stderr together.
struct ChildRun {
    let status: Int32
    /// True when the child died of a signal (a crash, or running out of address space).
    let killedBySignal: Bool
    let output: String
}

/// Runs `program` with `arguments` to completion.
func runChild(_ program: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> ChildRun {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ChildRun(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                    output: String(decoding: data, as: UTF8.self))
}

/// Runs `python3` (from PATH) with a script; returns its exit status and output.
func runPython(_ script: String, arguments: [String] = []) throws -> (status: Int32, output: String) {
    let run = try runChild(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments)
    return (run.status, run.output)
}

/// True when python3 can import every module named.
func pythonHas(_ modules: String...) -> Bool {
    guard programOnPath("python3") else { return false }
    return (try? runPython("import " + modules.joined(separator: ", ")).status) == 0
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dezero-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
