import Foundation
import Testing
@testable import DeZero

/// IDX reading and every kind of bad file, each crafted in a temporary directory.
@Suite struct DataIDXTests {
    typealias S = DataTestSupport

    /// Three 2×2 images with pixels 0, 51, 102, 153, 204, 255, 50, 101, …, and their labels.
    static let pixels: [UInt8] = (0..<12).map { UInt8($0 * 51 % 256) }
    static let images = S.idx(dims: [3, 2, 2], payload: pixels)
    static let labels = S.idx(dims: [3], payload: [7, 0, 9])

    /// A directory with the training split written raw (`gzip: false`) or compressed.
    func mnistDirectory(images: [UInt8] = images, labels: [UInt8] = labels, gzip: Bool) throws -> URL {
        let dir = try S.temporaryDirectory()
        let suffix = gzip ? ".gz" : ""
        try S.write(gzip ? S.gzipStored(images) : images, "train-images-idx3-ubyte" + suffix, in: dir)
        try S.write(gzip ? S.gzipStored(labels) : labels, "train-labels-idx1-ubyte" + suffix, in: dir)
        return dir
    }

    /// Loads the training split and returns the error it throws.
    func loadError(_ dir: URL) -> DatasetError? {
        do { _ = try MNIST(directory: dir); return nil } catch { return error }
    }

    @Test(arguments: [false, true]) func readsRawAndGzipFiles(gzip: Bool) throws {
        let dir = try mnistDirectory(gzip: gzip)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ds = try MNIST(directory: dir)
        #expect(ds.count == 3)
        #expect(ds.data.shape == [3, 4])
        #expect(ds.data.dtype == .float32)
        // 51 / 255 = 0.2 exactly in decimal; compare with Float's own division.
        #expect(ds.data.scalars(as: Float.self) == Self.pixels.map { Float($0) / 255 })
        #expect(ds.label.scalars(as: Int64.self) == [7, 0, 9])
        #expect(ds.label.dtype == .int64)

        let cnn = try MNIST(directory: dir, flatten: false, dtype: .float64)
        #expect(cnn.data.shape == [3, 1, 2, 2])
        #expect(cnn[1].x.scalars(as: Double.self) == [204, 255, 50, 101].map { $0 / 255.0 })
        #expect(cnn[1].t.item() == 0)
    }

