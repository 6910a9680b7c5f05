// The readers under fuzzing, their seed inputs and the invariants every input must keep.
// Shared by the mutation test inside `swift test` (ReaderFuzzTests) and the libFuzzer target
// (Fuzz/DeZeroFuzz links this file), so both check the same thing; docs/RELIABILITY.md.
//
// Invariants, for every input:
// - the reader returns a value or throws its own typed error: never a crash, a hang, or an
//   error of another type;
// - an accepted value holds at most a small multiple of the input's size (8× for .npy/.npz,
//   where 1-byte integers widen to int64; 1× for safetensors and raw IDX), or, for compressed
//   data, what deflate can expand the input to and never more than Gzip.maxDecompressedBytes;
// - reading the same input twice gives the same tensors (compared bit for bit).
import Foundation
@testable import DeZero

/// One tensor of an accepted value, reduced to what identifies it bit for bit.
struct FuzzTensorDigest: Equatable, Sendable {
    let key: String
    let dtype: DType
    let shape: [Int]
    let bytes: [UInt8]

    init(key: String, _ array: NDArray) {
        self.key = key
        dtype = array.dtype
        shape = array.shape
        let a = array.contiguous()
        bytes = a.withUnsafeRawPointer { [UInt8](UnsafeRawBufferPointer(start: $0, count: a.count * a.dtype.itemSize)) }
    }

    init(key: String, bytes: some Sequence<UInt8>, shape: [Int]) {
        self.key = key
        dtype = .int64  // raw bytes: the dtype is not meaningful, only the content
        self.shape = shape
        self.bytes = Array(bytes)
    }
}

/// What one input did.
enum FuzzVerdict: Equatable {
    case accepted
    case rejected
    /// An invariant broke; the message says which.
    case violation(String)
}

/// A reader under fuzzing.
struct FuzzReader: Sendable {
    let name: String
    /// Reads `bytes` and digests the value, or throws.
    let read: @Sendable ([UInt8]) throws -> [FuzzTensorDigest]
    /// True for the reader's own typed errors.
    let isTypedError: @Sendable (any Error) -> Bool
    /// The most bytes an accepted value may hold, for an input of `n` bytes.
    let maxValueBytes: @Sendable (Int) -> Int
    /// Inputs the library's writers produce (plus hand-built variants of their headers).
    let seeds: @Sendable () throws -> [[UInt8]]

    /// Runs one input and checks the invariants.
    func check(_ bytes: [UInt8]) -> FuzzVerdict {
        let first: [FuzzTensorDigest]
        do { first = try read(bytes) } catch {
            return isTypedError(error) ? .rejected : .violation("untyped error \(type(of: error)): \(error)")
        }
        let size = first.reduce(0) { $0 + $1.bytes.count }
        guard size <= maxValueBytes(bytes.count) else {
            return .violation("accepted \(size) bytes from a \(bytes.count)-byte input, more than \(maxValueBytes(bytes.count))")
        }
        guard let second = try? read(bytes), second == first else {
            return .violation("reading the same input twice gave different results")
        }
        return .accepted
    }
}

extension FuzzReader {
    static let all: [FuzzReader] = [npz, npy, safetensors, idx, gzip]

    static func named(_ name: String) -> FuzzReader? { all.first { $0.name == name } }

    /// What `n` compressed bytes may inflate to: deflate's best ratio, within the library's cap.
    static func inflatedBound(_ n: Int) -> Int { min(Gzip.maxInflatedSize(n), Gzip.maxDecompressedBytes) }

    static let npz = FuzzReader(
        name: "npz",
        read: { bytes in
            try bytes.withUnsafeBytes { try NPZ.parse($0, path: "fuzz.npz") }.map { FuzzTensorDigest(key: $0.key, $0.value) }
        },
        isTypedError: { $0 is WeightFileError },
        maxValueBytes: { 8 * max($0, inflatedBound($0)) },
        seeds: {
            var seeds: [[UInt8]] = []
            for (compressed, zip64) in [(false, ZipWriter.Zip64Policy.whenNeeded), (true, .whenNeeded), (false, .always), (true, .always)] {
                seeds.append(try FuzzSeeds.file("s.npz") { try NPZ.write(FuzzSeeds.tensors, to: $0, compressed: compressed, zip64: zip64) })
            }
            seeds.append(try FuzzSeeds.file("e.npz") { try NPZ.write([], to: $0) })
            return seeds
        })

