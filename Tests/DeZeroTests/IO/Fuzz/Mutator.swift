import DeZero

/// Deterministic mutations of seed inputs, for the fuzz test inside `swift test`: the kinds of
/// damage real files suffer and hostile files are made of. Each mutant applies one to three
/// of them, chosen by a seeded generator, so every run tries the same inputs.
struct Mutator {
    var random: RandomGenerator
    let seeds: [[UInt8]]

    init(seed: UInt64, seeds: [[UInt8]]) {
        random = RandomGenerator(seed: seed)
        self.seeds = seeds
    }

    /// Byte values that sit on boundaries parsers get wrong.
    static let interestingBytes: [UInt8] = [0x00, 0x01, 0x02, 0x08, 0x0A, 0x20, 0x22, 0x2C, 0x2E, 0x30, 0x39, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xC0, 0xFE, 0xFF]
    /// Integers that sit on boundaries of sizes, offsets and counts.
    static let interestingIntegers: [UInt64] = [0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000,
                                               0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, .max]
    /// Number spellings for text headers (JSON, Python literals).
    static let interestingNumbers = ["0", "1", "-1", "00", "1.5", "4.0", "1e3", "65536", "4294967296", "2147483648",
                                     "9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999999999999999999"]
    /// Where format fields start: zip records, the .npy magic, safetensors keys, gzip's magic.
    static let markers: [[UInt8]] = [[0x50, 0x4B, 3, 4], [0x50, 0x4B, 1, 2], [0x50, 0x4B, 5, 6], [0x50, 0x4B, 6, 6], [0x50, 0x4B, 6, 7],
                                     [0x93] + Array("NUMPY".utf8), Array("data_offsets".utf8), Array("shape".utf8), [0x1F, 0x8B], [0, 0, 8]]

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(random.nextBounded(UInt64(n))) }

    /// The next mutant.
    mutating func next() -> [UInt8] {
        var bytes = seeds[below(seeds.count)]
        for _ in 0 ... below(3) { mutate(&bytes) }
        return bytes
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        switch below(10) {
        case 0: flipBits(&bytes)
        case 1: replaceByte(&bytes)
        case 2: overwriteInteger(&bytes, at: below(max(bytes.count, 1)))
        case 3: bytes.removeLast(below(bytes.count + 1))  // truncate
        case 4: extend(&bytes)
        case 5: duplicateChunk(&bytes)
        case 6: removeChunk(&bytes)
        case 7: editField(&bytes)
        case 8: editNumber(&bytes)
        default: splice(&bytes)
        }
    }

    mutating func flipBits(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        for _ in 0 ... below(4) { bytes[below(bytes.count)] ^= 1 << UInt8(below(8)) }
    }

    mutating func replaceByte(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes[below(bytes.count)] = Self.interestingBytes[below(Self.interestingBytes.count)]
    }

    /// Writes a boundary integer, 2, 4 or 8 bytes wide, little- or big-endian, at `offset`.
    mutating func overwriteInteger(_ bytes: inout [UInt8], at offset: Int) {
        let width = [2, 4, 8][below(3)]
        var value = Self.interestingIntegers[below(Self.interestingIntegers.count)]
        if below(4) == 0 { value = UInt64(bytes.count) &+ UInt64(bitPattern: Int64(below(3) - 1)) }  // the length, ±1
        let bigEndian = below(3) == 0
        for i in 0 ..< width where offset + i < bytes.count {
            let shift = UInt64(8 * (bigEndian ? width - 1 - i : i))
            bytes[offset + i] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }

    mutating func extend(_ bytes: inout [UInt8]) {
        let n = 1 + below(64)
        if below(2) == 0 || bytes.isEmpty {
            for _ in 0 ..< n { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        } else {
            let start = below(bytes.count)
            bytes += bytes[start ..< min(bytes.count, start + n)]
        }
    }

    /// Copies a chunk and inserts it elsewhere (repeated records, repeated keys).
    mutating func duplicateChunk(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let start = below(bytes.count)
        let chunk = Array(bytes[start ..< min(bytes.count, start + 1 + below(128))])
        bytes.insert(contentsOf: chunk, at: below(bytes.count + 1))
    }

    mutating func removeChunk(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let start = below(bytes.count)
        bytes.removeSubrange(start ..< min(bytes.count, start + 1 + below(64)))
    }

    /// Overwrites an integer at a small offset from a format marker: a size, offset, count,
    /// flag or dimension of a zip record, an IDX or gzip header, or a safetensors entry.
    mutating func editField(_ bytes: inout [UInt8]) {
        let marker = Self.markers[below(Self.markers.count)]
        let positions = Self.occurrences(of: marker, in: bytes)
        guard !positions.isEmpty else { return replaceByte(&bytes) }
        overwriteInteger(&bytes, at: positions[below(positions.count)] + below(48))
    }

    /// Replaces a run of ASCII digits (a number in a text header) with a boundary spelling.
    mutating func editNumber(_ bytes: inout [UInt8]) {
        var runs: [Range<Int>] = []
        var i = 0
        let limit = min(bytes.count, 4096)  // the text headers sit at the start
        while i < limit {
            if bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                let start = i
                while i < limit && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                runs.append(start ..< i)
            } else {
                i += 1
            }
        }
        guard !runs.isEmpty else { return flipBits(&bytes) }
        bytes.replaceSubrange(runs[below(runs.count)], with: Array(Self.interestingNumbers[below(Self.interestingNumbers.count)].utf8))
    }

    /// The start of one seed joined to the end of another.
    mutating func splice(_ bytes: inout [UInt8]) {
        let other = seeds[below(seeds.count)]
        bytes = Array(bytes.prefix(below(bytes.count + 1))) + other.suffix(below(other.count + 1))
    }

    static func occurrences(of marker: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard bytes.count >= marker.count else { return [] }
        return (0 ... bytes.count - marker.count).filter { p in marker.indices.allSatisfy { bytes[p + $0] == marker[$0] } }
    }
}
