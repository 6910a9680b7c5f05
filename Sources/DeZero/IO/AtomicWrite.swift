import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers only ever see the old contents or the complete new ones.
///
/// The bytes go to a temporary file in the same folder, named
/// `.<name>.dezero-tmp-<pid>-<random>`, which the writer holds an exclusive `flock` on; the
/// file is flushed to disk (`fsync`), renamed over `url`, and the folder is flushed too.
/// What is guaranteed:
///
/// - `url` holds either its previous contents (or does not exist, if it did not) or the
///   complete new contents, at every instant and after any failure, crash, `SIGKILL` or power
///   loss, on a filesystem whose `rename` is atomic (every local POSIX filesystem).
/// - When this function returns, the new contents are on disk.
/// - When `body` or a write throws, the temporary file is removed before the error is rethrown.
/// - When the process dies midway (killed, crashed, power lost), its temporary file stays
///   behind: nothing can run in a process killed with `SIGKILL`. The next `atomicWrite` into
///   the same folder removes it, as does ``removeStaleTemporaryFiles(in:)``, which callers that
///   resume work in a folder (`dezero train --resume`) can call directly.
///
/// ```swift
/// try atomicWrite(to: url) { out in
///     try out.write(header)
///     try out.write(payload)
/// }
/// ```
package func atomicWrite(to url: URL, _ body: (inout AtomicFileOutput) throws -> Void) throws {
    let directory = url.deletingLastPathComponent()
    removeStaleTemporaryFiles(in: directory)
    let temporary = directory.appendingPathComponent(TemporaryFileName.make(for: url.lastPathComponent))
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
        throw WeightFileError.writeFailed(path: url.path, reason: "cannot create a temporary file in \(directory.path): \(String(cString: strerror(errno)))")
    }
    // The lock marks the file as in use until this process closes it or dies.
    _ = flock(fd, LOCK_EX)
    var committed = false
    defer {
        if !committed { unlink(temporary.path) }
        close(fd)  // releases the lock, after the rename
    }
    var output = AtomicFileOutput(descriptor: fd, destination: url)
    try body(&output)  // the body's own errors pass through unchanged
    try output.flush()
    guard fsync(fd) == 0 else { throw WeightFileError.writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
    guard rename(temporary.path, url.path) == 0 else {
        throw WeightFileError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
    }
    committed = true
    synchronizeDirectory(directory)
}

/// Flushes a folder's entries (the rename) to disk; best effort, as some filesystems refuse it.
private func synchronizeDirectory(_ directory: URL) {
    let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
}

/// Removes the temporary files that ``atomicWrite(to:_:)`` calls left in `directory` when their
/// process died midway (killed, crashed or powered off), and returns the files it removed.
///
/// A temporary file is judged abandoned only when both hold:
/// - no process with the PID in its name is running, and
/// - no process holds the `flock` its writer takes on it for the whole save.
///
/// The PID test alone would be unsafe where processes of other PID namespaces (containers)
/// share the folder; the lock test alone has a window between a writer's `open` and its
/// `flock`. Together they never remove the file of a live writer on the same machine. PID reuse
/// can only delay a removal (the stale file stays while an unrelated process has its PID),
/// never cause a wrong one. Writers on other machines sharing a network folder are covered
/// only as far as the filesystem honours `flock`; should it not, the worst case is that such
/// a writer's save fails with an error, its destination unchanged. Every failure here is
/// ignored: cleanup is a courtesy, and must not make a save fail.
///
/// ```swift
/// let removed = removeStaleTemporaryFiles(in: runFolder)   // before resuming in runFolder
/// ```
@discardableResult
package func removeStaleTemporaryFiles(in directory: URL) -> [URL] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
    var removed: [URL] = []
    for name in names {
        guard let pid = TemporaryFileName.writerPID(name), !processIsRunning(pid) else { continue }
        let url = directory.appendingPathComponent(name)
        if removeIfUnlocked(url) { removed.append(url) }
    }
    return removed
}

/// True unless the system says no process has this PID (`kill` with signal 0 tests existence;
/// EPERM means it exists but belongs to another user).
private func processIsRunning(_ pid: pid_t) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
}

/// Removes the regular file at `url` if no one holds a lock on it; checks, under the lock, that
/// the name still refers to the file that was locked.
private func removeIfUnlocked(_ url: URL) -> Bool {
    let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var opened = stat(), current = stat()
    guard fstat(fd, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG, flock(fd, LOCK_EX | LOCK_NB) == 0,
          lstat(url.path, &current) == 0, current.st_dev == opened.st_dev, current.st_ino == opened.st_ino
    else { return false }
    return unlink(url.path) == 0
}

/// The names of ``atomicWrite(to:_:)``'s temporary files: `.<name>.dezero-tmp-<pid>-<16 hex digits>`.
enum TemporaryFileName {
    static let marker = ".dezero-tmp-"

    static func make(for name: String) -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return ".\(name)\(marker)\(getpid())-\(String(repeating: "0", count: 16 - random.count))\(random)"
    }

    /// The writer's PID if `name` is one of these temporary files, else nil.
    static func writerPID(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards) else { return nil }
        let parts = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 16, parts[1].allSatisfy(\.isHexDigit),
              parts[0].allSatisfy(\.isASCII), let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }
}

/// The sink ``atomicWrite(to:_:)`` hands its body: buffered writes to the temporary file.
package struct AtomicFileOutput {
    let descriptor: Int32
    let destination: URL
    private var buffer: [UInt8] = []
    /// Bytes written so far.
    package private(set) var count = 0

    init(descriptor: Int32, destination: URL) {
        self.descriptor = descriptor
        self.destination = destination
    }

    /// Appends bytes.
    package mutating func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends the raw bytes of a buffer; large ones go straight to the file, uncopied.
    package mutating func write(_ raw: UnsafeRawBufferPointer) throws {
        if raw.count >= 1 << 20 {
            try flush()
            try writeAll(raw)
            count += raw.count
        } else {
            try write(Array(raw))
        }
    }

    mutating func flush() throws {
        if buffer.isEmpty { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// `write(2)` until every byte is out, retrying interrupted calls.
    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < raw.count {
            let n = systemWrite(descriptor, raw.baseAddress! + done, raw.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw WeightFileError.writeFailed(path: destination.path, reason: n < 0 ? String(cString: strerror(errno)) : "the disk accepted no bytes")
            }
            done += n
        }
    }
}

/// The C library's `write`, which the methods named `write` above hide.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
