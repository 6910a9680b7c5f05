/// A data file that cannot be used, with what was expected, what was found, and what to do.
///
/// Every loader that reads the outside world (IDX files for ``MNIST``, the embedded ``Digits``)
/// throws this instead of crashing; the CLI prints ``description`` as its one-line error.
///
/// ```swift
/// do { _ = try MNIST(directory: URL(fileURLWithPath: "data/mnist")) }
/// catch { print(error) }   // "… train-images-idx3-ubyte: not found (also tried …) …"
/// ```
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file at `path` (nor at any of `alsoTried`).
    case missingFile(path: String, alsoTried: [String])
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The first four bytes are not the IDX magic number expected for this file.
    case wrongMagic(path: String, expected: UInt32, found: UInt32)
    /// The file ends before the data its header announces (sizes in decompressed bytes).
    case truncated(path: String, expectedBytes: Int, foundBytes: Int)
    /// The file holds more bytes than its header announces.
    case trailingBytes(path: String, expectedBytes: Int, foundBytes: Int, foundIsLowerBound: Bool)
    /// The header's dimensions overflow, or describe more data than a file of this size can hold.
    case absurdDimensions(path: String, dimensions: [UInt32], maxBytes: Int)
    /// A gzip file's header declares more data than compressed data may inflate to
    /// (`Gzip.maxDecompressedBytes`, 1 GiB); checked before anything is allocated.
    case exceedsDecompressionLimit(path: String, declaredBytes: Int, limit: Int)
    /// The dimensions are readable but not the shape this dataset needs.
    case unexpectedShape(path: String, expected: String, found: [Int])
    /// An images file and its labels file disagree on the number of examples.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
    /// A gzip file whose compressed data is damaged.
    case corruptGzip(path: String, reason: String)

    /// One line naming the file, what is wrong and what to do.
    public var description: String {
        switch self {
        case let .missingFile(path, alsoTried):
            let tried = alsoTried.isEmpty ? "" : " (also tried \(alsoTried.joined(separator: ", ")))"
            return "\(path): file not found\(tried); put the dataset's IDX files (raw or .gz) in that directory, or name the right directory"
        case let .unreadable(path, reason):
            return "\(path): cannot read the file (\(reason)); check its permissions, or that it is a file and not a directory"
        case let .wrongMagic(path, expected, found):
            return "\(path): not the expected IDX file: magic number \(hex(expected)) expected, found \(hex(found)); check that the file is the right one (images vs labels) and is not damaged"
        case let .truncated(path, expected, found):
            return "\(path): file is truncated: expected \(expected) bytes of IDX data, found \(found); download or copy the file again"
        case let .trailingBytes(path, expected, found, lowerBound):
            return "\(path): file is longer than its header says: expected \(expected) bytes of IDX data, found \(lowerBound ? "more than " : "")\(found); the file is damaged or not an IDX file"
        case let .absurdDimensions(path, dimensions, maxBytes):
            let dims = dimensions.map(String.init).joined(separator: " × ")
            return "\(path): absurd dimensions in the IDX header: \(dims) cannot fit in this file (at most \(maxBytes) bytes of data); the file is damaged or not an IDX file"
        case let .exceedsDecompressionLimit(path, declared, limit):
            return "\(path): the IDX header declares \(declared) bytes of data, more than the \(limit) bytes gzip data may inflate to here (Gzip.maxDecompressedBytes); the file is damaged or hostile, or else gunzip it and read the uncompressed file"
        case let .unexpectedShape(path, expected, found):
            return "\(path): expected \(expected), found shape \(shapeDescription(found)); check that the file is the right one"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "\(imagesPath) holds \(images) images but \(labelsPath) holds \(labels) labels; the two files must come from the same split (train- or t10k-)"
        case let .corruptGzip(path, reason):
            return "\(path): corrupt gzip data (\(reason)); download or copy the file again, or use the uncompressed file"
        }
    }
}

private func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
