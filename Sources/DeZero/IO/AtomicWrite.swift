import Foundation

/// Writes a file so that readers only ever see the old contents or the complete new ones:
/// the bytes go to a temporary file in the same directory, are flushed to disk, and the
/// temporary file is then renamed over the destination. If `body` throws (or the process dies)
/// midway, the destination is untouched and the temporary file is removed.
///
/// ```swift
/// try atomicWrite(to: url) { out in
///     try out.write(header)
///     try out.write(payload)
/// }
/// ```
public func atomicWrite(to url: URL, _ body: (inout AtomicFileOutput) throws -> Void) throws {
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
        throw WeightFileError.writeFailed(path: url.path, reason: "cannot create a temporary file in \(directory.path)")
    }
    var committed = false
    defer { if !committed { try? FileManager.default.removeItem(at: temporary) } }
    let handle: FileHandle
    do { handle = try FileHandle(forWritingTo: temporary) } catch {
        throw WeightFileError.writeFailed(path: url.path, reason: "\(error)")
    }
    var output = AtomicFileOutput(handle: handle, destination: url)
    do {
        try body(&output)  // the body's own errors pass through unchanged
        try output.flush()
        do { try handle.synchronize() } catch { throw WeightFileError.writeFailed(path: url.path, reason: "\(error)") }
    } catch {
        try? handle.close()
        throw error
    }
    try? handle.close()
    if rename(temporary.path, url.path) != 0 {
        throw WeightFileError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
    }
    committed = true
}

/// The sink ``atomicWrite(to:_:)`` hands its body: buffered writes to the temporary file.
public struct AtomicFileOutput {
    let handle: FileHandle
    let destination: URL
    private var buffer: [UInt8] = []
    /// Bytes written so far.
    public private(set) var count = 0

    init(handle: FileHandle, destination: URL) {
        self.handle = handle
        self.destination = destination
    }

    /// Appends bytes.
    public mutating func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends the raw bytes of a buffer.
    public mutating func write(_ raw: UnsafeRawBufferPointer) throws {
        if raw.count >= 1 << 20 {
            try flush()
            do { try handle.write(contentsOf: Data(raw)) } catch {
                throw WeightFileError.writeFailed(path: destination.path, reason: "\(error)")
            }
            count += raw.count
        } else {
            try write(Array(raw))
        }
    }

    mutating func flush() throws {
        if buffer.isEmpty { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw WeightFileError.writeFailed(path: destination.path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
