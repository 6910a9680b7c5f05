/// NumPy 2's default print options, which this library fixes (no global state to change).
enum PrintOptions {
    /// Fraction digits at most, for floats inside arrays (NumPy's `precision=8`).
    static let precision = 8
    /// Arrays with more elements than this print summarised with `...`.
    static let threshold = 1000
    /// Items shown at each end of a summarised dimension.
    static let edgeItems = 3
    /// Characters per line before elements wrap.
    static let lineWidth = 75
}

/// How the elements of one array print, chosen once from the values that will be shown
/// (NumPy's FloatingFormat / IntegerFormat / BoolFormat with default options).
enum ElementFormat {
    case float(FloatFormat)
    case integer(width: Int)
    case bool(padTrue: Bool)

    /// Formats the element stored at `raw` (an element of `dtype`).
    func string(at raw: UnsafeRawPointer, dtype: DType) -> String {
        switch (self, dtype) {
        case (.float(let f), .float32): return f.string(Double(raw.load(as: Float.self)), shortest: DecimalDigits(raw.load(as: Float.self)))
        case (.float(let f), _): return f.string(raw.load(as: Double.self), shortest: DecimalDigits(raw.load(as: Double.self)))
        case (.integer(let width), _):
            let s = String(raw.load(as: Int64.self))
            return String(repeating: " ", count: Swift.max(0, width - s.count)) + s
        case (.bool(let padTrue), _):
            return raw.load(as: Bool.self) ? (padTrue ? " True" : "True") : "False"
        }
    }

    /// The format for the shown `elements` of an array of `dtype` and `ndim` dimensions.
    static func make(dtype: DType, ndim: Int, elements: [UnsafeRawPointer]) -> ElementFormat {
        switch dtype {
        case .float32: return .float(FloatFormat(elements.map { $0.load(as: Float.self) }))
        case .float64: return .float(FloatFormat(elements.map { $0.load(as: Double.self) }))
        case .int64:
            let values = elements.map { $0.load(as: Int64.self) }
            let widest = [values.max(), values.min()].compactMap { $0.map { String($0).count } }.max() ?? 0
            return .integer(width: widest)
        case .bool:
            // " True" lines up with "False", except in a 0-d array.
            return .bool(padTrue: ndim > 0)
        }
    }
}

/// NumPy's float format for one array (floatmode "maxprec", precision 8, sign "-").
///
/// Positional unless the non-zero finite magnitudes reach 1e8 (1e6 for float32), go below
/// 1e-4, or span a ratio above 1000; then scientific. Positional values print their shortest
/// round-trip digits cut to 8 fraction digits, padded with spaces to a common integer and
/// fraction width (`1. ` next to `2.5`). Scientific mantissas all get as many fraction digits
/// as the longest needs, the extra ones taken from the exact value (float32 5.285714 prints
/// as 5.2857141e+00 beside a value that needs 7 digits), as NumPy's Dragon4 does.
struct FloatFormat {
    var scientific = false
    var padLeft = 0
    var padRight = 0
    var precision: Int = PrintOptions.precision
    var exponentDigits = -1

    init<T: NDFloat & CustomStringConvertible>(_ values: [T]) {
        let finite = values.filter { $0.isFinite }
        let nonZero = finite.lazy.filter { $0 != 0 }.map { $0.magnitude }
        // The thresholds compare in the element type, as NumPy does; the upper one is
        // 10^min(8, decimal precision of the type): 1e8 for float64, 1e6 for float32.
        if let maxValue = nonZero.max(), let minValue = nonZero.min() {
            let upper: T = T.significandBitCount > 23 ? T(1e8) : T(1e6)
            scientific = maxValue >= upper || minValue < T(0.0001) || maxValue / minValue > T(1000)
        }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
        } else if scientific {
            let parts = finite.map { DecimalDigits($0).scientific(precision: precision, exactValue: Double($0)) }
            exponentDigits = parts.map { exponentText($0.exponent, minDigits: 2).count - 1 }.max()!
            precision = parts.map(\.fraction.count).max()!
            padLeft = parts.map(\.integer.count).max()!
            padRight = exponentDigits + 2 + precision
        } else {
            let parts = finite.map { DecimalDigits($0).positional(precision: precision, exactValue: Double($0)) }
            padLeft = parts.map(\.integer.count).max()!
            padRight = parts.map(\.fraction.count).max()!
        }
        // Room for "nan", "inf" and "-inf" in the same column.
        if finite.count != values.count {
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            let offset = padRight + 1
            padLeft = Swift.max(padLeft, 3 - offset, 3 + negativeInfinity - offset)
        }
    }

    /// The text of `value`, whose shortest digits are `shortest`.
    func string(_ value: Double, shortest: @autoclosure () -> DecimalDigits) -> String {
        if !value.isFinite {
            let text = value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: Swift.max(0, padLeft + padRight + 1 - text.count)) + text
        }
        if scientific {
            // Every mantissa gets exactly `precision` digits, taken from the exact value past
            // the shortest ones (NumPy's min_digits): float32 5.285714 prints 5.2857141e+00.
            let text = cFormat("%.*e", Int32(precision), value)  // "-5.2857141e+00"; "5e+00" when 0
            let e = text.firstIndex(of: "e")!
            let dot = text[..<e].firstIndex(of: ".") ?? e
            return leftPadded(String(text[..<dot]), padLeft) + "." + text[text.index(dot, offsetBy: dot < e ? 1 : 0)..<e]
                + "e" + exponentText(Int(text[text.index(after: e)...])!, minDigits: exponentDigits)
        }
        let p = shortest().positional(precision: precision, exactValue: value)
        return leftPadded(p.integer, padLeft) + "." + p.fraction
            + String(repeating: " ", count: Swift.max(0, padRight - p.fraction.count))
    }
}

func leftPadded(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: Swift.max(0, width - s.count)) + s
}

/// NumPy's `str()` of a scalar (how a 0-d array prints with `str`): floats at full shortest
/// precision — positional from 1e-4 up to 1e16 (float64) or 1e6 (float32), with at least one
/// fraction digit (`1.0`); scientific otherwise, without trailing zeros (`1e+16`, `1.5e-07`).
func scalarString<T: NDFloat & CustomStringConvertible>(_ x: T, positionalBelow limit: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let d = DecimalDigits(x)
    let magnitude = Double(x.magnitude)
    if x == 0 || (magnitude >= 1e-4 && magnitude < limit) {
        let p = d.positional(precision: nil, exactValue: Double(x))
        return p.integer + "." + (p.fraction.isEmpty ? "0" : p.fraction)
    }
    let p = d.scientific(precision: nil, exactValue: Double(x))
    return p.integer + (p.fraction.isEmpty ? "" : "." + p.fraction) + "e" + exponentText(p.exponent, minDigits: 2)
}
