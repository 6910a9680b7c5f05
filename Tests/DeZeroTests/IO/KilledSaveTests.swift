import Foundation
import Testing
@testable import DeZero
#if canImport(Glibc)
import Glibc
#endif

/// Saves killed with SIGKILL midway, by a real child process (Tests/DeZeroIOProbe) writing a
/// large file slowly: the old file must survive whole, and the temporary file the dead process
/// leaves must be recognised and removed by the next save into the same folder.
@Suite("killed saves")
struct KilledSaveTests {
    /// A child saving `megabytes` MiB to `url`, paused 20 ms per MiB.
    final class SlowSave {
        let process = Process()
        private let pipe = Pipe()
        private var buffered = ""

        init(to url: URL, megabytes: Int) throws {
            process.executableURL = try Probe.executable()
            process.arguments = ["slow-save", url.path, String(megabytes), "20"]
            process.standardOutput = pipe
            try process.run()
        }

        /// Waits until the child reports `line` (e.g. "wrote 3"); false if it exited first.
        func wait(for line: String) -> Bool {
            while !buffered.split(separator: "\n").contains(Substring(line)) {
                let data = pipe.fileHandleForReading.availableData
                if data.isEmpty { return false }
                buffered += String(decoding: data, as: UTF8.self)
            }
            return true
        }

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The names in `directory`, sorted.
    static func names(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    static func temporaryNames(in directory: URL) throws -> [String] {
        try names(in: directory).filter { $0.contains(".dezero-tmp-") }
    }

    @Test("a save killed midway keeps the old file, and the next save into the folder removes its temporary file")
    func killedThenNextSaveCleansUp() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("model.safetensors")
        let old = Data("the previous weights".utf8)
        try old.write(to: url)
        var previous: [String] = []
        for round in 1 ... 3 {
            let child = try SlowSave(to: url, megabytes: 64)
            #expect(child.wait(for: "wrote \(round + 1)"), "round \(round): the child did not start writing")
            child.kill()
            #expect(child.process.terminationReason == .uncaughtSignal)
            #expect(try Data(contentsOf: url) == old, "round \(round): the old file changed")
            // The dead writer left its temporary file (nothing runs after SIGKILL); the save it
            // started had already removed the one the previous round's writer left.
            let litter = try Self.temporaryNames(in: dir)
            #expect(litter.count == 1 && litter != previous, "round \(round): \(litter)")
            #expect(litter.first?.hasPrefix(".model.safetensors.dezero-tmp-\(child.process.processIdentifier)-") == true, "\(litter)")
            previous = litter
        }
        // The next save into the same folder, of another file, removes the last one too.
        try NPY.write(NDArray([1, 2] as [Float], shape: [2]), to: dir.appendingPathComponent("other.npy"))
        #expect(try Self.names(in: dir) == ["model.safetensors", "other.npy"])
        #expect(try Data(contentsOf: url) == old)
    }

    @Test("cleanup leaves a live writer's temporary file alone, and its save completes")
    func liveWriterIsKept() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("model.npz")
        let child = try SlowSave(to: url, megabytes: 8)
        #expect(child.wait(for: "wrote 1"))
        let inFlight = try Self.temporaryNames(in: dir)
        #expect(inFlight.count == 1)
        #expect(removeStaleTemporaryFiles(in: dir).isEmpty)
        #expect(try Self.temporaryNames(in: dir) == inFlight)
        #expect(child.wait(for: "saved"))
        child.process.waitUntilExit()
        #expect(child.process.terminationStatus == 0)
        #expect(try Self.names(in: dir) == ["model.npz"])
        let saved = try Data(contentsOf: url)
        #expect(saved.count == 8 << 20 && saved.allSatisfy { $0 == 0x5A })
    }

    /// A PID no process can have: one past the kernel's largest.
    static func deadPID() -> pid_t {
        let max = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4_194_304
        return max + 1
    }

    @Test("a temporary file is removed only when its PID is gone and no one holds its lock")
    func stalenessNeedsBothTests() throws {
        let dir = try temporaryDirectory()
        let dead = Self.deadPID()
        func make(_ name: String) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try Data("partial".utf8).write(to: url)
            return url
        }
        let abandoned = try make(".a.npz.dezero-tmp-\(dead)-0123456789abcdef")
        let livePID = try make(".b.npz.dezero-tmp-\(getpid())-0123456789abcdef")
        let locked = try make(".c.npz.dezero-tmp-\(dead)-fedcba9876543210")
        // Names that are not this library's temporary files, however close.
        let others = try ["d.npz", ".d.npz.dezero-tmp-\(dead)-xyz", ".e.npz.dezero-tmp-\(dead)", "f.dezero-tmp-\(dead)-0123456789abcdef"].map(make)
        // Another PID namespace's live writer: its PID means nothing here, but it holds the lock.
        let fd = open(locked.path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)

        #expect(removeStaleTemporaryFiles(in: dir).map(\.lastPathComponent) == [abandoned.lastPathComponent])
        let remaining = try Self.names(in: dir)
        #expect(!remaining.contains(abandoned.lastPathComponent))
        for kept in [livePID, locked] + others { #expect(remaining.contains(kept.lastPathComponent), "\(kept.lastPathComponent)") }
    }

    @Test("temporary file names carry the writer's PID and are recognised only in their own form")
    func temporaryNames() {
        let name = TemporaryFileName.make(for: "w.safetensors")
        #expect(name.hasPrefix(".w.safetensors.dezero-tmp-\(getpid())-"))
        #expect(TemporaryFileName.writerPID(name) == getpid())
        #expect(TemporaryFileName.writerPID(".x.dezero-tmp-12-0123456789abcdef") == 12)
        #expect(TemporaryFileName.writerPID(".x.dezero-tmp-0-0123456789abcdef") == nil)
        #expect(TemporaryFileName.writerPID(".x.dezero-tmp--5-0123456789abcdef") == nil)
        #expect(TemporaryFileName.writerPID(".x.tmp-9C5E1E0A-6C1D-4E53-A5C2-2B6F1C1F3E00") == nil)
    }
}
