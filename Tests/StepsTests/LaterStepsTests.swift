import Foundation
import Testing

/// What Steps 53 and 58 do beyond printing the book's lines: Step 53 resumes from the weights
/// it saved; Step 58 runs VGG16's whole pipeline without any files, and reports bad ones.
@Suite("Steps 53 and 58 behave as the book describes")
struct LaterStepsTests {
    /// The losses of "epoch: N, loss: X" lines.
    private func losses(_ output: String) -> [Double] {
        output.split(separator: "\n").compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
    }

    @Test("Step 53 saves my_mlp.npz and the next run continues from it",
          .enabled(if: StepCatalog.mnistPresent || StepCatalog.requireTools, "needs ../shared/datasets/mnist beside the repository"))
    func step53ResumesFromItsWeights() throws {
        let arguments = try #require(StepCatalog.testArguments[53])
        try withTemporaryFolder { folder in
            let first = try runStep(53, arguments: arguments, in: folder)
            #expect(first.status == 0, "step53 exited with \(first.status): \(first.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("my_mlp.npz").path))
            let second = try runStep(53, arguments: arguments, in: folder)
            #expect(second.status == 0, "step53 exited with \(second.status): \(second.stderr)")
            let (a, b) = (losses(first.stdout), losses(second.stdout))
            try #require(a.count == 3 && b.count == 3, "expected 3 epochs each:\n\(first.stdout)\n\(second.stdout)")
            // A run that started afresh would repeat the first run's numbers (all is seeded);
            // one that loaded the weights starts below where the first one ended (with 100
            // examples an epoch is one full-batch step, and the loss keeps falling).
            #expect(b[0] < a[2], "second run \(b) does not continue the first \(a)")
        }
    }

    @Test("Step 58 with no files classifies a synthetic image with random weights and prints a class index")
    func step58RunsWithoutFiles() throws {
        let run = try runStep(58, arguments: try #require(StepCatalog.testArguments[58]))
        #expect(run.status == 0, "step58 exited with \(run.status): \(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got:\n\(run.stdout)")
        let index = try #require(lines.first.flatMap { Int($0) }, "not a class index: \(run.stdout)")
        #expect((0..<1000).contains(index))
        #expect(run.stderr.contains("random weights"), "no note that the weights are random: \(run.stderr)")
    }

    @Test("Step 58 names a missing image and exits with an error")
    func step58ReportsMissingFiles() throws {
        try withTemporaryFolder { folder in
            let missing = folder.appendingPathComponent("no-such-image.ppm").path
            let run = try runStep(58, arguments: ["vgg16.npz", missing], in: folder)
            #expect(run.status != 0)
            #expect(run.stderr.contains(missing), "the error does not name the file: \(run.stderr)")
            #expect(run.stdout.isEmpty)

            let alone = try runStep(58, arguments: ["vgg16.npz"], in: folder)
            #expect(alone.status == 2, "one file alone should be a usage error: \(alone.stderr)")
        }
    }
}
