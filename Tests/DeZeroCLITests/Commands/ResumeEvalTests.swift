import Foundation
import Testing

/// metrics.jsonl without the wall-clock field, for comparing runs.
func metricsWithoutTime(_ url: URL) throws -> [[String: Double]] {
    try readMetrics(url).map { m in
        var d: [String: Double] = [:]
        for (k, v) in m where k != "seconds" { d[k] = (v as? NSNumber)?.doubleValue }
        return d
    }
}

@Suite("dezero train --resume and dezero eval")
struct ResumeEvalTests {
    @Test("a run killed midway and resumed from its checkpoint ends with the metrics and weights of an uninterrupted run")
    func resumeAfterKill() throws {
        let dir = try makeTemporaryDirectory()
        let epochs = "6"
        let whole = try runDezero(["train", "--epochs", epochs, "--output", "whole"], in: dir)
        #expect(whole.status == 0, "\(whole.stderr)")

        // Start the same run and kill it (SIGKILL: no chance to clean up) once two epochs are done.
        let process = Process()
        process.executableURL = try dezeroExecutable()
        process.arguments = ["train", "--epochs", epochs, "--output", "cut"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let metrics = dir.appendingPathComponent("cut/metrics.jsonl")
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let text = try? String(contentsOf: metrics, encoding: .utf8), text.split(separator: "\n").count >= 2 { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let linesAtKill = try readMetrics(metrics).count
        #expect(linesAtKill >= 2)
        try #require(linesAtKill < 6, "the run finished before it could be interrupted")

        let resumed = try runDezero(["train", "--resume", "cut"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("resuming after epoch"))
        #expect(try metricsWithoutTime(metrics) == metricsWithoutTime(dir.appendingPathComponent("whole/metrics.jsonl")))
        let a = try Data(contentsOf: dir.appendingPathComponent("whole/model.safetensors"))
        let b = try Data(contentsOf: dir.appendingPathComponent("cut/model.safetensors"))
        #expect(a == b)
    }

    @Test("--resume removes the temporary files of saves killed midway, and keeps those of live processes")
    func resumeRemovesStaleTemporaryFiles() throws {
        let dir = try makeTemporaryDirectory()
        let first = try runDezero(["train", "--epochs", "1", "--output", "run"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        // A PID that has just ended: the pid of a finished child.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let run = dir.appendingPathComponent("run")
        let dead = run.appendingPathComponent(".checkpoint.safetensors.dezero-tmp-\(child.processIdentifier)-0000000000000001")
        let live = run.appendingPathComponent(".model.safetensors.dezero-tmp-\(getpid())-0000000000000002")
        try Data(repeating: 7, count: 1000).write(to: dead)
        try Data(repeating: 7, count: 1000).write(to: live)

        let resumed = try runDezero(["train", "--resume", "run", "--epochs", "2"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead.path), "the dead save's temporary file is still there")
        #expect(FileManager.default.fileExists(atPath: live.path), "a live process's temporary file was removed")
        #expect(resumed.stderr.contains("removed 1 temporary file"))
    }

    @Test("eval rebuilds the model from its file and reproduces the last epoch's test figures")
    func eval() throws {
        let dir = try makeTemporaryDirectory()
        let train = try runDezero(["train", "--epochs", "2", "--output", "run"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let last = try readMetrics(dir.appendingPathComponent("run/metrics.jsonl")).last!
        let result = try runDezero(["eval", "--weights", "run/model.safetensors"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let accuracy = String(format: "accuracy %.4f", last["test_accuracy"] as! Double)
        #expect(result.stdout.contains(accuracy), "\(result.stdout) vs \(accuracy)")
    }

    @Test("eval of a file without a configuration, and resume of a folder without a checkpoint, fail with one line")
    func badInputs() throws {
        let dir = try makeTemporaryDirectory()
        try Data("not a weight file".utf8).write(to: dir.appendingPathComponent("junk.safetensors"))
        let a = try runDezero(["eval", "--weights", "junk.safetensors"], in: dir)
        #expect(a.status == 1 && a.stderr.split(separator: "\n").count == 1, "\(a.stderr)")
        let b = try runDezero(["train", "--resume", "nowhere"], in: dir)
        #expect(b.status == 1 && b.stderr.contains("no checkpoint"), "\(b.stderr)")
    }
}
