// The JSON header of a safetensors file, read by a strict parser of exactly what the format
// allows: one UTF-8 JSON object (RFC 8259) whose members are tensor entries
// `{"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}` and an optional `__metadata__`
// object of strings, followed by nothing but whitespace padding. A general JSON parser
// (Foundation's) is looser than the format: it guesses UTF-16, truncates `4.9` to 4, wraps
// numbers past 2⁶⁴, and keeps one of two keys that differ only in their escapes. This one
// decodes every string before comparing keys, takes only plain decimal integers, checks them
// for overflow, and never recurses, so no header can exhaust the stack.

/// One tensor's entry, as the header states it; ``Safetensors`` checks it against the data.
struct SafetensorsEntry {
    let key: String
    let dtype: String
    let shape: [Int]
    let begin: Int
    let end: Int
}

/// The parsed header: entries in file order, and the metadata.
struct SafetensorsHeader {
    var entries: [SafetensorsEntry] = []
    var metadata: [String: String] = [:]

    /// Parses the header bytes (padding included). Errors name `path` and, where there is one,
    /// the tensor.
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> SafetensorsHeader {
        var json = StrictJSONCursor(bytes: bytes, path: path)
        // UTF-16 text holds NUL bytes, which UTF-8 JSON never does (control characters must
        // be escaped inside strings and cannot appear outside them).
        if bytes.contains(0) {
            throw json.fail("the header is not UTF-8 JSON: it holds NUL bytes, as UTF-16 text does")
        }
        guard bytes.first == UInt8(ascii: "{") else {
            let first = bytes.first.map { "byte 0x" + String($0, radix: 16, uppercase: true) } ?? "nothing"
            throw json.fail("the header is not a JSON object in UTF-8: it starts with \(first), not '{'")
        }
        var header = SafetensorsHeader()
        try json.object(duplicate: { WeightFileError.duplicateKey(path: path, key: $0) }) { json, key in
            if key == "__metadata__" {
                header.metadata = try json.stringObject(duplicate: {
                    WeightFileError.badHeader(path: path, reason: "__metadata__ key '\($0)' appears more than once")
                })
            } else {
                header.entries.append(try json.tensorEntry(key: key))
            }
        }
        json.skipSpace()
        guard json.atEnd else { throw json.fail("unexpected text after the header's JSON object, at byte \(json.offset)") }
        return header
    }
}

/// A read position in JSON text, with the few productions the safetensors header needs.
struct StrictJSONCursor {
    let bytes: UnsafeRawBufferPointer
    let path: String
    private(set) var offset = 0

    init(bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
    }

    var atEnd: Bool { offset == bytes.count }

    func fail(_ reason: String) -> WeightFileError { .badHeader(path: path, reason: reason) }

    private var next: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// JSON's whitespace: space, tab, line feed, carriage return (nothing else).
    mutating func skipSpace() {
        while let c = next, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { offset += 1 }
    }

    private mutating func take(_ c: Character) -> Bool {
        guard next == c.asciiValue else { return false }
        offset += 1
        return true
    }

    private mutating func expect(_ c: Character) throws {
        guard take(c) else {
            let found = next.map { "byte 0x" + String($0, radix: 16, uppercase: true) } ?? "the end of the header"
            throw fail("expected '\(c)' at byte \(offset), found \(found)")
        }
    }

    /// `{ "key": value, … }`, calling `member` with the cursor on each value. Keys are compared
    /// after decoding, so `"a"` and `"\u0061"` are the same key, which `duplicate` reports.
    mutating func object(duplicate: (String) -> WeightFileError, _ member: (inout StrictJSONCursor, String) throws -> Void) throws {
        skipSpace()
        try expect("{")
        skipSpace()
        if take("}") { return }
        var seen = Set<String>()
        while true {
            skipSpace()
            let key = try string()
            guard seen.insert(key).inserted else { throw duplicate(key) }
            skipSpace()
            try expect(":")
            skipSpace()
            try member(&self, key)
            skipSpace()
            if take("}") { return }
            try expect(",")
        }
    }