    static let npy = FuzzReader(
        name: "npy",
        read: { [FuzzTensorDigest(key: "array", try NPY.decode($0, path: "fuzz.npy"))] },
        isTypedError: { $0 is WeightFileError },
        maxValueBytes: { 8 * $0 },
        seeds: {
            FuzzSeeds.tensors.map { NPY.encode($0.value) } + [
                FuzzSeeds.npy(descr: ">f8", fortran: true, shape: [2, 3], data: (0 ..< 48).map { UInt8($0) }),
                FuzzSeeds.npy(descr: "<u2", fortran: false, shape: [3], data: [1, 0, 2, 0, 255, 255]),
                FuzzSeeds.npy(descr: "|u1", fortran: false, shape: [2, 2], data: [1, 2, 3, 4]),
                FuzzSeeds.npy(descr: "<i4", fortran: true, shape: [2, 1], data: [1, 0, 0, 0, 255, 255, 255, 255]),
                FuzzSeeds.npy(descr: "|b1", fortran: false, shape: [], data: [7]),
            ]
        })

    static let safetensors = FuzzReader(
        name: "safetensors",
        read: { bytes in
            let (tensors, metadata) = try Safetensors.parse(Data(bytes), path: "fuzz.safetensors")
            let meta = metadata.sorted { $0.key < $1.key }.map { FuzzTensorDigest(key: "meta:" + $0.key, bytes: $0.value.utf8, shape: []) }
            return tensors.sorted { $0.key < $1.key }.map { FuzzTensorDigest(key: $0.key, $0.value) } + meta
        },
        isTypedError: { $0 is WeightFileError },
        // Tensors and metadata both come out of the file's bytes, at most once each.
        maxValueBytes: { $0 },
        seeds: {
            [
                try FuzzSeeds.file("s.safetensors") { try Safetensors.write(FuzzSeeds.tensors, metadata: ["model": "mlp", "note": "a \"quoted\" é"], to: $0) },
                try FuzzSeeds.file("e.safetensors") { try Safetensors.write([], to: $0) },
            ]
        })

    /// IDX files, read both as labels (1 dimension) and as images (3 dimensions).
    static let idx = FuzzReader(
        name: "idx",
        read: { bytes in
            var digests: [FuzzTensorDigest] = []
            for dimensions in [1, 3] {
                do throws(DatasetError) {
                    let array = try IDX.parse(bytes, path: "fuzz-idx", dimensions: dimensions)
                    digests.append(FuzzTensorDigest(key: "idx\(dimensions)", bytes: array.bytes, shape: array.shape))
                } catch .wrongMagic {
                    continue  // the other dimension count; if both fail, the second error is thrown below
                }
            }
            if digests.isEmpty { _ = try IDX.parse(bytes, path: "fuzz-idx", dimensions: 3) }
            return digests
        },
        isTypedError: { $0 is DatasetError },
        maxValueBytes: { max($0, inflatedBound($0)) },
        seeds: { FuzzSeeds.idxFiles })

    static let gzip = FuzzReader(
        name: "gzip",
        read: { [FuzzTensorDigest(key: "data", bytes: try Gzip.decompress($0), shape: [])] },
        isTypedError: { $0 is GzipError },
        maxValueBytes: { inflatedBound($0) },
        seeds: { FuzzSeeds.idxFiles.filter { Gzip.isGzip($0) } + [FuzzSeeds.gzipStored(Array("hello".utf8)) + FuzzSeeds.gzipStored([1, 2, 3])] })
}

/// Seed inputs, written by the library itself wherever it has a writer.
enum FuzzSeeds {
    /// One of each dtype, a scalar and an empty tensor: the safetensors tests' set.
    static let tensors = SafetensorsTests.tensors

    /// The bytes `write` puts in a fresh temporary file.
    static func file(_ name: String, _ write: (URL) throws -> Void) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dezero-fuzz-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try write(url)
        return [UInt8](try Data(contentsOf: url))
    }

    /// A .npy file with a hand-chosen dtype and order (our writer only writes its own dtypes).
    static func npy(descr: String, fortran: Bool, shape: [Int], data: [UInt8]) -> [UInt8] {
        var header = NPYFormat.header(dtype: .float32, shape: shape)
        let dict = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeDescription(shape)), }"
        let text = Array(dict.utf8) + [UInt8](repeating: 0x20, count: header.count - 10 - dict.utf8.count - 1) + [0x0A]
        header.replaceSubrange(10..., with: text)
        return header + data
    }

    static func idx(dims: [UInt32], payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, 8, UInt8(dims.count)]
        for d in dims { out += [UInt8(d >> 24), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return out + payload
    }

    /// A gzip member of stored (uncompressed) deflate blocks.
    static func gzipStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1]
        let n = UInt16(data.count)
        out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)] + data
        var crc = ZipCRC32()
        crc.update(data)
        for v in [crc.value, UInt32(data.count)] { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        return out
    }

    /// Raw and gzip IDX files: small hand-built ones and the library's own embedded digits.
    static var idxFiles: [[UInt8]] {
        let labels = idx(dims: [5], payload: [0, 1, 2, 3, 9])
        let images = idx(dims: [2, 3, 2], payload: Array(0 ..< 12))
        return [labels, images, gzipStored(labels), gzipStored(images),
                PackageResources.train_labels_idx1_ubyte_gz, PackageResources.t10k_images_idx3_ubyte_gz]
    }
}
