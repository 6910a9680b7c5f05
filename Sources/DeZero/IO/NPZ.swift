import Foundation

/// NumPy's `.npz` archive: a zip file with one `.npy` member per array, what `np.savez` and
/// `np.savez_compressed` write and `np.load` reads — and what the Python DeZero's
/// `save_weights` / `load_weights` use. Keys are the member names without `.npy`, so DeZero's
/// `l0/W` is the member `l0/W.npy`.
///
/// ```swift
/// try NPZ.write([("l0/W", w), ("l0/b", b)], to: url)          // np.load(url)["l0/W"]
/// try NPZ.write([("l0/W", w)], to: url, compressed: true)     // like np.savez_compressed
/// let weights = try NPZ.read(from: url)                       // ["l0/W": w, "l0/b": b]
/// ```
public enum NPZ {
    /// Writes the arrays, in the order given, atomically: an interrupted or failed save leaves
    /// any previous file whole. `compressed` deflates each member, as `np.savez_compressed` does.
    ///
    /// - Throws: ``WeightFileError/duplicateKey(path:key:)`` when a key repeats,
    ///   ``WeightFileError/writeFailed(path:reason:)`` when the file cannot be written.
    public static func write(_ tensors: [(key: String, value: NDArray)], to url: URL, compressed: Bool = false) throws {
        try write(tensors, to: url, compressed: compressed, zip64: .whenNeeded)
    }

    /// Writes a dictionary of arrays, keys sorted.
    public static func write(_ tensors: [String: NDArray], to url: URL, compressed: Bool = false) throws {
        try write(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: url, compressed: compressed)
    }

    /// Reads every array of a `.npz` file, keyed by member name without `.npy`.
    ///
    /// - Throws: ``WeightFileError`` naming the file (and member) for anything that is not a
    ///   well-formed archive of supported `.npy` arrays: truncation, wrong magic, sizes that
    ///   disagree with the data, CRC-32 mismatches, unsupported dtypes, repeated keys, and
    ///   members that are not `.npy`. Sizes are checked before anything is allocated: stored
    ///   members are bounded by the file, deflated ones together by `Gzip.maxDecompressedBytes` (1 GiB).
    public static func read(from url: URL) throws -> [String: NDArray] {
        var result: [String: NDArray] = [:]
        for (key, value) in try readInOrder(from: url) { result[key] = value }
        return result
    }

    /// The arrays in archive order.
    static func readInOrder(from url: URL) throws -> [(key: String, value: NDArray)] {
        let data = try NPY.readWholeFile(url)
        return try data.withUnsafeBytes { try parse($0, path: url.path) }
    }

    static func write(_ tensors: [(key: String, value: NDArray)], to url: URL, compressed: Bool, zip64: ZipWriter.Zip64Policy) throws {
        var seen = Set<String>()
        for (key, _) in tensors {
            guard seen.insert(key).inserted else { throw WeightFileError.duplicateKey(path: url.path, key: key) }
            guard key.utf8.count + 4 <= Int(UInt16.max) else {
                throw WeightFileError.writeFailed(path: url.path, reason: "key '\(key.prefix(40))…' is longer than a zip member name can be")
            }
        }
        try atomicWrite(to: url) { out in
            var zip = ZipWriter(zip64: zip64)
            for (key, array) in tensors {
                try addMember(key: key, array: array, compressed: compressed, zip: &zip, out: &out, path: url.path)
            }
            try zip.finish(&out)
        }
    }

    /// One `key.npy` member: the .npy header, then the elements straight from the array's memory.
    private static func addMember(key: String, array: NDArray, compressed: Bool, zip: inout ZipWriter,
                                  out: inout AtomicFileOutput, path: String) throws {
        let a = array.contiguous()
        let header = NPYFormat.header(dtype: a.dtype, shape: a.shape)
        try a.withUnsafeRawPointer { raw in
            try header.withUnsafeBytes { head in
                let body = UnsafeRawBufferPointer(start: raw, count: a.count * a.dtype.itemSize)
                var crc = ZipCRC32()
                crc.update(head)
                crc.append(checksum: ZipCRC32.copyAndChecksum(body, to: nil), length: body.count)
                let size = head.count + body.count
                if compressed {
                    let deflated = try ZipDeflater.compress(head: head, body: body, path: path)
                    try zip.addMember(name: key + ".npy", method: ZipFormat.methodDeflate, crc32: crc.value,
                                      compressedSize: deflated.count, uncompressedSize: size, to: &out) { try $0.write(deflated) }
                } else {
                    try zip.addMember(name: key + ".npy", method: ZipFormat.methodStored, crc32: crc.value,
                                      compressedSize: size, uncompressedSize: size, to: &out) { out in
                        try out.write(head)
                        try out.write(body)
                    }
                }
            }
        }
    }

