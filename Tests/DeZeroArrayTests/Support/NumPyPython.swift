import Foundation

/// `python3` with NumPy, found on the PATH, for the tests that compare with NumPy (printing,
/// random numbers). Those tests skip without it, unless DEZERO_REQUIRE_TOOLS=1.
enum NumPyPython {
    static let required = ProcessInfo.processInfo.environment["DEZERO_REQUIRE_TOOLS"] == "1"

    static let python: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            guard FileManager.default.isExecutableFile(atPath: url.path) else { continue }
            return (try? run(url, ["-c", "import numpy"])) != nil ? url : nil
        }
        return nil
    }()

    /// Runs `executable`, with `input` on its stdin when given; returns its stdout, or throws
    /// with its stderr when it fails.
    static func run(_ executable: URL, _ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read stderr on another thread, so that neither pipe can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = stderr.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        if let input {
            // The scripts read all of stdin before they write, so writing first cannot deadlock.
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        guard process.terminationStatus == 0 else {
            throw PythonFailure(message: String(decoding: errData, as: UTF8.self))
        }
        return output
    }

    struct PythonFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { "python3 failed: \(message)" }
    }
}
