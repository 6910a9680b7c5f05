// Printing as NumPy 2 prints, with its default options (precision 8, threshold 1000,
// edge items 3, line width 75).
//
// `description` and `debugDescription` are NumPy's repr():  array([[1., 2.],
//                                                                   [3., 4.]], dtype=float32)
// `strDescription` is its str():                             [[1. 2.]
//                                                             [3. 4.]]
// docs/DESIGN.md §4: an NDArray prints like NumPy's repr(); a Variable wraps the str() form.
//
// Known differences from NumPy: none for float32, float64, int64 and bool with the default
// options, as far as the tests reach. Rounding to 8 digits uses the C library's printf, which
// is exact (half to even) on glibc and Apple platforms, as NumPy's Dragon4 is; a C library with
// inexact printf would differ in the last printed digit of some values.

extension NDArray: CustomStringConvertible, CustomDebugStringConvertible {
    /// NumPy's `repr()`, what `print(x)` shows (docs/DESIGN.md §4).
    ///
    /// ```swift
    /// print(NDArray([1, 2] as [Float]))   // array([1., 2.], dtype=float32)
    /// ```
    public var description: String { debugDescription }

    /// NumPy's `str()`: elements separated by spaces, no `array(…)` wrapper; a 0-d array prints
    /// as its scalar at full precision. A `Variable` prints as `variable(` + this + `)`.
    ///
    /// ```swift
    /// NDArray([1, 2, 3] as [Double]).strDescription   // [1. 2. 3.]
    /// NDArray(3.297442541400256).strDescription       // 3.297442541400256
    /// NDArray([true, false]).strDescription           // [ True False]
    /// ```
    public var strDescription: String {
        if ndim == 0 { return scalarDescription }
        if count == 0 { return "[]" }
        return arrayText(separator: " ", prefix: "", lineWidth: PrintOptions.lineWidth)
    }

    /// NumPy's `repr()`: `array(…)` with comma-separated elements and the dtype when it is not
    /// float64, int64 or bool (and the shape when the array is empty or summarised).
    ///
    /// ```swift
    /// print(NDArray([1, 2] as [Float]))   // array([1., 2.], dtype=float32)
    /// print(NDArray(3.5))                 // array(3.5)
    /// ```
    public var debugDescription: String {
        let prefix = "array("
        // The closing ")" must fit on the last line too.
        let body = count == 0 ? "[]" : arrayText(separator: ", ", prefix: prefix, lineWidth: PrintOptions.lineWidth - 1)
        var extras: [String] = []
        if (count == 0 && shape != [0]) || count > PrintOptions.threshold {
            extras.append("shape=" + shapeDescription(shape))
        }
        if dtype == .float32 || count == 0 { extras.append("dtype=\(dtype)") }
        if extras.isEmpty { return prefix + body + ")" }
        let text = prefix + body + ","
        let trailer = extras.joined(separator: ", ") + ")"
        // The extras move to their own line when they would pass the line width.
        let lastLine = text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 0)
        let spacer = lastLine + trailer.count + 1 > PrintOptions.lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return text + spacer + trailer
    }

    /// The str() of the single element of a 0-d array.
    private var scalarDescription: String {
        withUnsafeRawPointer { raw in
            switch dtype {
            case .float32: scalarString(raw.load(as: Float.self), positionalBelow: 1e6)
            case .float64: scalarString(raw.load(as: Double.self), positionalBelow: 1e16)
            case .int64: String(raw.load(as: Int64.self))
            case .bool: raw.load(as: Bool.self) ? "True" : "False"
            }
        }
    }

    /// The bracketed element text of a non-empty array (NumPy's `array2string`).
    private func arrayText(separator: String, prefix: String, lineWidth: Int) -> String {
        let layout = ArrayLayout(shape: shape, strides: strides, summarize: count > PrintOptions.threshold)
        let size = dtype.itemSize
        return withUnsafeRawPointer { base in
            // The format is chosen from the elements that will be shown, as NumPy does.
            let shown = layout.shownOffsets().map { base + $0 * size }
            let format = ElementFormat.make(dtype: dtype, ndim: ndim, elements: shown)
            return layout.render(separator: separator, prefix: prefix, lineWidth: lineWidth) {
                format.string(at: base + $0 * size, dtype: dtype)
            }
        }
    }
}
