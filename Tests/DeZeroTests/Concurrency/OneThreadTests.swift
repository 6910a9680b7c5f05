import DeZero
import Foundation
import Testing

/// `DEZERO_NUM_THREADS=1` means one core for the whole library: a child process (the probe,
/// Tests/DeZeroIOProbe) runs work that is spread over threads by default — the built-in GEMM,
/// the system BLAS, exp, a convolution, a compressed npz — and reports its CPU time over
/// that work. In DeZeroTests, not DeZeroArrayTests, because the npz writer is DeZero's.
@Suite struct OneThreadTests {
    struct Usage {
        /// CPU seconds of the whole process, wall seconds, CPU seconds of its main thread
        /// (nil where the probe cannot tell), over the work.
        let cpu: Double, wall: Double, main: Double?, threads: Int
        /// CPU seconds spent on other threads than the main one: exact whatever the load.
        var otherThreads: Double? { main.map { cpu - $0 } }
    }

    /// Runs `DeZeroIOProbe busy` with `DEZERO_NUM_THREADS` set to `setting` (removed when nil).
    func busyChild(threads setting: String?) throws -> Usage {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var environment = ProcessInfo.processInfo.environment
        environment["DEZERO_NUM_THREADS"] = setting
        let outcome = try Probe.run(["busy", dir.path], environment: environment)
        try #require(outcome.status == 0 && !outcome.crashed, "\(outcome)")
        let line = try #require(outcome.output.split(separator: "\n").last { $0.hasPrefix("cpu ") }, "\(outcome)")
        let fields = line.split(separator: " ")
        let main = try #require(Double(fields[5]))
        return Usage(cpu: try #require(Double(fields[1])), wall: try #require(Double(fields[3])),
                     main: main < 0 ? nil : main, threads: try #require(Int(fields[7])))
    }

    @Test func oneThreadMeansOneCore() throws {
        let usage = try busyChild(threads: "1")
        #expect(usage.threads == 1)
        // CPU time can exceed wall time only if a second thread ran; the margin covers
        // timer granularity (rusage counts in ticks) on a run of about a second.
        #expect(usage.cpu <= 1.1 * usage.wall + 0.02, "cpu \(usage.cpu) s over wall \(usage.wall) s")
        // On a loaded machine wall time stretches and hides a second thread; the CPU time of
        // the other threads does not (none should exist; a few ms allowed for the runtime).
        if let other = usage.otherThreads {
            #expect(other <= 0.01 + 0.01 * usage.cpu, "\(other) s of \(usage.cpu) s on other threads")
        }
    }

    /// Unset, the child takes the default, every available core, and uses other threads at
    /// all (how much is not checked: on a shared machine a second thread may barely run).
    @Test func unsetMeansTheAvailableCores() throws {
        let usage = try busyChild(threads: nil)
        #expect(usage.threads == ThreadPolicy.availableCores())
        if usage.threads > 1, let other = usage.otherThreads { #expect(other > 0) }
    }
}