    /// `[ element, … ]`.
    mutating func array(_ element: (inout StrictJSONCursor) throws -> Void) throws {
        try expect("[")
        skipSpace()
        if take("]") { return }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            if take("]") { return }
            try expect(",")
        }
    }

    /// An object whose values are all strings.
    mutating func stringObject(duplicate: (String) -> WeightFileError) throws -> [String: String] {
        var result: [String: String] = [:]
        guard next == UInt8(ascii: "{") else { throw fail("__metadata__ must map strings to strings") }
        try object(duplicate: duplicate) { json, key in
            guard json.next == UInt8(ascii: "\"") else { throw json.fail("__metadata__ must map strings to strings; '\(key)' does not hold a string") }
            result[key] = try json.string()
        }
        return result
    }

    /// A tensor's entry: exactly the fields dtype, shape and data_offsets.
    mutating func tensorEntry(key: String) throws -> SafetensorsEntry {
        let path = self.path
        let bad = { (reason: String) in WeightFileError.badTensor(path: path, key: key, reason: reason) }
        guard next == UInt8(ascii: "{") else { throw bad("entry needs dtype, shape and two data_offsets") }
        var dtype: String?, shape: [Int]?, offsets: [Int]?
        try object(duplicate: { bad("field '\($0)' appears more than once") }) { json, field in
            switch field {
            case "dtype":
                guard json.next == UInt8(ascii: "\"") else { throw bad("dtype must be a string") }
                dtype = try json.string()
            case "shape":
                var dims: [Int] = []
                try json.array { dims.append(try $0.nonNegativeInteger("shape", bad)) }
                shape = dims
            case "data_offsets":
                var bounds: [Int] = []
                try json.array { bounds.append(try $0.nonNegativeInteger("data_offsets", bad)) }
                offsets = bounds
            default:
                throw bad("unexpected field '\(field)'; an entry has dtype, shape and data_offsets")
            }
        }
        guard let dtype, let shape, let offsets, offsets.count == 2 else {
            throw bad("entry needs dtype, shape and two data_offsets")
        }
        return SafetensorsEntry(key: key, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// A JSON number that must be a plain non-negative decimal integer within `Int`'s range:
    /// no sign, fraction or exponent (`4.0` and `4e0` are refused, not rounded).
    mutating func nonNegativeInteger(_ what: String, _ bad: (String) -> WeightFileError) throws -> Int {
        let start = offset
        while let c = next, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            offset += 1
        }
        let token = UnsafeRawBufferPointer(rebasing: bytes[start ..< offset])
        let text = String(decoding: token.prefix(40), as: UTF8.self) + (token.count > 40 ? "…" : "")
        guard let first = token.first else {
            let found = next.map { "byte 0x" + String($0, radix: 16, uppercase: true) } ?? "the end of the header"
            throw bad("\(what) must be non-negative integers; found \(found) at byte \(offset)")
        }
        guard first != UInt8(ascii: "-") else { throw bad("\(what) must be non-negative integers, found \(text)") }
        guard token.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw bad("\(what) must be plain integers, found \(text)")
        }
        guard first != UInt8(ascii: "0") || token.count == 1 else { throw bad("\(what) value \(text) has a leading zero, which JSON forbids") }
        var n = 0
        for digit in token {
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw bad("\(what) value \(text) is too large") }
            n = s
        }
        return n
    }

    /// A JSON string, its escapes decoded; its bytes must be valid UTF-8.
    mutating func string() throws -> String {
        guard take("\"") else {
            let found = next.map { "byte 0x" + String($0, radix: 16, uppercase: true) } ?? "the end of the header"
            throw fail("expected a string at byte \(offset), found \(found)")
        }
        var decoded: [UInt8] = []
        while true {
            let start = offset
            // The run of bytes up to the next quote, backslash or control character.
            while let c = next, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\"), c >= 0x20 { offset += 1 }
            decoded.append(contentsOf: bytes[start ..< offset])
            guard let c = next else { throw fail("a string is not closed before the header ends") }
            offset += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let s = String(validating: decoded, as: UTF8.self) else {
                    throw fail("a string ending at byte \(offset) is not valid UTF-8; the header must be UTF-8")
                }
                return s
            case UInt8(ascii: "\\"):
                try escape(into: &decoded)
            default:
                throw fail("a string holds the raw control character 0x\(String(c, radix: 16)) at byte \(offset - 1); JSON needs it escaped")
            }
        }
    }

    /// The escape after a backslash: one of `" \ / b f n r t` or `\uXXXX` (surrogates paired).
    private mutating func escape(into out: inout [UInt8]) throws {
        guard let c = next else { throw fail("a string is not closed before the header ends") }
        offset += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let byte = simple[c] {
            out.append(byte)
            return
        }
        guard c == UInt8(ascii: "u") else { throw fail("invalid escape '\\\(Character(Unicode.Scalar(c)))' at byte \(offset - 2)") }
        var unit = try hex4()
        if (0xDC00 ... 0xDFFF).contains(unit) { throw fail("a lone low surrogate \\u\(String(unit, radix: 16)) at byte \(offset - 6)") }
        if (0xD800 ... 0xDBFF).contains(unit) {
            guard take("\\"), take("u") else { throw fail("a lone high surrogate \\u\(String(unit, radix: 16)) at byte \(offset - 6)") }
            let low = try hex4()
            guard (0xDC00 ... 0xDFFF).contains(low) else { throw fail("a high surrogate not followed by a low surrogate at byte \(offset - 12)") }
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        out.append(contentsOf: String(Character(Unicode.Scalar(unit)!)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - offset >= 4 else { throw fail("a \\u escape is cut short at byte \(offset)") }
        var value: UInt32 = 0
        for _ in 0 ..< 4 {
            guard let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else {
                throw fail("a \\u escape has a non-hex digit at byte \(offset)")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