    @Test func missingFileNamesBothSpellings() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = loadError(dir)
        let raw = dir.appendingPathComponent("train-images-idx3-ubyte").path
        #expect(error == .missingFile(path: raw, alsoTried: [raw + ".gz"]))
        let message = error?.description ?? ""
        #expect(message.contains(raw) && message.contains(raw + ".gz") && message.contains("not found"))
        // Images present but labels missing: the labels file is named.
        try S.write(Self.images, "train-images-idx3-ubyte", in: dir)
        #expect(loadError(dir)?.description.contains("train-labels-idx1-ubyte") == true)
    }

    @Test(arguments: [false, true]) func wrongMagicNamesExpectedAndFound(gzip: Bool) throws {
        // A labels file where the images file should be.
        let dir = try mnistDirectory(images: Self.labels, gzip: gzip)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("train-images-idx3-ubyte" + (gzip ? ".gz" : "")).path
        let error = loadError(dir)
        #expect(error == .wrongMagic(path: path, expected: 0x0000_0803, found: 0x0000_0801))
        let message = error?.description ?? ""
        #expect(message.contains(path) && message.contains("0x00000803") && message.contains("0x00000801"))
    }

    @Test func wrongElementTypeIsWrongMagic() throws {
        // 0x0D: IDX floats, which MNIST never uses.
        let bytes = S.idx(dims: [1], payload: [0, 0, 0, 0], magic: 0x0000_0D01)
        #expect(throws: DatasetError.wrongMagic(path: "f", expected: 0x801, found: 0xD01)) {
            try IDX.parse(bytes, path: "f", dimensions: 1)
        }
    }

    @Test func truncatedRawFileGivesExpectedAndFoundSizes() throws {
        let cut = Array(Self.images.dropLast(2))  // header 16 + 12 pixels = 28 bytes; 26 left
        let dir = try mnistDirectory(images: cut, gzip: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("train-images-idx3-ubyte").path
        let error = loadError(dir)
        #expect(error == .truncated(path: path, expectedBytes: 28, foundBytes: 26))
        #expect(error?.description.contains("expected 28 bytes") == true)
        #expect(error?.description.contains("found 26") == true)
        // Cut inside the header.
        #expect(throws: DatasetError.truncated(path: "h", expectedBytes: 16, foundBytes: 10)) {
            try IDX.parse(Array(Self.images[0..<10]), path: "h", dimensions: 3)
        }
        #expect(throws: DatasetError.truncated(path: "e", expectedBytes: 4, foundBytes: 0)) {
            try IDX.parse([], path: "e", dimensions: 1)
        }
    }

    @Test func truncatedGzipPayloadAndCutGzipStream() throws {
        // A complete gzip stream whose IDX content is short.
        let short = S.gzipStored(Array(Self.images.dropLast(5)))
        #expect(throws: DatasetError.truncated(path: "s", expectedBytes: 28, foundBytes: 23)) {
            try IDX.parse(short, path: "s", dimensions: 3)
        }
        // A gzip stream cut after 10 + 5 + 20 bytes: 20 decompressed bytes were there.
        let cut = Array(S.gzipStored(Self.images)[0..<35])
        #expect(throws: DatasetError.truncated(path: "c", expectedBytes: 28, foundBytes: 20)) {
            try IDX.parse(cut, path: "c", dimensions: 3)
        }
    }

    @Test(arguments: [false, true]) func mismatchedCountsNameBothFiles(gzip: Bool) throws {
        let dir = try mnistDirectory(labels: S.idx(dims: [2], payload: [1, 2]), gzip: gzip)
        defer { try? FileManager.default.removeItem(at: dir) }
        let suffix = gzip ? ".gz" : ""
        let images = dir.appendingPathComponent("train-images-idx3-ubyte" + suffix).path
        let labels = dir.appendingPathComponent("train-labels-idx1-ubyte" + suffix).path
        let error = loadError(dir)
        #expect(error == .countMismatch(imagesPath: images, images: 3, labelsPath: labels, labels: 2))
        let message = error?.description ?? ""
        #expect(message.contains("3 images") && message.contains("2 labels") && message.contains(labels))
    }

    @Test(arguments: [false, true]) func overflowingDimensionsAreRejectedBeforeAllocating(gzip: Bool) throws {
        let huge: [UInt32] = [1 << 31, 1 << 31, 1 << 31]  // 2⁹³ bytes: overflows Int
        let bytes = S.idx(dims: huge, payload: Array(Self.pixels))
        let dir = try mnistDirectory(images: bytes, gzip: gzip)
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = loadError(dir)
        guard case let .absurdDimensions(path, dims, _)? = error else {
            Issue.record("expected absurdDimensions, got \(String(describing: error))"); return
        }
        #expect(path.hasSuffix("train-images-idx3-ubyte" + (gzip ? ".gz" : "")))
        #expect(dims == huge)
        #expect(error!.description.contains("2147483648 × 2147483648 × 2147483648"))
    }

    @Test func gzipClaimingMoreThanDeflateCanHoldIsAbsurd() throws {
        // 2²⁰ × 2²⁰ × 1 = 2⁴⁰ bytes fits an Int but not a 42-byte gzip file (deflate: at most 1032:1).
        let gz = S.gzipStored(S.idx(dims: [1 << 20, 1 << 20, 1], payload: [1, 2, 3]))
        #expect(throws: DatasetError.absurdDimensions(path: "z", dimensions: [1 << 20, 1 << 20, 1], maxBytes: gz.count * 1032)) {
            try IDX.parse(gz, path: "z", dimensions: 3)
        }
        // Raw, the same header is a truncated file: expected 2⁴⁰ + 16 bytes, found 19.
        let raw = S.idx(dims: [1 << 20, 1 << 20, 1], payload: [1, 2, 3])
        #expect(throws: DatasetError.truncated(path: "r", expectedBytes: (1 << 40) + 16, foundBytes: 19)) {
            try IDX.parse(raw, path: "r", dimensions: 3)
        }
    }

    @Test func corruptGzipNamesTheFile() throws {
        var gz = S.gzipStored(Self.images)
        gz[11] ^= 0x55  // damage the stored block's LEN, so it no longer matches NLEN
        let dir = try mnistDirectory(gzip: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try S.write(gz, "train-images-idx3-ubyte.gz", in: dir).path
        let error = loadError(dir)
        #expect(error == .corruptGzip(path: path, reason: GzipError.corrupt(reason: "invalid stored block lengths").description))
        #expect(error?.description.contains(path) == true)
    }

    @Test func trailingBytesAreReported() throws {
        let long = Self.labels + [0, 0]
        #expect(throws: DatasetError.trailingBytes(path: "t", expectedBytes: 11, foundBytes: 13, foundIsLowerBound: false)) {
            try IDX.parse(long, path: "t", dimensions: 1)
        }
        #expect(throws: DatasetError.trailingBytes(path: "g", expectedBytes: 11, foundBytes: 11, foundIsLowerBound: true)) {
            try IDX.parse(S.gzipStored(long), path: "g", dimensions: 1)
        }
    }

    @Test func directoryInsteadOfFileIsUnreadable() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("train-images-idx3-ubyte"),
                                                withIntermediateDirectories: false)
        try S.write(Self.labels, "train-labels-idx1-ubyte", in: dir)
        guard case .unreadable(let path, _)? = loadError(dir) else { Issue.record("expected unreadable"); return }
        #expect(path.hasSuffix("train-images-idx3-ubyte"))
    }
}
