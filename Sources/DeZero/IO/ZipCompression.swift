import CZlib
import Foundation

// CRC-32 and raw deflate (no zlib or gzip wrapper, as zip entries hold it) through the
// system's zlib. `inflateInit2`/`deflateInit2` are macros Swift cannot import; their
// underlying functions take zlib's version string and the stream size, which is what the
// macros pass.

/// The CRC-32 every zip entry carries, computed incrementally.
struct ZipCRC32 {
    private(set) var value: UInt32 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = Self.checksum(bytes, startingWith: value)
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Extends the checksum by that of `length` further bytes whose own CRC-32 is `checksum`.
    mutating func append(checksum: UInt32, length: Int) {
        value = UInt32(truncatingIfNeeded: crc32_combine(uLong(value), uLong(checksum), .init(length)))
    }

    private static func checksum(_ bytes: UnsafeRawBufferPointer, startingWith crc: UInt32) -> UInt32 {
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return crc }
        var crc = uLong(crc)
        var left = bytes.count
        // zlib's length is a 32-bit uInt: feed huge buffers in pieces.
        while left > 0 {
            let n = min(left, 1 << 30)
            crc = crc32(crc, p, uInt(n))
            p += n
            left -= n
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Below this many bytes one thread checksums alone; above, each thread takes at least this much.
    static let parallelGrain = 4 << 20
    /// Copy and checksum in pieces that stay in the L2 cache, so the data crosses memory once.
    static let pieceSize = 128 << 10

    /// The CRC-32 of `source`, copying it to `destination` (when given) in the same pass. Large
    /// buffers are split over the cores and the parts' checksums joined (zlib's crc32_combine).
    static func copyAndChecksum(_ source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer?) -> UInt32 {
        let n = source.count
        let parts = min(Parallel.threads, n / parallelGrain)
        if parts <= 1 { return copyAndChecksum(source, 0 ..< n, destination) }
        var checksums = [UInt32](repeating: 0, count: parts)
        checksums.withUnsafeMutableBufferPointer { slots in
            // Each part writes its own slot and its own range of `destination`.
            Parallel.tasks(parts) { part in
                slots[part] = copyAndChecksum(source, Parallel.range(part, of: parts, in: n), destination)
            }
        }
        var crc = ZipCRC32()
        for part in 0 ..< parts { crc.append(checksum: checksums[part], length: n * (part + 1) / parts - n * part / parts) }
        return crc.value
    }

    private static func copyAndChecksum(_ source: UnsafeRawBufferPointer, _ range: Range<Int>, _ destination: UnsafeMutableRawPointer?) -> UInt32 {
        var crc: UInt32 = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + pieceSize, range.upperBound)
            let piece = UnsafeRawBufferPointer(rebasing: source[start ..< end])
            if let destination {
                (destination + start).copyMemory(from: piece.baseAddress!, byteCount: piece.count)
                crc = checksum(UnsafeRawBufferPointer(start: destination + start, count: piece.count), startingWith: crc)
            } else {
                crc = checksum(piece, startingWith: crc)
            }
            start = end
        }
        return crc
    }
}

/// Why a zip entry's compressed data could not be inflated.
enum ZipInflateProblem: Error {
    /// zlib rejected the data; the reason is its message.
    case corrupt(String)
    /// The compressed bytes ended before `produced` reached what the header promised.
    case endedEarly(produced: Int)
    /// The data inflates to more bytes than the header's uncompressed size.
    case longerThanDeclared
}

/// Inflates one entry's raw deflate data, held in memory, on demand: the .npy header first,
/// then the payload straight into the array's storage. Computes the CRC-32 as it goes.
final class ZipInflater {
    private let input: UnsafeRawBufferPointer
    private let zlib: ZlibInflateStream
    private var ended = false
    private(set) var crc = ZipCRC32()
    private(set) var produced = 0

    /// `input` must stay valid for the inflater's life.
    init(_ input: UnsafeRawBufferPointer) throws(ZipInflateProblem) {
        self.input = input
        do {
            // Negative window bits: raw deflate with a 32 KiB window, as zip uses.
            zlib = try ZlibInflateStream(windowBits: -15)
        } catch {
            throw .corrupt("zlib could not start (status \(error.status))")
        }
    }

