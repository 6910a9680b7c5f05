import Foundation

/// Which steps exist, which are compared digit by digit, and where their golden files are.
enum StepCatalog {
    /// Steps whose book page has no code (5, 15, 25, 30–32, 56).
    static let stepsWithoutCode: Set = [5, 15, 25, 30, 31, 32, 56]

    static let stepsWithCode = (1...60).filter { !stepsWithoutCode.contains($0) }

    /// Steps that draw unseeded random numbers in Python: compared in structure only (the same
    /// lines and words, numbers where numbers are), since their values are random in the book.
    static let randomSteps: Set = [17, 39, 41, 51, 52, 53, 54, 57, 59, 60]

    /// Extra arguments some steps get under test (to keep the debug-build suite short).
    static let testArguments: [Int: [String]] = [:]

    /// Lines where a Swift step prints Swift's spelling of what the Python step prints (a type
    /// name, `nil`). The golden file's line is expected to read `python`, and the step to print
    /// `swift` in its place; see ``expectedSwiftOutput(_:)``.
    static let swiftSpellings: [Int: [SwiftSpelling]] = [
        // `type(of: y)` prints the bare type name.
        2: [SwiftSpelling(line: 1, python: "<class '__main__.Variable'>", swift: "Variable")],
        // A missing gradient is `nil`.
        18: [SwiftSpelling(line: 1, python: "None None", swift: "nil nil")],
    ]

    /// Steps with a golden file.
    static var comparedSteps: [Int] {
        stepsWithCode.filter { FileManager.default.fileExists(atPath: expectedFile($0).path) }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func expectedFile(_ step: Int) -> URL {
        repositoryRoot.appendingPathComponent("Steps/Expected/step\(step.twoDigits).txt")
    }

    static func expectedOutput(_ step: Int) throws -> String {
        try String(contentsOf: expectedFile(step), encoding: .utf8)
    }

    /// The golden output with the step's ``swiftSpellings`` put in. Throws when a line to
    /// replace does not read as recorded, so that a regenerated golden file is never masked.
    static func expectedSwiftOutput(_ step: Int) throws -> String {
        try applySpellings(swiftSpellings[step] ?? [], to: expectedOutput(step), step: step)
    }

    static func applySpellings(_ spellings: [SwiftSpelling], to text: String, step: Int) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for spelling in spellings {
            let index = spelling.line - 1
            guard lines.indices.contains(index), lines[index] == spelling.python else {
                let found = lines.indices.contains(index) ? "'\(lines[index])'" : "no such line"
                throw StepError(description: "step\(step.twoDigits) line \(spelling.line): expected '\(spelling.python)' in the golden file, found \(found)")
            }
            lines[index] = spelling.swift
        }
        return lines.joined(separator: "\n")
    }
}

/// One line of a golden file that the Swift step prints in Swift's own way.
struct SwiftSpelling {
    /// 1-based line number in the golden file.
    let line: Int
    /// The line as Python prints it.
    let python: String
    /// The line as the Swift step prints it.
    let swift: String
}

extension Int {
    var twoDigits: String { self < 10 ? "0\(self)" : "\(self)" }
}
