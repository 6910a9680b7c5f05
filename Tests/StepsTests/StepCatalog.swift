import Foundation

/// Which steps exist, which are compared digit by digit, and where their golden files are.
enum StepCatalog {
    /// Steps whose book page has no code (5, 15, 25, 30–32, 56).
    static let stepsWithoutCode: Set = [5, 15, 25, 30, 31, 32, 56]

    static let stepsWithCode = (1...60).filter { !stepsWithoutCode.contains($0) }

    /// Steps that draw unseeded random numbers in Python: compared in structure only (the same
    /// lines and words, numbers where numbers are), since their values are random in the book.
    static let randomSteps: Set = [17, 39, 41, 51, 52, 53, 54, 57, 59, 60]

    /// Extra arguments some steps get under test (to keep the debug-build suite short): the
    /// MNIST steps read the shared MNIST folder and keep only 100 examples a split (every epoch
    /// still prints its lines); Step 58 runs its synthetic check at 32×32 instead of 224×224;
    /// Steps 59 and 60 train for ``recurrentEpochsUnderTest`` epochs.
    static var testArguments: [Int: [String]] {
        let mnist = ["\(mnistFolder.path)", "--limit", "100"]
        var arguments = [51: mnist, 52: mnist, 53: mnist, 58: ["--image-size", "32"]]
        for (step, epochs) in recurrentEpochsUnderTest { arguments[step] = ["--epochs", "\(epochs)"] }
        return arguments
    }

    /// Lines where a Swift step prints Swift's spelling of what the Python step prints (a type
    /// name, `nil`). The golden file's line is expected to read `python`, and the step to print
    /// `swift` in its place; see ``expectedSwiftOutput(_:)``.
    static let swiftSpellings: [Int: [SwiftSpelling]] = [
        // `type(of: y)` prints the bare type name.
        2: [SwiftSpelling(line: 1, python: "<class '__main__.Variable'>", swift: "Variable")],
        // A missing gradient is `nil`.
        18: [SwiftSpelling(line: 1, python: "None None", swift: "nil nil")],
    ]

    /// Steps whose shortened test run prints only the first lines of the golden file: their
    /// count. (A step run with `--epochs N` prints the book's first N epochs, a line each.)
    static var testExpectedLines: [Int: Int] { recurrentEpochsUnderTest }

    /// Steps 59 and 60 train recurrent networks for 100 epochs and must end with a loss of at
    /// most ``recurrentLossBound``.
    static let recurrentSteps: Set = [59, 60]
    static let recurrentLossBound = 0.02

    /// How many epochs Steps 59 and 60 train under test. A debug build takes about 1.3 s an
    /// epoch (on one core), so there they stop early, where this seed's loss is already below
    /// the bound (Step 60's LSTM gets there by epoch 30); in a release build (`swift test -c
    /// release`), or with DEZERO_FULL_STEPS=1, they run the book's full 100 epochs.
    static var recurrentEpochsUnderTest: [Int: Int] {
        if ProcessInfo.processInfo.environment["DEZERO_FULL_STEPS"] == "1" { return [:] }
        #if DEBUG
        return [59: 10, 60: 30]
        #else
        return [:]
        #endif
    }

    /// Steps 51–53 train on MNIST, read from ``mnistFolder``.
    static let mnistSteps: Set = [51, 52, 53]

    /// `shared/datasets/mnist` beside the repository (so in CI too).
    static var mnistFolder: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/mnist")
    }

    static var mnistPresent: Bool {
        FileManager.default.fileExists(atPath: mnistFolder.appendingPathComponent("train-images-idx3-ubyte.gz").path)
            || FileManager.default.fileExists(atPath: mnistFolder.appendingPathComponent("train-images-idx3-ubyte").path)
    }

    /// Whether tests that need outside files (MNIST) must fail rather than skip without them.
    static var requireTools: Bool { ProcessInfo.processInfo.environment["DEZERO_REQUIRE_TOOLS"] == "1" }

    /// Steps with a golden file, but those that have their own test: the MNIST steps (skipped
    /// when MNIST is absent) and the recurrent steps (which also check the final loss).
    static var comparedSteps: [Int] {
        stepsWithGoldenFile.filter { !mnistSteps.contains($0) && !recurrentSteps.contains($0) }
    }

    static var stepsWithGoldenFile: [Int] {
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
