// Reads the directory of a zip archive held in memory: the end record (and its ZIP64
// extension), the central directory, and each entry's local header. Every offset and size is
// checked against the bytes actually present before it is used, so a damaged or hostile
// archive yields a `WeightFileError`, never a crash or an unbounded allocation.

/// One member of a zip archive, located and checked, its data not yet read.
struct ZipEntry {
    let name: String
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
    /// Where the member's (compressed) bytes start: after its local header.
    let dataOffset: Int

    /// Directory entries (`l0/`) some zip tools add; they hold no data.
    var isDirectory: Bool { name.hasSuffix("/") && uncompressedSize == 0 }
}

/// The directory of a zip archive.
struct ZipReader {
    let bytes: LittleEndianReader
    let path: String

    /// Where the central directory lies, and how many entries it holds.
    struct Directory {
        var offset: Int
        var size: Int
        var count: Int
        /// The central directory must end before this offset (the end records).
        var limit: Int
    }

    init(_ raw: UnsafeRawBufferPointer, path: String) {
        bytes = LittleEndianReader(bytes: raw)
        self.path = path
    }

    private func bad(_ reason: String) -> WeightFileError { .badHeader(path: path, reason: reason) }

    /// All entries, in central-directory order.
    func entries() throws -> [ZipEntry] {
        try checkLeadingSignature()
        let directory = try locateDirectory()
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.count)
        var offset = directory.offset
        for _ in 0 ..< directory.count {
            let (entry, next) = try centralEntry(at: offset, directory: directory)
            entries.append(entry)
            offset = next
        }
        try checkNoOverlap(entries)
        return entries
    }

    /// A .npz begins with a member's local header (or, when empty, with the end record).
    private func checkLeadingSignature() throws {
        let n = bytes.bytes.count
        guard n >= 4 else { throw WeightFileError.truncated(path: path, needed: ZipFormat.endRecordSize, available: n) }
        let first = bytes.u32(0)
        guard first == ZipFormat.localHeaderSignature || first == ZipFormat.endRecordSignature else {
            let magic = bytes.bytes.prefix(min(n, 6))
            if magic.elementsEqual(NPYFormat.magic) { throw bad("this is a .npy file, not a .npz archive") }
            let hex = bytes.bytes.prefix(4).map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            throw bad("not a zip archive: it starts with bytes \(hex), a .npz starts with 50 4B 03 04 (\"PK\")")
        }
        guard n >= ZipFormat.endRecordSize else {
            throw WeightFileError.truncated(path: path, needed: ZipFormat.endRecordSize, available: n)
        }
    }

    /// Finds the end record (searching back over a possible comment) and, if present, the
    /// ZIP64 end record, and checks that the central directory they describe fits the file.
    private func locateDirectory() throws -> Directory {
        let n = bytes.bytes.count
        let end = try findEndRecord()
        guard bytes.u16(end + 4) == 0, bytes.u16(end + 6) == 0 else { throw bad("multi-disk (split) archives are not supported") }
        var count = Int(bytes.u16(end + 10))
        var size = UInt64(bytes.u32(end + 12))
        var offset = UInt64(bytes.u32(end + 16))
        var limit = end
        let locator = end - ZipFormat.zip64LocatorSize
        if locator >= ZipFormat.zip64EndRecordSize, bytes.u32(locator) == ZipFormat.zip64LocatorSignature {
            let record = bytes.u64(locator + 8)
            guard record <= UInt64(locator - ZipFormat.zip64EndRecordSize), bytes.u32(Int(record)) == ZipFormat.zip64EndRecordSignature else {
                throw bad("the ZIP64 end-of-central-directory locator points to offset \(record), where no ZIP64 end record is")
            }
            let r = Int(record)
            guard bytes.u32(r + 16) == 0, bytes.u32(r + 20) == 0 else { throw bad("multi-disk (split) archives are not supported") }
            let total = bytes.u64(r + 32)
            guard total <= UInt64(n / ZipFormat.centralHeaderSize) else {
                throw bad("the ZIP64 end record claims \(total) entries, more than the file can hold")
            }
            count = Int(total)
            size = bytes.u64(r + 40)
            offset = bytes.u64(r + 48)
            limit = r
        } else if count == Int(ZipFormat.sentinel16) && (size == UInt64(ZipFormat.sentinel32) || offset == UInt64(ZipFormat.sentinel32)) {
            throw bad("the end record refers to a ZIP64 end record that is missing")
        }
        guard offset <= UInt64(limit), size <= UInt64(limit) - offset else {
            throw bad("the central directory (offset \(offset), \(size) bytes) lies outside the file's \(limit) bytes of members")
        }
        // Nothing may lie between the directory and the end record(s): otherwise the end record
        // is not the one that was written with this directory (a forged record in the comment).
        guard offset + size == UInt64(limit) else {
            throw bad("the central directory (offset \(offset), \(size) bytes) does not end where the end record begins (offset \(limit))")
        }
        guard count <= Int(size) / ZipFormat.centralHeaderSize else {
            throw bad("the end record claims \(count) entries, but the central directory has only \(size) bytes")
        }
        return Directory(offset: Int(offset), size: Int(size), count: count, limit: Int(offset + size))
    }

    /// The end record is the last 22 bytes plus a comment of up to 64 KiB, whose length it
    /// records: a candidate counts only when its comment reaches exactly the end of the file.
    /// A comment can hold bytes that look like an end record; when two candidates both fit,
    /// the archive is ambiguous and refused rather than read from the later (forged) one.
    private func findEndRecord() throws -> Int {
        let n = bytes.bytes.count
        let highest = n - ZipFormat.endRecordSize
        let lowest = max(0, highest - ZipFormat.maxCommentSize)
        var found: Int?
        for p in stride(from: highest, through: lowest, by: -1)
        where bytes.u32(p) == ZipFormat.endRecordSignature && p + ZipFormat.endRecordSize + Int(bytes.u16(p + 20)) == n {
            if let later = found {
                throw bad("two end-of-central-directory records (offsets \(p) and \(later)) both fit the file: the archive comment holds a forged one")
            }
            found = p
        }
        guard let found else { throw bad("no end-of-central-directory record: the archive is truncated or damaged") }
        return found
    }

    /// Parses the central header at `offset`, then the local header it points to.
    private func centralEntry(at offset: Int, directory: Directory) throws -> (ZipEntry, next: Int) {
        guard bytes.contains(offset, ZipFormat.centralHeaderSize), offset + ZipFormat.centralHeaderSize <= directory.limit,
              bytes.u32(offset) == ZipFormat.centralHeaderSignature
        else { throw bad("central directory entry at offset \(offset) is damaged") }
        let flags = bytes.u16(offset + 8)
        let method = bytes.u16(offset + 10)
        let crc = bytes.u32(offset + 16)
        let nameLength = Int(bytes.u16(offset + 28))
        let extraLength = Int(bytes.u16(offset + 30))
        let commentLength = Int(bytes.u16(offset + 32))
        let next = offset + ZipFormat.centralHeaderSize + nameLength + extraLength + commentLength
        guard next <= directory.limit else { throw bad("central directory entry at offset \(offset) runs past the directory's end") }
        let nameStart = offset + ZipFormat.centralHeaderSize
        let nameBytes = UnsafeRawBufferPointer(rebasing: bytes.bytes[nameStart ..< nameStart + nameLength])
        let name = try decodeName(nameBytes)
        var sizes = Zip64Sizes(
            uncompressed: UInt64(bytes.u32(offset + 24)),
            compressed: UInt64(bytes.u32(offset + 20)),
            localOffset: UInt64(bytes.u32(offset + 42)))
        let extra = UnsafeRawBufferPointer(rebasing: bytes.bytes[nameStart + nameLength ..< nameStart + nameLength + extraLength])
        try sizes.applyExtra(extra, name: name, path: path)
        guard flags & ZipFormat.flagEncrypted == 0 else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "the member is encrypted")
        }
        guard method == ZipFormat.methodStored || method == ZipFormat.methodDeflate else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "compression method \(method) is not supported (only stored and deflate)")
        }
        let dataOffset = try localData(of: name, nameBytes: nameBytes, at: sizes.localOffset, directory: directory)
        guard sizes.compressed <= UInt64(directory.offset - dataOffset) else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "its \(sizes.compressed) bytes of data run past the end of the members")
        }
        try checkSizes(sizes, method: method, name: name)
        let entry = ZipEntry(name: name, method: method, crc32: crc, compressedSize: Int(sizes.compressed),
                             uncompressedSize: Int(sizes.uncompressed), localHeaderOffset: Int(sizes.localOffset),
                             dataOffset: dataOffset)
        return (entry, next)
    }

    /// Stored data is as long as its uncompressed size; deflate cannot compress better than
    /// about 1032:1, so a larger claim is a lie, refused before anything is allocated.
    private func checkSizes(_ sizes: Zip64Sizes, method: UInt16, name: String) throws {
        if method == ZipFormat.methodStored {
            guard sizes.uncompressed == sizes.compressed else {
                throw WeightFileError.badTensor(path: path, key: name, reason: "stored member has compressed size \(sizes.compressed) but uncompressed size \(sizes.uncompressed)")
            }
        } else {
            let limit = UInt64(Gzip.maxInflatedSize(Int(sizes.compressed))) + 1024
            guard sizes.uncompressed <= limit else {
                throw WeightFileError.badTensor(path: path, key: name, reason: "claims to inflate \(sizes.compressed) bytes to \(sizes.uncompressed), more than deflate can")
            }
        }
    }

    /// Checks the local header and returns where its data starts. Sizes come from the central
    /// directory (local ones may be zero when a data descriptor follows), but the name must agree.
    private func localData(of name: String, nameBytes: UnsafeRawBufferPointer, at offset: UInt64, directory: Directory) throws -> Int {
        guard offset <= UInt64(directory.offset), bytes.contains(Int(offset), ZipFormat.localHeaderSize),
              Int(offset) + ZipFormat.localHeaderSize <= directory.offset,
              bytes.u32(Int(offset)) == ZipFormat.localHeaderSignature
        else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "no local header at offset \(offset)")
        }
        let o = Int(offset)
        let nameLength = Int(bytes.u16(o + 26))
        let extraLength = Int(bytes.u16(o + 28))
        let dataOffset = o + ZipFormat.localHeaderSize + nameLength + extraLength
        guard dataOffset <= directory.offset else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "its local header runs into the central directory")
        }
        let localName = bytes.bytes[o + ZipFormat.localHeaderSize ..< o + ZipFormat.localHeaderSize + nameLength]
        guard localName.elementsEqual(nameBytes) else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "the local header names a different member")
        }
        return dataOffset
    }

    /// Names are UTF-8 (flag bit 11, or plain ASCII, which is the same); names in a legacy
    /// code page (no flag, bytes over 127) are accepted only when they happen to be valid UTF-8.
    private func decodeName(_ raw: UnsafeRawBufferPointer) throws -> String {
        guard let name = String(validating: raw, as: UTF8.self) else {
            throw bad("a member name is not valid UTF-8")
        }
        return name
    }

    /// Members must not share bytes: overlapping members are how "zip bombs" multiply output.
    private func checkNoOverlap(_ entries: [ZipEntry]) throws {
        let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.dataOffset + a.compressedSize > b.localHeaderOffset {
            throw WeightFileError.badTensor(path: path, key: b.name, reason: "its bytes overlap member '\(a.name)'")
        }
    }
}