    /// Fills `buffer` completely, or throws.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipInflateProblem) {
        var written = 0
        while written < buffer.count {
            if ended { throw .endedEarly(produced: produced) }
            // Pieces small enough to be checksummed while still in the cache.
            let n = try step(into: buffer.baseAddress! + written, count: min(buffer.count - written, ZipCRC32.pieceSize))
            crc.update(UnsafeRawBufferPointer(start: buffer.baseAddress! + written, count: n))
            written += n
            produced += n
        }
    }

    /// After the declared size has been read, the stream must end there: no byte more.
    func finish() throws(ZipInflateProblem) {
        var spare: UInt8 = 0
        while !ended {
            let n = try step(into: &spare, count: 1)
            if n > 0 { throw .longerThanDeclared }
        }
    }

    /// One call to `inflate`; returns the bytes produced and notes the stream's end.
    private func step(into out: UnsafeMutableRawPointer, count: Int) throws(ZipInflateProblem) -> Int {
        let (code, n) = zlib.step(input, into: out, count: count)
        switch code {
        case Z_STREAM_END:
            ended = true
        case Z_OK:
            break
        case Z_BUF_ERROR:  // the data was cut short
            throw .endedEarly(produced: produced + n)
        default:
            throw .corrupt(zlib.message(for: code))
        }
        return n
    }
}

/// Raw deflate at zlib's default level (what `np.savez_compressed` uses). Large inputs are cut
/// into parts compressed on all cores, each by its own stream, and joined as pigz does: every
/// part but the last ends with a sync flush (an empty stored block, byte-aligned, not final),
/// so the concatenation is one valid deflate stream. Each part starts without the previous
/// part's 32 KiB window, which costs a negligible amount of ratio on megabyte parts.
enum ZipDeflater {
    /// Each thread's part is at least this long (deflate runs at some 20-50 MB/s).
    static let parallelGrain = 1 << 20

    /// Compresses `head` followed by `body`.
    /// Throws ``WeightFileError/writeFailed(path:reason:)`` when zlib fails (out of memory).
    static func compress(head: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, path: String) throws -> [UInt8] {
        let n = body.count
        let parts = min(Parallel.threads, n / parallelGrain)
        if parts <= 1 { return try compress([head, body], final: true, path: path) }
        let bodyPart = { (part: Int) in UnsafeRawBufferPointer(rebasing: body[Parallel.range(part, of: parts, in: n)]) }
        var results = [Result<[UInt8], any Error>](repeating: .success([]), count: parts)
        results.withUnsafeMutableBufferPointer { slots in
            // Each part compresses its own range of `body` into its own slot.
            Parallel.tasks(parts) { part in
                let input = part == 0 ? [head, bodyPart(0)] : [bodyPart(part)]
                slots[part] = Result { try compress(input, final: part == parts - 1, path: path) }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(try results.reduce(0) { $0 + (try $1.get()).count })
        for result in results { out += try result.get() }
        return out
    }

    /// One deflate stream over `parts`, closed as the final block, or ended with a sync flush.
    static func compress(_ parts: [UnsafeRawBufferPointer], final: Bool, path: String) throws -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { deflateEnd(stream); stream.deallocate() }
        let status = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw WeightFileError.writeFailed(path: path, reason: "zlib's deflate could not start (status \(status))")
        }
        let total = parts.reduce(0) { $0 + $1.count }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(total))) + 64)
        var written = 0
        let pieces = pieces(of: parts)
        for (i, piece) in pieces.enumerated() {
            let last = i == pieces.count - 1
            let flush = !last ? Z_NO_FLUSH : final ? Z_FINISH : Z_SYNC_FLUSH
            stream.pointee.next_in = UnsafeMutablePointer(mutating: piece.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(piece.count)
            while true {
                if written == out.count { out.append(contentsOf: repeatElement(0, count: max(out.count / 2, 1 << 16))) }
                let room = min(out.count - written, Int(UInt32.max))
                let code = out.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) -> Int32 in
                    stream.pointee.next_out = buf.baseAddress!.assumingMemoryBound(to: UInt8.self) + written
                    stream.pointee.avail_out = UInt32(room)
                    return deflate(stream, flush)
                }
                written += room - Int(stream.pointee.avail_out)
                guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else {
                    throw WeightFileError.writeFailed(path: path, reason: "zlib's deflate failed (status \(code))")
                }
                // Z_FINISH is done at the stream's end; a flush is done when output room is left over.
                let done = flush == Z_FINISH ? code == Z_STREAM_END
                    : flush == Z_SYNC_FLUSH ? stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0
                    : stream.pointee.avail_in == 0
                if done { break }
            }
        }
        out.removeSubrange(written...)
        return out
    }

    /// The input cut into pieces zlib's 32-bit counters can take, then an empty piece that
    /// closes (or flushes) the stream.
    private static func pieces(of parts: [UnsafeRawBufferPointer]) -> [UnsafeRawBufferPointer] {
        var pieces: [UnsafeRawBufferPointer] = []
        for part in parts {
            var offset = 0
            while offset < part.count {
                let n = min(part.count - offset, 1 << 30)
                pieces.append(UnsafeRawBufferPointer(rebasing: part[offset ..< offset + n]))
                offset += n
            }
        }
        pieces.append(UnsafeRawBufferPointer(start: nil, count: 0))
        return pieces
    }
}
