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

    /// Reads every tensor and the metadata. Sizes in the header are checked against the file
    /// before anything is allocated, so a corrupt or hostile file gets an error, never a crash.
    public static func read(from url: URL) throws -> (tensors: [String: NDArray], metadata: [String: String]) {
        let path = url.path
        let bytes: Data
        do { bytes = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw WeightFileError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(bytes, path: path)
    }

    static func parse(_ bytes: Data, path: String) throws -> (tensors: [String: NDArray], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw WeightFileError.truncated(path: path, needed: 8, available: bytes.count) }
        let headerLength = bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(maxHeaderBytes) else {
            throw WeightFileError.badHeader(path: path, reason: "header length \(headerLength) exceeds the \(maxHeaderBytes)-byte limit")
        }
        let dataStart = 8 + Int(headerLength)
        guard dataStart <= bytes.count else { throw WeightFileError.truncated(path: path, needed: dataStart, available: bytes.count) }
        let headerBytes = bytes.subdata(in: bytes.startIndex + 8 ..< bytes.startIndex + dataStart)
        guard let object = try? JSONSerialization.jsonObject(with: headerBytes), let header = object as? [String: Any] else {
            throw WeightFileError.badHeader(path: path, reason: "the header is not a JSON object")
        }
        if let key = JSONKeyScanner.firstDuplicateTopLevelKey(in: Array(headerBytes)) {
            throw WeightFileError.duplicateKey(path: path, key: key)
        }
        var metadata: [String: String] = [:]
        if let meta = header["__metadata__"] {
            guard let m = meta as? [String: String] else {
                throw WeightFileError.badHeader(path: path, reason: "__metadata__ must map strings to strings")
            }
            metadata = m
        }
        let dataLength = bytes.count - dataStart
        var ranges: [(Int, Int, String)] = []
        var tensors: [String: NDArray] = [:]
        for (key, value) in header where key != "__metadata__" {
            let entry = try TensorEntry(key: key, value: value, path: path, dataLength: dataLength)
            ranges.append((entry.begin, entry.end, key))
            tensors[key] = bytes.withUnsafeBytes { raw in
                NDArray.makeRaw(dtype: entry.dtype, shape: entry.shape) { dst, _ in
                    dst.copyMemory(from: raw.baseAddress! + dataStart + entry.begin, byteCount: entry.end - entry.begin)
                }
            }
        }
        // The data must be covered exactly, without overlaps or holes (the format's own rule).
        ranges.sort { $0.0 < $1.0 }
        var cursor = 0
        for (begin, end, key) in ranges {
            guard begin == cursor else {
                throw WeightFileError.badTensor(path: path, key: key, reason: begin < cursor ? "its bytes overlap another tensor" : "there is a gap of unused bytes before it")
            }
            cursor = end
        }
        guard cursor == dataLength else {
            throw WeightFileError.badHeader(path: path, reason: "the header describes \(cursor) bytes of data, the file holds \(dataLength)")
        }
        return (tensors, metadata)
    }

    /// One tensor's header entry, validated.
    struct TensorEntry {
        let dtype: DType
        let shape: [Int]
        let begin: Int
        let end: Int

        init(key: String, value: Any, path: String, dataLength: Int) throws {
            guard let info = value as? [String: Any], let code = info["dtype"] as? String,
                  let shapeValues = info["shape"] as? [Any], let offsets = info["data_offsets"] as? [Any], offsets.count == 2
            else {
                throw WeightFileError.badTensor(path: path, key: key, reason: "entry needs dtype, shape and two data_offsets")
            }
            guard let dtype = Safetensors.dtype(code: code) else {
                throw WeightFileError.unsupportedDType(path: path, key: key, dtype: code)
            }
            let shape = try shapeValues.map { v -> Int in
                guard let n = (v as? NSNumber)?.intValue, n >= 0, (v as? NSNumber)?.doubleValue == Double(n) else {
                    throw WeightFileError.badTensor(path: path, key: key, reason: "shape \(shapeValues) is not a list of non-negative integers")
                }
                return n
            }
            let bounds = try offsets.map { v -> Int in
                guard let n = (v as? NSNumber)?.intValue, n >= 0 else {
                    throw WeightFileError.badTensor(path: path, key: key, reason: "data_offsets must be non-negative integers")
                }
                return n
            }
            var bytes = dtype.itemSize
            for d in shape {
                let (p, overflow) = bytes.multipliedReportingOverflow(by: d)
                guard !overflow, p <= dataLength else {
                    throw WeightFileError.badTensor(path: path, key: key, reason: "shape \(shapeDescription(shape)) needs more bytes than the file holds (\(dataLength))")
                }
                bytes = p
            }
            guard bounds[0] <= bounds[1], bounds[1] <= dataLength else {
                throw WeightFileError.badTensor(path: path, key: key, reason: "data_offsets \(bounds) fall outside the \(dataLength) bytes of data")
            }
            guard bounds[1] - bounds[0] == bytes else {
                throw WeightFileError.badTensor(path: path, key: key, reason: "shape \(shapeDescription(shape)) of \(code) needs \(bytes) bytes, data_offsets give \(bounds[1] - bounds[0])")
            }
            self.dtype = dtype
            self.shape = shape
            begin = bounds[0]
            end = bounds[1]
        }
    }
}