    /// Reads the arrays of an archive held in memory.
    static func parse(_ raw: UnsafeRawBufferPointer, path: String) throws -> [(key: String, value: NDArray)] {
        let entries = try ZipReader(raw, path: path).entries().filter { !$0.isDirectory }
        // Names first, so a bad archive fails before any array is allocated.
        var seen = Set<String>()
        for entry in entries {
            guard entry.name.hasSuffix(".npy") else {
                throw WeightFileError.badTensor(path: path, key: entry.name, reason: "the member is not a .npy array (its name does not end in .npy)")
            }
            guard seen.insert(key(of: entry)).inserted else { throw WeightFileError.duplicateKey(path: path, key: key(of: entry)) }
        }
        try checkInflatedTotal(entries, path: path)
        return try entries.map { entry in
            let data = UnsafeRawBufferPointer(rebasing: raw[entry.dataOffset ..< entry.dataOffset + entry.compressedSize])
            return (key(of: entry), try member(entry, data: data, path: path))
        }
    }

    /// Deflated members together may inflate to at most `Gzip.maxDecompressedBytes` (1 GiB), the cap
    /// on what compressed data may expand to; each member's array is allocated at its declared
    /// size, so the declared sizes are what is checked, before any allocation. (Stored members
    /// are bounded by the file itself.)
    private static func checkInflatedTotal(_ entries: [ZipEntry], path: String) throws {
        var total = 0
        for entry in entries where entry.method == ZipFormat.methodDeflate {
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = overflow ? .max : sum
        }
        guard total <= Gzip.maxDecompressedBytes else {
            throw WeightFileError.badHeader(path: path, reason: "its compressed members declare \(total) bytes, more than the \(Gzip.maxDecompressedBytes) bytes compressed data may inflate to (Gzip.maxDecompressedBytes); save the weights uncompressed (np.savez) or as .safetensors")
        }
    }

    private static func key(of entry: ZipEntry) -> String { String(entry.name.dropLast(4)) }

    /// Decodes one member, checking its CRC-32.
    private static func member(_ entry: ZipEntry, data: UnsafeRawBufferPointer, path: String) throws -> NDArray {
        let context = NPYContext(path: path, key: key(of: entry))
        if entry.method == ZipFormat.methodStored {
            var source = NPYMemorySource(bytes: data, computesChecksum: true)
            let array = try NPY.decode(from: &source, count: data.count, context: context)
            try checkCRC(source.crc.value, entry, context)
            return array
        }
        do {
            var inflater = try ZipInflater(data)
            let array = try NPY.decode(from: &inflater, count: entry.uncompressedSize, context: context)
            try inflater.finish()
            try checkCRC(inflater.crc.value, entry, context)
            return array
        } catch let problem as ZipInflateProblem {
            throw context.bad(inflateReason(problem, entry))
        }
    }

    private static func checkCRC(_ computed: UInt32, _ entry: ZipEntry, _ context: NPYContext) throws {
        guard computed == entry.crc32 else {
            let hex = { (v: UInt32) in "0x" + String(v, radix: 16, uppercase: true) }
            throw context.bad("CRC-32 mismatch: the archive records \(hex(entry.crc32)), the data gives \(hex(computed)); the file is damaged")
        }
    }

    private static func inflateReason(_ problem: ZipInflateProblem, _ entry: ZipEntry) -> String {
        switch problem {
        case .corrupt(let message):
            "its compressed data is corrupt (zlib: \(message))"
        case .endedEarly(let produced):
            "its compressed data ends after \(produced) bytes, the archive declares \(entry.uncompressedSize)"
        case .longerThanDeclared:
            "its compressed data inflates to more than the \(entry.uncompressedSize) bytes the archive declares"
        }
    }
}

extension ZipInflater: NPYByteSource {}
