import CZlib

/// What went wrong while inflating gzip (or zlib) data.
package enum GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The compressed bytes are not valid deflate data; `reason` is zlib's message.
    case corrupt(reason: String)
    /// The input ended before the compressed stream did. `decompressedBytes` were produced.
    case truncated(decompressedBytes: Int)
    /// The data inflates to more than the caller's limit (a zip bomb, or the wrong file).
    case outputLimitExceeded(limit: Int)

    /// One line saying what is wrong with the data.
    package var description: String {
        switch self {
        case .corrupt(let reason):
            "gzip: corrupt compressed data (\(reason))"
        case .truncated(let n):
            "gzip: the compressed stream ends early, after \(n) decompressed bytes"
        case .outputLimitExceeded(let limit):
            "gzip: the data inflates to more than the limit of \(limit) bytes"
        }
    }
}

/// gzip decompression through the system's zlib (Foundation on Linux has none).
///
/// ```swift
/// let bytes = try Gzip.decompress(compressed)   // at most Gzip.maxDecompressedBytes
/// ```
package enum Gzip {
    /// True when `bytes` start with the gzip magic number 1f 8b.
    package static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var it = bytes.makeIterator()
        return it.next() == 0x1f && it.next() == 0x8b
    }

    /// The most bytes any compressed data may inflate to in this library: 1 GiB (2³⁰ bytes).
    ///
    /// gzip IDX files (``IDX``), ``Gzip/decompress(_:maxOutputBytes:)`` and the deflated members
    /// of a `.npz` archive together (``NPZ``) are held to it, so that a small hostile file cannot
    /// make the process allocate gigabytes: deflate expands up to 1032:1, so 1 MB of compressed
    /// data can describe 1 GB. Declared sizes are checked against it before anything is
    /// allocated. MNIST's largest file inflates to 47 MB; larger data can be read uncompressed
    /// (`gunzip` it first), which has no such cap: reading it costs its own size.
    package static let maxDecompressedBytes = 1 << 30

    /// Inflates a whole gzip (or zlib) buffer; concatenated gzip members are joined, as gunzip does.
    ///
    /// The output is allocated once, at the size the gzip trailer records, when that size is
    /// right (a single member under 4 GiB, the usual case); otherwise the data is gathered in
    /// pieces and joined once at the end.
    ///
    /// - Parameter bytes: the compressed file's contents.
    /// - Parameter maxOutputBytes: a hard cap, itself capped by ``maxDecompressedBytes``: the
    ///   function throws ``GzipError/outputLimitExceeded(limit:)`` rather than grow past it, so
    ///   a hostile file cannot make the process allocate without bound.
    package static func decompress(_ bytes: [UInt8], maxOutputBytes: Int = maxDecompressedBytes) throws(GzipError) -> [UInt8] {
        dezeroCheck(maxOutputBytes >= 0, "Gzip.decompress: maxOutputBytes must not be negative, got \(maxOutputBytes)")
        let limit = min(maxOutputBytes, maxDecompressedBytes)
        let inflater = try Inflater(bytes)
        // The trailer's size, trusted only up to the limit and to what deflate can expand to.
        let guess = min(sizeHint(bytes), limit, maxInflatedSize(bytes.count))
        let first = try inflater.readArray(upTo: guess)
        if first.count < guess { return first }
        // The trailer was right when the data ends here: one byte more tells.
        let probe = try inflater.readArray(upTo: 1)
        if probe.isEmpty { return first }
        var pieces = [probe]
        var total = first.count + 1
        if total > limit { throw .outputLimitExceeded(limit: limit) }
        while true {
            // Ask for one byte past the limit so that exceeding it is detected, never stored.
            let want = min(max(1 << 20, total / 2), limit - total + 1)
            let piece = try inflater.readArray(upTo: want)
            total += piece.count
            if total > limit { throw .outputLimitExceeded(limit: limit) }
            if !piece.isEmpty { pieces.append(piece) }
            if piece.count < want { break }
        }
        var out = [UInt8]()
        out.reserveCapacity(total)
        out += first
        for piece in pieces { out += piece }
        return out
    }

    /// deflate cannot compress better than about 1032:1, which bounds what compressed data holds.
    static let maxRatio = 1032

    /// The most bytes `compressedCount` bytes of deflate data can inflate to (saturating).
    static func maxInflatedSize(_ compressedCount: Int) -> Int {
        let (n, overflow) = compressedCount.multipliedReportingOverflow(by: maxRatio)
        return overflow ? Int.max : n
    }

    /// gzip stores the uncompressed size modulo 2³² in its last four bytes (little-endian):
    /// a good first capacity, never trusted beyond that (capped by the caller's limit and by
    /// deflate's best ratio, about 1032:1).
    static func sizeHint(_ bytes: [UInt8]) -> Int {
        guard isGzip(bytes), bytes.count >= 18 else { return bytes.count * 4 }
        let n = bytes.count
        return Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
    }
}

/// A streaming inflater over compressed bytes held in memory: callers pull exactly the number
/// of bytes they need (an IDX header first, then a payload whose size the header gave).
final class Inflater {
    private let input: [UInt8]
    private let zlib: ZlibInflateStream
    private var ended = false
    /// Decompressed bytes produced so far.
    private(set) var produced = 0

    init(_ input: [UInt8]) throws(GzipError) {
        self.input = input
        do {
            // 15 + 32: the largest window, with automatic gzip/zlib header detection.
            zlib = try ZlibInflateStream(windowBits: 15 + 32)
        } catch {
            throw .corrupt(reason: "zlib could not start (status \(error.status))")
        }
    }

    /// Fills `buffer` with decompressed bytes; returns fewer than its size only at the end of
    /// the data. Throws on corrupt data or on input that stops inside the compressed stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GzipError) -> Int {
        var written = 0
        while written < buffer.count && !ended {
            let room = min(buffer.count - written, Int(UInt32.max))
            let status = input.withUnsafeBytes { zlib.step($0, into: buffer.baseAddress! + written, count: room) }
            written += status.produced
            produced += status.produced
            switch status.code {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if !startNextMember() { ended = true }
            case Z_BUF_ERROR where zlib.consumed == input.count:
                throw .truncated(decompressedBytes: produced)
            case Z_NEED_DICT:
                throw .corrupt(reason: "the stream needs a preset dictionary")
            case Z_MEM_ERROR:
                throw .corrupt(reason: "zlib ran out of memory")
            default:
                throw .corrupt(reason: zlib.message(for: status.code))
            }
        }
        return written
    }

    /// Up to `count` decompressed bytes in a new array allocated once at that size; fewer only
    /// at the end of the data.
    func readArray(upTo count: Int) throws(GzipError) -> [UInt8] {
        var failure: GzipError?
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(GzipError) { initialized = try read(into: UnsafeMutableRawBufferPointer(buffer)) } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return out
    }

    /// gzip files may hold several members back to back; after one ends, start the next.
    /// Bytes after the last member that are not a gzip header are ignored, as gunzip does.
    private func startNextMember() -> Bool {
        let rest = input[zlib.consumed...]
        guard Gzip.isGzip(rest) else { return false }
        return zlib.reset()
    }
}
