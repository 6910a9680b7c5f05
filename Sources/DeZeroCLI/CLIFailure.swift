import ArgumentParser
import Foundation

/// A failed run caused by the outside world (bad data, a missing program). ArgumentParser
/// prints it as one short `Error: …` line on stderr and exits with status 1, no stack trace
/// (docs/DESIGN.md §6).
struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    /// Line breaks in `message` (from a file name or a file's contents) are escaped, so the
    /// message stays one line.
    init(_ message: String) { self.message = message.replacingOccurrences(of: "\n", with: "\\n") }
    var description: String { message }
}

/// Writes a line to standard output unbuffered, so it keeps its place among the progress
/// bar's lines (which are written the same way).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
