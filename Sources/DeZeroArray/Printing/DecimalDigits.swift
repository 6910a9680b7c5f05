#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A finite float as decimal digits: value = ±0.d₁d₂… × 10^exponent, with the fewest digits
/// that read back to the same float (Swift's `description` gives exactly those; it is the
/// shortest round-trip form that NumPy's Dragon4 "unique" mode also produces).
struct DecimalDigits {
    var negative: Bool
    /// ASCII digits without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    init<T: BinaryFloatingPoint & CustomStringConvertible>(_ x: T) {
        negative = x.sign == .minus
        // "0.1", "1.0", "1e-05", "1.2345678901234568e+17" …
        let text = Array(x.magnitude.description.utf8)
        let e = text.firstIndex(of: UInt8(ascii: "e"))
        let mantissa = text[..<(e ?? text.endIndex)]
        let exp10 = e.map { Int(String(decoding: text[($0 + 1)...], as: UTF8.self))! } ?? 0
        let dot = mantissa.firstIndex(of: UInt8(ascii: ".")) ?? mantissa.endIndex
        var d = Array(mantissa[..<dot]) + Array(mantissa[dot...].dropFirst())
        var point = (dot - mantissa.startIndex) + exp10
        var lead = 0
        while lead < d.count && d[lead] == UInt8(ascii: "0") { lead += 1 }
        d.removeFirst(lead)
        point -= lead
        while d.last == UInt8(ascii: "0") { d.removeLast() }
        digits = d
        exponent = d.isEmpty ? 1 : point
    }

    var isZero: Bool { digits.isEmpty }

    /// Digits after the decimal point in positional form.
    var fractionDigits: Int { Swift.max(0, digits.count - exponent) }
}

/// A float laid out as text parts: sign and integer digits, fraction digits, and (in scientific
/// form) the decimal exponent. Formatters pad these parts to a common width.
struct FloatParts {
    var integer: String   // with a leading "-" when negative
    var fraction: String
    var exponent: Int = 0
}

extension DecimalDigits {
    /// Positional parts with at most `precision` fraction digits (NumPy's `dragon4_positional`
    /// with `unique=True`): the shortest digits when they fit, else the exact value rounded to
    /// `precision` digits (half to even) with trailing zeros dropped.
    func positional(precision: Int?, exactValue: Double) -> FloatParts {
        let sign = negative ? "-" : ""
        if let p = precision, fractionDigits > p {
            let text = cFormat("%.*f", Int32(p), exactValue.magnitude)
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            var frac = parts.count > 1 ? Substring(parts[1]) : ""
            while frac.last == "0" { frac.removeLast() }
            return FloatParts(integer: sign + parts[0], fraction: String(frac))
        }
        let s = String(decoding: digits, as: UTF8.self)
        if isZero { return FloatParts(integer: sign + "0", fraction: "") }
        if exponent <= 0 {
            return FloatParts(integer: sign + "0", fraction: String(repeating: "0", count: -exponent) + s)
        }
        if exponent >= digits.count {
            return FloatParts(integer: sign + s + String(repeating: "0", count: exponent - digits.count), fraction: "")
        }
        return FloatParts(integer: sign + s.prefix(exponent), fraction: String(s.dropFirst(exponent)))
    }

    /// Scientific parts d.ddd × 10^e with at most `precision` mantissa fraction digits
    /// (NumPy's `dragon4_scientific` with `unique=True`), rounded like ``positional(precision:exactValue:)``.
    func scientific(precision: Int?, exactValue: Double) -> FloatParts {
        let sign = negative ? "-" : ""
        if isZero { return FloatParts(integer: sign + "0", fraction: "", exponent: 0) }
        if let p = precision, digits.count - 1 > p {
            let text = cFormat("%.*e", Int32(p), exactValue.magnitude)  // "1.23456789e+08"
            let mantissaAndExp = text.split(separator: "e")
            let m = mantissaAndExp[0].split(separator: ".", omittingEmptySubsequences: false)
            var frac = m.count > 1 ? Substring(m[1]) : ""
            while frac.last == "0" { frac.removeLast() }
            return FloatParts(integer: sign + m[0], fraction: String(frac), exponent: Int(mantissaAndExp[1])!)
        }
        let s = String(decoding: digits, as: UTF8.self)
        return FloatParts(integer: sign + s.prefix(1), fraction: String(s.dropFirst()), exponent: exponent - 1)
    }
}

/// C's printf formatting of one value: correctly rounded on glibc and Apple's libc, which is
/// what rounding to a fixed number of digits needs (the shortest digits cannot be re-rounded
/// without double rounding).
func cFormat(_ format: String, _ precision: Int32, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 400)  // %.8f of the largest double fits
    let n = buffer.withUnsafeMutableBufferPointer { buf in
        withVaList([precision, value]) { vsnprintf(buf.baseAddress!, buf.count, format, $0) }
    }
    return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Exponent text as NumPy writes it: a sign and at least `minDigits` digits (`+05`, `-100`).
func exponentText(_ e: Int, minDigits: Int) -> String {
    let digits = String(e.magnitude)
    return (e < 0 ? "-" : "+") + String(repeating: "0", count: Swift.max(0, minDigits - digits.count)) + digits
}
