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
}

extension Int {
    var twoDigits: String { self < 10 ? "0\(self)" : "\(self)" }
}
