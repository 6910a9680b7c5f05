/// Finds repeated keys in a JSON object, which `JSONSerialization` accepts silently (keeping
/// one value). A weight file with two entries under one key is ambiguous, so it is rejected.
enum JSONKeyScanner {
    /// The first key that appears twice at the top level of the JSON object in `bytes`, if any.
    static func firstDuplicateTopLevelKey(in bytes: [UInt8]) -> String? {
        var depth = 0
        var i = 0
        var seen = Set<String>()
        var expectingKey = false
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && c == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectingKey = true }
            case UInt8(ascii: "\""):
                let start = i + 1
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                if depth == 1 && expectingKey {
                    let key = String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)
                    if !seen.insert(key).inserted { return key }
                    expectingKey = false
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
