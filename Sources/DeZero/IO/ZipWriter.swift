// Writes a zip archive member by member into an atomic file output: each member's local
// header and data, then the central directory and the end record. Sizes and CRC are known
// before a member is written, so no data descriptors are needed. ZIP64 fields appear only
// where a size, offset or count does not fit 32 (16) bits, unless asked for always, which is
// how `np.savez` writes its local headers and how the tests exercise the ZIP64 path.

struct ZipWriter {
    enum Zip64Policy { case whenNeeded, always }

    private struct Member {
        let name: [UInt8]
        let flags: UInt16
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let offset: Int
    }

    let zip64: Zip64Policy
    private var members: [Member] = []

    init(zip64: Zip64Policy = .whenNeeded) { self.zip64 = zip64 }

    private func needs64(_ value: Int) -> Bool { zip64 == .always || value >= Int(ZipFormat.sentinel32) }

    /// Writes one member's local header, then lets `data` write exactly `compressedSize` bytes.
    mutating func addMember(name: String, method: UInt16, crc32: UInt32, compressedSize: Int, uncompressedSize: Int,
                            to out: inout AtomicFileOutput, data: (inout AtomicFileOutput) throws -> Void) throws {
        let nameBytes = Array(name.utf8)
        // Flag bit 11 says the name is UTF-8; pure ASCII names need no flag.
        let flags: UInt16 = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : ZipFormat.flagUTF8
        let member = Member(name: nameBytes, flags: flags, method: method, crc32: crc32, compressedSize: compressedSize,
                            uncompressedSize: uncompressedSize, offset: out.count)
        let big = needs64(compressedSize) || needs64(uncompressedSize)
        var w = LittleEndianWriter()
        w.u32(ZipFormat.localHeaderSignature)
        w.u16(big ? ZipFormat.versionZip64 : ZipFormat.versionDeflate)
        w.u16(flags)
        w.u16(method)
        w.u16(ZipFormat.dosTime)
        w.u16(ZipFormat.dosDate)
        w.u32(crc32)
        w.u32(big ? ZipFormat.sentinel32 : UInt32(compressedSize))
        w.u32(big ? ZipFormat.sentinel32 : UInt32(uncompressedSize))
        w.u16(UInt16(nameBytes.count))
        w.u16(big ? 20 : 0)
        w.append(nameBytes)
        if big {
            // In a local header the ZIP64 field always holds both sizes.
            w.u16(ZipFormat.zip64ExtraID)
            w.u16(16)
            w.u64(UInt64(uncompressedSize))
            w.u64(UInt64(compressedSize))
        }
        try out.write(w.bytes)
        let start = out.count
        try data(&out)
        dezeroCheck(out.count - start == compressedSize, "ZipWriter: member '\(name)' wrote \(out.count - start) bytes, declared \(compressedSize)")
        members.append(member)
    }

    /// Writes the central directory and the end record(s).
    func finish(_ out: inout AtomicFileOutput) throws {
        let directoryOffset = out.count
        for member in members { try out.write(centralHeader(member)) }
        let directorySize = out.count - directoryOffset
        let count = members.count
        let big = zip64 == .always || count >= Int(ZipFormat.sentinel16) || needs64(directorySize) || needs64(directoryOffset)
        var w = LittleEndianWriter()
        if big {
            let recordOffset = out.count
            w.u32(ZipFormat.zip64EndRecordSignature)
            w.u64(UInt64(ZipFormat.zip64EndRecordSize - 12))  // size of the rest of the record
            w.u16(ZipFormat.madeByUnix | ZipFormat.versionZip64)
            w.u16(ZipFormat.versionZip64)
            w.u32(0)  // this disk
            w.u32(0)  // disk of the central directory
            w.u64(UInt64(count))
            w.u64(UInt64(count))
            w.u64(UInt64(directorySize))
            w.u64(UInt64(directoryOffset))
            w.u32(ZipFormat.zip64LocatorSignature)
            w.u32(0)
            w.u64(UInt64(recordOffset))
            w.u32(1)  // total disks
        }
        w.u32(ZipFormat.endRecordSignature)
        w.u16(0)
        w.u16(0)
        let shortCount = big ? ZipFormat.sentinel16 : UInt16(count)
        w.u16(shortCount)
        w.u16(shortCount)
        w.u32(big ? ZipFormat.sentinel32 : UInt32(directorySize))
        w.u32(big ? ZipFormat.sentinel32 : UInt32(directoryOffset))
        w.u16(0)  // comment length
        try out.write(w.bytes)
    }

    /// A central header; its ZIP64 field holds only the values that do not fit, in the
    /// order uncompressed size, compressed size, offset.
    private func centralHeader(_ m: Member) -> [UInt8] {
        let wide = (u: needs64(m.uncompressedSize), c: needs64(m.compressedSize), o: needs64(m.offset))
        var extra = LittleEndianWriter()
        if wide.u { extra.u64(UInt64(m.uncompressedSize)) }
        if wide.c { extra.u64(UInt64(m.compressedSize)) }
        if wide.o { extra.u64(UInt64(m.offset)) }
        let any = !extra.bytes.isEmpty
        let version = any ? ZipFormat.versionZip64 : ZipFormat.versionDeflate
        var w = LittleEndianWriter()
        w.u32(ZipFormat.centralHeaderSignature)
        w.u16(ZipFormat.madeByUnix | version)
        w.u16(version)
        w.u16(m.flags)
        w.u16(m.method)
        w.u16(ZipFormat.dosTime)
        w.u16(ZipFormat.dosDate)
        w.u32(m.crc32)
        w.u32(wide.c ? ZipFormat.sentinel32 : UInt32(m.compressedSize))
        w.u32(wide.u ? ZipFormat.sentinel32 : UInt32(m.uncompressedSize))
        w.u16(UInt16(m.name.count))
        w.u16(any ? UInt16(4 + extra.bytes.count) : 0)
        w.u16(0)  // comment length
        w.u16(0)  // disk number
        w.u16(0)  // internal attributes
        w.u32(ZipFormat.unixFileAttributes)
        w.u32(wide.o ? ZipFormat.sentinel32 : UInt32(m.offset))
        w.append(m.name)
        if any {
            w.u16(ZipFormat.zip64ExtraID)
            w.u16(UInt16(extra.bytes.count))
            w.append(extra.bytes)
        }
        return w.bytes
    }
}
