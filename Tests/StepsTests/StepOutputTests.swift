import Foundation
import Testing

/// Runs every step program of the book companion and compares what it prints with what the
/// book's Python step prints (`Steps/Expected/stepNN.txt`, made by `Steps/Expected/generate.py`).
@Suite("The book's steps print the book's output")
struct StepOutputTests {
    @Test("step prints the Python output", arguments: StepCatalog.comparedSteps)
    func stepMatchesGoldenFile(step: Int) throws {
        let expected = try StepCatalog.expectedOutput(step)
        let run = try runStep(step, arguments: StepCatalog.testArguments[step] ?? [])
        #expect(run.status == 0, "step\(step.twoDigits) exited with \(run.status): \(run.stderr)")
        let mode: OutputComparison.Mode = StepCatalog.randomSteps.contains(step) ? .structure : .values
        if let mismatch = OutputComparison(expected: expected, actual: run.stdout, mode: mode).firstMismatch {
            Issue.record("step\(step.twoDigits): \(mismatch)")
        }
    }

    @Test("every step with code in the book has a program")
    func everyStepIsBuilt() throws {
        let missing = StepCatalog.stepsWithCode.filter { (try? stepExecutable($0)) == nil }
        #expect(missing.isEmpty, "no program for steps \(missing)")
    }
}
