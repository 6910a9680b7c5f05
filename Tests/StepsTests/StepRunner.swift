import Foundation

struct StepError: Error, CustomStringConvertible {
    let description: String
}

/// The `stepNN` executable SwiftPM built next to this test bundle.
func stepExecutable(_ step: Int) throws -> URL {
    let name = "step\(step.twoDigits)"
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    throw StepError(description: "\(name) was not found next to \(CommandLine.arguments[0])")
}

struct StepRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a step in a fresh temporary folder (steps may write files, as Step 53 writes its weights).
func runStep(_ step: Int, arguments: [String] = [], environment: [String: String] = [:]) throws -> StepRun {
    try withTemporaryFolder { try runStep(step, arguments: arguments, environment: environment, in: $0) }
}

/// Runs a step with `folder` as its working directory.
func runStep(_ step: Int, arguments: [String] = [], environment: [String: String] = [:], in folder: URL) throws -> StepRun {
    let process = Process()
    process.executableURL = try stepExecutable(step)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read stderr on another thread so that neither pipe can fill up and block the child.
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while errReader.isExecuting || !errReader.isFinished { usleep(1000) }
    return StepRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
}

/// Calls `body` with a new empty folder, removed afterwards.
func withTemporaryFolder<R>(_ body: (URL) throws -> R) throws -> R {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dezero-step-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}
