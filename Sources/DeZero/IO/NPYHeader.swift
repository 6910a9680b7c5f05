// The header of a .npy file is a Python dict literal, e.g.
// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`. NumPy reads it with
// `ast.literal_eval`; we read it with a small strict parser of just the literals that can
// appear there (strings, True/False/None, integers, tuples and lists), depth-limited, so a
// hostile header can neither run code nor exhaust the stack.

/// The three fields of a .npy header, checked.
struct NPYHeader: Equatable {
    /// The dtype string as written (`'<f4'`), or the literal text of a structured dtype.
    var descr: String
    /// True when the data is stored column-major.
    var fortranOrder: Bool
    var shape: [Int]

    /// Why a header could not be read; the caller adds the file and member.
    struct Problem: Error, Equatable {
        let reason: String
    }

    /// Parses and checks the header text: exactly the keys `descr`, `fortran_order` and `shape`,
    /// a bool for `fortran_order` and a tuple of non-negative integers for `shape`.
    static func parse(_ bytes: [UInt8]) throws(Problem) -> NPYHeader {
        var parser = PyLiteralParser(bytes: bytes)
        let items = try parser.dictionary()
        var descr: String?, fortranOrder: Bool?, shape: [Int]?
        var seen = Set<String>()
        for (key, value, text) in items {
            guard seen.insert(key).inserted else { throw Problem(reason: "the header repeats the key '\(key)'") }
            switch key {
            case "descr":
                if case .string(let s) = value { descr = s } else { descr = text }
            case "fortran_order":
                guard case .bool(let b) = value else { throw Problem(reason: "'fortran_order' is \(text), not True or False") }
                fortranOrder = b
            case "shape":
                guard case .tuple(let dims) = value else { throw Problem(reason: "'shape' is \(text), not a tuple") }
                shape = try dims.map { d throws(Problem) -> Int in
                    guard case .int(let n) = d, n >= 0 else { throw Problem(reason: "'shape' \(text) is not a tuple of non-negative integers") }
                    return n
                }
            default:
                throw Problem(reason: "the header has the unexpected key '\(key)'")
            }
        }
        guard let descr, let fortranOrder, let shape else {
            throw Problem(reason: "the header lacks one of the keys 'descr', 'fortran_order', 'shape'")
        }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }
}

/// A Python literal as it can appear in a .npy header.
indirect enum PyLiteral: Equatable {
    case string(String)
    case bool(Bool)
    case none
    case int(Int)
    case tuple([PyLiteral])
    case list([PyLiteral])
}

/// A recursive-descent parser over the header bytes.
struct PyLiteralParser {
    let bytes: [UInt8]
    private var i = 0
    /// Deep enough for any structured dtype worth reading, shallow enough for any stack.
    static let maxDepth = 16

    init(bytes: [UInt8]) { self.bytes = bytes }

    typealias Problem = NPYHeader.Problem

    /// A dict literal with string keys, followed by nothing but whitespace. Returns each item
    /// with the source text of its value (for error messages).
    mutating func dictionary() throws(Problem) -> [(key: String, value: PyLiteral, text: String)] {
        skipSpace()
        try expect("{")
        var items: [(key: String, value: PyLiteral, text: String)] = []
        while true {
            skipSpace()
            if take("}") { break }
            guard case .string(let key) = try value(depth: 1) else { throw fail("a dictionary key is not a string") }
            skipSpace()
            try expect(":")
            skipSpace()
            let start = i
            let v = try value(depth: 1)
            items.append((key, v, String(decoding: bytes[start ..< i], as: UTF8.self)))
            skipSpace()
            if take("}") { break }
            try expect(",")
        }
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the dictionary") }
        return items
    }

    mutating func value(depth: Int) throws(Problem) -> PyLiteral {
        guard depth <= Self.maxDepth else { throw fail("the header nests too deeply") }
        guard i < bytes.count else { throw fail("the header ends inside a value") }
        switch bytes[i] {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "("): return try sequence(close: ")", depth: depth)
        case UInt8(ascii: "["): return try sequence(close: "]", depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .int(try integer())
        default:
            if takeWord("True") { return .bool(true) }
            if takeWord("False") { return .bool(false) }
            if takeWord("None") { return .none }
            throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[i])))'")
        }
    }

    /// `( … )` or `[ … ]`. A parenthesised single value without a comma is that value, as in Python.
    private mutating func sequence(close: Unicode.Scalar, depth: Int) throws(Problem) -> PyLiteral {
        let isTuple = close == ")"
        i += 1
        var elements: [PyLiteral] = []
        var sawComma = false
        while true {
            skipSpace()
            if take(close) { break }
            elements.append(try value(depth: depth + 1))
            skipSpace()
            if take(close) { break }
            try expect(",")
            sawComma = true
        }
        if isTuple && elements.count == 1 && !sawComma { return elements[0] }
        return isTuple ? .tuple(elements) : .list(elements)
    }

    /// A quoted string; backslash escapes the next character.
    private mutating func string() throws(Problem) -> String {
        let quote = bytes[i]
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == quote { return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                guard i < bytes.count else { break }
                out.append(bytes[i])
                i += 1
            } else {
                out.append(c)
            }
        }
        throw fail("a string is not closed")
    }

    /// A decimal integer; Python 2 wrote longs with an `L` suffix, which old files carry.
    private mutating func integer() throws(Problem) -> Int {
        let negative = take("-")
        let start = i
        var n = 0
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw fail("an integer is too large") }
            n = s
            i += 1
        }
        guard i > start else { throw fail("a '-' is not followed by digits") }
        _ = take("L")
        return negative ? -n : n
    }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    private mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard i < bytes.count, bytes[i] == UInt8(c.value) else { return false }
        i += 1
        return true
    }

    private mutating func takeWord(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard bytes.count - i >= w.count, bytes[i ..< i + w.count].elementsEqual(w) else { return false }
        i += w.count
        return true
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(Problem) {
        guard take(c) else {
            throw fail(i < bytes.count ? "expected '\(c)' at byte \(i)" : "the header ends where '\(c)' was expected")
        }
    }

    private func fail(_ reason: String) -> Problem { Problem(reason: "the header is not a valid dictionary: \(reason)") }
}
