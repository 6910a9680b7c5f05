import Foundation

/// A weight file or checkpoint whose metadata cannot be used: names the file, what is wrong
/// and what to do, on one line (exit status 1).
struct SavedFileError: Error, Equatable, CustomStringConvertible {
    let path: String
    let problem: String
    let remedy: String

    var description: String { "\(path): \(problem); \(remedy)" }
}

extension RunConfiguration {
    /// The run configuration saved under `dezero.config` in a weight file's metadata, decoded
    /// and range-checked (`validate()`). Anything else — no such key, JSON that does not parse,
    /// a field of the wrong type, missing or out of range — is a ``SavedFileError`` naming the
    /// field.
    static func saved(in metadata: [String: String], path: String, remedy: String) throws(SavedFileError) -> RunConfiguration {
        guard let json = metadata["dezero.config"] else {
            throw SavedFileError(path: path, problem: "no dezero.config in its metadata, so it was not written by dezero train", remedy: remedy)
        }
        let config: RunConfiguration
        do {
            config = try JSONDecoder().decode(RunConfiguration.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw SavedFileError(path: path, problem: "dezero.config: " + describe(error), remedy: remedy)
        } catch let error as SettingError {
            // A choice saved under a name this program does not know.
            throw SavedFileError(path: path, problem: "dezero.config: " + error.savedMessage, remedy: remedy)
        } catch {
            throw SavedFileError(path: path, problem: "dezero.config is not valid JSON", remedy: remedy)
        }
        do { try config.validate() } catch {
            throw SavedFileError(path: path, problem: "dezero.config: " + error.savedMessage, remedy: remedy)
        }
        return config
    }

    /// One line for a decoding failure, naming the field (`batchSize is not a whole number`).
    private static func describe(_ error: DecodingError) -> String {
        func name(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().drop { $0 == "." }.description
        }
        switch error {
        case let .keyNotFound(key, context):
            return "no \(name(context.codingPath + [key]))"
        case let .valueNotFound(_, context):
            return "\(name(context.codingPath)) is null"
        case let .typeMismatch(type, context):
            return "\(name(context.codingPath)) is not \(typeName(type))"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "\(name(context.codingPath)) cannot be read"
        @unknown default:
            return "cannot be decoded"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number within ±2^63"
        case is UInt64.Type: "a whole number from 0 to 2^64-1"
        case is Double.Type: "a number within ±1.8e308"
        case is String.Type: "text"
        case is [Int].Type: "a list of whole numbers within ±2^63"
        default: "of the expected type"
        }
    }
}
