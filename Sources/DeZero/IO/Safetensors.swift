import Foundation

/// The safetensors format of the Hugging Face ecosystem (what PyTorch users load with):
/// an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
/// byte range, then the raw little-endian data. `__metadata__` holds string pairs; DeZero for
/// Swift keeps the model configuration there.
///
/// ```swift
/// try Safetensors.write(["l1/W": w, "l1/b": b], metadata: ["model": "mlp"], to: url)
/// let (tensors, metadata) = try Safetensors.read(from: url)
/// ```
public enum Safetensors {
    /// The largest JSON header accepted (the reference implementation's limit is 100 MB).
    public static let maxHeaderBytes = 100_000_000

    static func code(_ dtype: DType) -> String {
        switch dtype {
        case .float32: "F32"
        case .float64: "F64"
        case .int64: "I64"
        case .bool: "BOOL"
        }
    }

    static func dtype(code: String) -> DType? {
        switch code {
        case "F32": .float32
        case "F64": .float64
        case "I64": .int64
        case "BOOL": .bool
        default: nil
        }
    }

    /// Writes the tensors, in the order given, atomically.
    public static func write(_ tensors: [(key: String, value: NDArray)], metadata: [String: String] = [:], to url: URL) throws {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        var seen = Set<String>()
        for (key, array) in tensors {
            guard seen.insert(key).inserted else { throw WeightFileError.duplicateKey(path: url.path, key: key) }
            let bytes = array.count * array.dtype.itemSize
            header[key] = ["dtype": code(array.dtype), "shape": array.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        while json.count % 8 != 0 { json.append(0x20) }
        try atomicWrite(to: url) { out in
            var length = UInt64(json.count).littleEndian
            try withUnsafeBytes(of: &length) { try out.write($0) }
            try out.write(json)
            for (_, array) in tensors {
                try array.contiguous().withUnsafeRawPointer { raw in
                    try out.write(UnsafeRawBufferPointer(start: raw, count: array.count * array.dtype.itemSize))
                }
            }
        }
    }

    /// Writes a dictionary of tensors, keys sorted.
    public static func write(_ tensors: [String: NDArray], metadata: [String: String] = [:], to url: URL) throws {
        try write(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metadata: metadata, to: url)
    }

    /// Reads every tensor and the metadata.
    ///
    /// The whole header is validated before anything is allocated: it must be strict UTF-8
    /// JSON (`SafetensorsHeader`), every entry's `data_offsets` must match its dtype and
    /// shape, and the entries, in offset order, must cover the data exactly, without overlaps
    /// or gaps. So the tensors allocated add up to at most the file's data, and a corrupt or
    /// hostile file gets a ``WeightFileError``, never a crash or a large allocation.
    public static func read(from url: URL) throws -> (tensors: [String: NDArray], metadata: [String: String]) {
        let path = url.path
        let bytes: Data
        do { bytes = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw WeightFileError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(bytes, path: path)
    }

    static func parse(_ bytes: Data, path: String) throws -> (tensors: [String: NDArray], metadata: [String: String]) {
        try bytes.withUnsafeBytes { try parse(raw: $0, path: path) }
    }

    static func parse(raw bytes: UnsafeRawBufferPointer, path: String) throws -> (tensors: [String: NDArray], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw WeightFileError.truncated(path: path, needed: 8, available: bytes.count) }
        let headerLength = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(maxHeaderBytes) else {
            throw WeightFileError.badHeader(path: path, reason: "header length \(headerLength) exceeds the \(maxHeaderBytes)-byte limit")
        }
        let dataStart = 8 + Int(headerLength)
        guard dataStart <= bytes.count else { throw WeightFileError.truncated(path: path, needed: dataStart, available: bytes.count) }
        let header = try SafetensorsHeader.parse(UnsafeRawBufferPointer(rebasing: bytes[8 ..< dataStart]), path: path)
        let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart...])
        let entries = header.entries
        let dtypes = try entries.map { try $0.checkedDType(path: path, dataLength: data.count) }
        try checkCoverage(entries, path: path, dataLength: data.count)
        // Only now, with every size known to fit the file once, allocate.
        var tensors: [String: NDArray] = [:]
        tensors.reserveCapacity(entries.count)
        for (tensor, dtype) in zip(entries, dtypes) {
            tensors[tensor.key] = NDArray.makeRaw(dtype: dtype, shape: tensor.shape) { dst, _ in
                if tensor.end > tensor.begin { dst.copyMemory(from: data.baseAddress! + tensor.begin, byteCount: tensor.end - tensor.begin) }
            }
        }
        return (tensors, header.metadata)
    }

    /// The data must be covered exactly, without overlaps or holes (the format's own rule).
    private static func checkCoverage(_ entries: [SafetensorsEntry], path: String, dataLength: Int) throws {
        var cursor = 0
        for tensor in entries.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            guard tensor.begin == cursor else {
                throw WeightFileError.badTensor(path: path, key: tensor.key, reason: tensor.begin < cursor ? "its bytes overlap another tensor" : "there is a gap of unused bytes before it")
            }
            cursor = tensor.end
        }
        guard cursor == dataLength else {
            throw WeightFileError.badHeader(path: path, reason: "the header describes \(cursor) bytes of data, the file holds \(dataLength)")
        }
    }
}

extension SafetensorsEntry {
    /// Checks the entry against itself and the data's length — a dtype this library reads, a
    /// shape whose size fits the file, offsets inside the data that span exactly that size —
    /// and returns its dtype. Sizes are multiplied with overflow checks, so no header can make
    /// the reader allocate more than the file holds.
    func checkedDType(path: String, dataLength: Int) throws -> DType {
        guard let dtype = Safetensors.dtype(code: self.dtype) else {
            throw WeightFileError.unsupportedDType(path: path, key: key, dtype: self.dtype)
        }
        var bytes = dtype.itemSize
        for d in shape {
            let (p, overflow) = bytes.multipliedReportingOverflow(by: d)
            guard !overflow, p <= dataLength else {
                throw WeightFileError.badTensor(path: path, key: key, reason: "shape \(shapeDescription(shape)) needs more bytes than the file holds (\(dataLength))")
            }
            bytes = p
        }
        guard begin <= end, end <= dataLength else {
            throw WeightFileError.badTensor(path: path, key: key, reason: "data_offsets [\(begin), \(end)] fall outside the \(dataLength) bytes of data")
        }
        guard end - begin == bytes else {
            throw WeightFileError.badTensor(path: path, key: key, reason: "shape \(shapeDescription(shape)) of \(self.dtype) needs \(bytes) bytes, data_offsets give \(end - begin)")
        }
        return dtype
    }
}
