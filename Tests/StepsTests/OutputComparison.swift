import Foundation

/// Compares a step's output with the Python step's, token by token.
///
/// Lines must match one for one. Inside a line, text is split at spaces and brackets; words must
/// be equal, and numbers must be equal to the digits the book prints. A number printed at full
/// precision (12 significant digits or more) may differ in the last digits, within 1e-9 relative,
/// since the last bits of a long sum depend on the order of additions. In `.structure` mode
/// (steps whose numbers are random in the book) a number need only be a number.
struct OutputComparison {
    enum Mode { case values, structure }

    let expected: String
    let actual: String
    let mode: Mode

    /// A description of the first difference, or `nil` when the outputs agree.
    var firstMismatch: String? {
        let expectedLines = lines(expected), actualLines = lines(actual)
        for (index, (e, a)) in zip(expectedLines, actualLines).enumerated() {
            if let problem = compareLine(e, a) {
                return "line \(index + 1): \(problem)\n  expected: \(e)\n  actual:   \(a)"
            }
        }
        if expectedLines.count != actualLines.count {
            return "expected \(expectedLines.count) lines, got \(actualLines.count)"
        }
        return nil
    }

    private func lines(_ text: String) -> [Substring] {
        var all = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = all.last, last.trimmingCharacters(in: .whitespaces).isEmpty { all.removeLast() }
        return all
    }

    private func compareLine(_ e: Substring, _ a: Substring) -> String? {
        let et = tokens(e), at = tokens(a)
        guard et.count == at.count else { return "expected \(et.count) tokens, got \(at.count)" }
        for (x, y) in zip(et, at) where x != y {
            guard let ex = Self.number(x), let ay = Self.number(y) else { return "'\(y)' is not '\(x)'" }
            if mode == .structure { continue }
            if Self.significantDigits(x) >= 12, abs(ex - ay) <= 1e-9 * Swift.max(abs(ex), Double.leastNormalMagnitude) {
                continue
            }
            if ex.isNaN && ay.isNaN { continue }
            return "\(y) is not \(x)"
        }
        return nil
    }

    /// Splits at whitespace, brackets, parentheses and commas, keeping the separators that
    /// are not whitespace as tokens of their own.
    private func tokens(_ line: Substring) -> [Substring] {
        var result: [Substring] = []
        var start = line.startIndex
        var index = line.startIndex
        func flush() { if start < index { result.append(line[start..<index]) } }
        while index < line.endIndex {
            let c = line[index]
            if c == " " || c == "\t" || "[](),".contains(c) {
                flush()
                if c != " " && c != "\t" { result.append(line[index...index]) }
                start = line.index(after: index)
            }
            index = line.index(after: index)
        }
        flush()
        return result
    }

    static func number(_ token: Substring) -> Double? {
        let t = token.hasSuffix(".") ? token.dropLast() : token
        switch t {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(t)
        }
    }

    static func significantDigits(_ token: Substring) -> Int {
        let mantissa = token.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? token
        let digits = mantissa.filter(\.isNumber).drop(while: { $0 == "0" })
        return digits.count
    }
}