/// An entry's sizes and local-header offset, 32-bit in the central header unless the ZIP64
/// extra field supplies them.
struct Zip64Sizes {
    var uncompressed: UInt64
    var compressed: UInt64
    var localOffset: UInt64

    /// Reads the ZIP64 extra field: it holds, in this order, exactly those of the three values
    /// whose 32-bit field is 0xFFFFFFFF.
    mutating func applyExtra(_ extra: UnsafeRawBufferPointer, name: String, path: String) throws {
        let sentinel = UInt64(ZipFormat.sentinel32)
        var needed = [\Zip64Sizes.uncompressed, \.compressed, \.localOffset].filter { self[keyPath: $0] == sentinel }
        let reader = LittleEndianReader(bytes: extra)
        var p = 0
        while p + 4 <= extra.count {
            let id = reader.u16(p)
            let size = Int(reader.u16(p + 2))
            guard p + 4 + size <= extra.count else {
                throw WeightFileError.badTensor(path: path, key: name, reason: "its extra field is damaged")
            }
            if id == ZipFormat.zip64ExtraID && !needed.isEmpty {
                guard needed.count * 8 <= size else {
                    throw WeightFileError.badTensor(path: path, key: name, reason: "its ZIP64 extra field is too short")
                }
                for (i, field) in needed.enumerated() { self[keyPath: field] = reader.u64(p + 4 + 8 * i) }
                needed = []
            }
            p += 4 + size
        }
        guard needed.isEmpty else {
            throw WeightFileError.badTensor(path: path, key: name, reason: "its sizes need a ZIP64 extra field, which is missing")
        }
        // Anything beyond Int's range cannot be in memory; the callers' bounds checks need Int.
        for value in [uncompressed, compressed, localOffset] where value > UInt64(Int.max / 2) {
            throw WeightFileError.badTensor(path: path, key: name, reason: "size or offset \(value) is impossibly large")
        }
    }
}
