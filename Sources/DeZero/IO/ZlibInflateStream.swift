import CZlib

/// A zlib inflate stream over compressed bytes held in memory, driven one `inflate` call at a
/// time: what the gzip ``Inflater`` and the zip ``ZipInflater`` share. The `z_stream` lives at
/// a fixed address (zlib keeps a pointer back to it and checks it) and is ended on deinit.
///
/// ```swift
/// let zlib = try ZlibInflateStream(windowBits: -15)          // raw deflate, as in zip
/// let (code, produced) = zlib.step(input, into: out, count: 4096)
/// ```
final class ZlibInflateStream {
    /// zlib's status when a stream cannot start.
    struct StartFailure: Error { let status: Int32 }

    private let stream: UnsafeMutablePointer<z_stream>
    /// Input bytes consumed so far.
    private(set) var consumed = 0

    /// Starts a stream; `windowBits` as zlib's `inflateInit2` takes it (15 + 32: gzip or zlib
    /// with header detection; −15: raw deflate).
    init(windowBits: Int32) throws(StartFailure) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_inflateInit2(stream, windowBits)
        if status != Z_OK {
            stream.deallocate()
            throw StartFailure(status: status)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// One `inflate(Z_NO_FLUSH)` call from the unconsumed part of `input` (the same bytes every
    /// call) into `count` bytes at `out`; returns zlib's code and the bytes produced. Since all
    /// the input is in memory, no progress with the input used up means the data was cut
    /// short: that comes back as `Z_BUF_ERROR`.
    func step(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer, count: Int) -> (code: Int32, produced: Int) {
        let remaining = min(input.count - consumed, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map {
            $0.assumingMemoryBound(to: UInt8.self) + consumed
        })
        stream.pointee.avail_in = UInt32(remaining)
        stream.pointee.next_out = out.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(count)
        var code = inflate(stream, Z_NO_FLUSH)
        consumed += remaining - Int(stream.pointee.avail_in)
        let produced = count - Int(stream.pointee.avail_out)
        if code == Z_OK && produced == 0 && consumed == input.count { code = Z_BUF_ERROR }
        return (code, produced)
    }

    /// Starts over for another stream after this one ended (the next member of a gzip file),
    /// keeping the input consumed so far; false when zlib refuses.
    func reset() -> Bool { inflateReset(stream) == Z_OK }

    /// zlib's message for the last error, or the status code.
    func message(for code: Int32) -> String {
        stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(code)"
    }
}
