/// What is wrong with a weight file, or with loading it into a model. Each case names the file
/// and says what was expected and what was found.
public enum WeightFileError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file ends before the bytes its header or directory announces.
    case truncated(path: String, needed: Int, available: Int)
    /// The header (NPY, safetensors JSON, zip directory) is not valid.
    case badHeader(path: String, reason: String)
    /// A tensor's element type is not one the library holds.
    case unsupportedDType(path: String, key: String, dtype: String)
    /// A tensor's shape, offsets or bytes do not agree.
    case badTensor(path: String, key: String, reason: String)
    /// Two tensors share one name.
    case duplicateKey(path: String, key: String)
    /// The file name ends in neither `.npz` nor `.safetensors`.
    case unsupportedFormat(path: String, fileExtension: String)
    /// Writing the file failed.
    case writeFailed(path: String, reason: String)
    /// Loading into a model failed; every problem is listed and nothing was changed.
    case mismatch(path: String, missing: [String], unexpected: [String], wrongShape: [String])

    /// One line naming the file, what was expected and what was found.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "\(path): cannot read the file (\(reason))"
        case let .truncated(path, needed, available):
            "\(path): file is truncated: needs \(needed) bytes, has \(available); the file is damaged, save it again"
        case let .badHeader(path, reason):
            "\(path): not a valid weight file: \(reason)"
        case let .unsupportedDType(path, key, dtype):
            "\(path): tensor '\(key)' has dtype \(dtype); supported are float32, float64, int64 and bool"
        case let .badTensor(path, key, reason):
            "\(path): tensor '\(key)': \(reason)"
        case let .duplicateKey(path, key):
            "\(path): key '\(key)' appears more than once"
        case let .unsupportedFormat(path, ext):
            "\(path): unknown weight format '.\(ext)'; use .safetensors or .npz"
        case let .writeFailed(path, reason):
            "\(path): cannot write the file (\(reason)); the previous file, if any, is unchanged"
        case let .mismatch(path, missing, unexpected, wrongShape):
            "\(path): weights do not fit the model:" +
                (missing.isEmpty ? "" : " missing keys \(missing.joined(separator: ", "));") +
                (unexpected.isEmpty ? "" : " unexpected keys \(unexpected.joined(separator: ", "));") +
                (wrongShape.isEmpty ? "" : " \(wrongShape.joined(separator: "; "));") +
                " nothing was loaded"
        }
    }
}
