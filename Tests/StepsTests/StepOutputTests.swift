import Foundation
import Testing

/// Runs every step program of the book companion and compares what it prints with what the
/// book's Python step prints (`Steps/Expected/stepNN.txt`, made by `Steps/Expected/generate.py`).
@Suite("The book's steps print the book's output")
struct StepOutputTests {
    @Test("step prints the Python output", arguments: StepCatalog.comparedSteps)
    func stepMatchesGoldenFile(step: Int) throws {
        try compareWithGoldenFile(step)
    }

    @Test("MNIST step prints the Python output",
          .enabled(if: StepCatalog.mnistPresent || StepCatalog.requireTools, "needs ../shared/datasets/mnist beside the repository"),
          arguments: StepCatalog.mnistSteps.sorted())
    func mnistStepMatchesGoldenFile(step: Int) throws {
        #expect(StepCatalog.mnistPresent, "DEZERO_REQUIRE_TOOLS=1 but \(StepCatalog.mnistFolder.path) has no MNIST")
        try compareWithGoldenFile(step)
    }

    @Test("recurrent step prints the Python output and ends with a loss ≤ 0.02",
          arguments: StepCatalog.recurrentSteps.sorted())
    func recurrentStepTrains(step: Int) throws {
        let run = try compareWithGoldenFile(step)
        // The last line is "| epoch N | loss X".
        let last = run.stdout.split(separator: "\n").last.map { $0.split(separator: " ") } ?? []
        let epochs = StepCatalog.recurrentEpochsUnderTest[step] ?? 100
        #expect(last.count == 6 && last[2] == "\(epochs)", "step\(step.twoDigits) did not end with epoch \(epochs)")
        let loss = try #require(last.last.flatMap { Double($0) }, "no loss on step\(step.twoDigits)'s last line")
        #expect(loss <= StepCatalog.recurrentLossBound, "step\(step.twoDigits) ended with loss \(loss) after \(epochs) epochs")
    }

    @discardableResult
    private func compareWithGoldenFile(_ step: Int) throws -> StepRun {
        var expected = try StepCatalog.expectedSwiftOutput(step)
        if let lines = StepCatalog.testExpectedLines[step] {
            expected = expected.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n")
        }
        let run = try runStep(step, arguments: StepCatalog.testArguments[step] ?? [])
        #expect(run.status == 0, "step\(step.twoDigits) exited with \(run.status): \(run.stderr)")
        let mode: OutputComparison.Mode = StepCatalog.randomSteps.contains(step) ? .structure : .values
        if let mismatch = OutputComparison(expected: expected, actual: run.stdout, mode: mode).firstMismatch {
            Issue.record("step\(step.twoDigits): \(mismatch)")
        }
        return run
    }

    @Test("each Swift spelling replaces a golden line that reads as recorded",
          arguments: StepCatalog.swiftSpellings.keys.sorted())
    func swiftSpellingsMatchGoldenFiles(step: Int) throws {
        let expected = try StepCatalog.expectedOutput(step)
        let spelled = try StepCatalog.expectedSwiftOutput(step)
        let changed = zip(expected.split(separator: "\n", omittingEmptySubsequences: false),
                          spelled.split(separator: "\n", omittingEmptySubsequences: false)).filter { $0 != $1 }
        #expect(changed.count == StepCatalog.swiftSpellings[step]!.count)
    }

    @Test("a spelling of a line that reads otherwise is refused")
    func spellingOfAnotherLineThrows() {
        let spelling = SwiftSpelling(line: 1, python: "None None", swift: "nil nil")
        #expect(throws: StepError.self) { try StepCatalog.applySpellings([spelling], to: "2.0 1.0\n", step: 0) }
        #expect(throws: StepError.self) { try StepCatalog.applySpellings([SwiftSpelling(line: 3, python: "", swift: "")], to: "a\n", step: 0) }
        #expect((try? StepCatalog.applySpellings([spelling], to: "None None\nx\n", step: 0)) == "nil nil\nx\n")
    }

    @Test("every step with code in the book has a program")
    func everyStepIsBuilt() throws {
        let missing = StepCatalog.stepsWithCode.filter { (try? stepExecutable($0)) == nil }
        #expect(missing.isEmpty, "no program for steps \(missing)")
    }
}
