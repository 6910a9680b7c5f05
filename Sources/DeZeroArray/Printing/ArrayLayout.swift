/// Lays out an array's elements as NumPy's `array2string` does: nested brackets, elements
/// wrapped at the line width with a hanging indent, blank lines between blocks of 3-d and
/// higher arrays, and `...` in the middle of long dimensions when the array is summarised.
struct ArrayLayout {
    let shape: [Int]
    /// Element strides (any layout; views print without a copy).
    let strides: [Int]
    /// Whether dimensions longer than 2·edgeItems show only their ends.
    let summarize: Bool
    let edgeItems = PrintOptions.edgeItems

    /// The indices shown along a dimension of length `n`.
    func shownIndices(_ n: Int) -> [Int] {
        summarize && n > 2 * edgeItems ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
    }

    /// Element offsets (in elements from the first one) of every shown element, row-major.
    func shownOffsets() -> [Int] {
        var offsets = [0]
        for d in 0..<shape.count {
            let steps = shownIndices(shape[d]).map { $0 * strides[d] }
            offsets = offsets.flatMap { base in steps.map { base + $0 } }
        }
        return offsets
    }

    /// The bracketed text; `word` formats the element at an element offset. `prefix` is the
    /// text that will stand before the first bracket (`array(`), so continuation lines line up.
    func render(separator: String, prefix: String, lineWidth: Int, word: (Int) -> String) -> String {
        let hangingIndent = " " + String(repeating: " ", count: prefix.count)
        return render(axis: 0, offset: 0, hangingIndent: hangingIndent, width: lineWidth,
                      separator: separator, word: word)
    }

    private func render(axis: Int, offset: Int, hangingIndent: String, width: Int,
                        separator: String, word: (Int) -> String) -> String {
        if axis == shape.count { return word(offset) }
        let n = shape[axis]
        let showSummary = summarize && n > 2 * edgeItems
        // Each nested level sits one column further in and must leave room for its "]".
        let nextIndent = hangingIndent + " "
        func nested(_ i: Int) -> String {
            render(axis: axis + 1, offset: offset + i * strides[axis], hangingIndent: nextIndent,
                   width: width - 1, separator: separator, word: word)
        }
        let indices = showSummary ? Array(0..<edgeItems) + [-1] + Array((n - edgeItems)..<n) : Array(0..<n)
        var s = ""
        let trimmedSeparator = String(separator.reversed().drop(while: { $0 == " " }).reversed())
        if axis == shape.count - 1 {
            // Innermost dimension: elements flow along lines and wrap before the width.
            let elementWidth = width - Swift.max(trimmedSeparator.count, 1)
            var line = hangingIndent
            for (k, i) in indices.enumerated() {
                let w = i < 0 ? "..." : nested(i)
                extend(&s, &line, w, width: elementWidth, indent: hangingIndent)
                if k < indices.count - 1 { line += separator }
            }
            s += line
        } else {
            // Outer dimensions: one block per line, separated by blank lines for each extra level.
            let lineSeparator = trimmedSeparator + String(repeating: "\n", count: shape.count - axis - 1)
            for (k, i) in indices.enumerated() {
                s += hangingIndent + (i < 0 ? "..." : nested(i))
                if k < indices.count - 1 { s += lineSeparator }
            }
        }
        return "[" + s.dropFirst(hangingIndent.count) + "]"
    }

    /// Appends `word` to `line`, first moving `line` into `s` when the word would pass `width`
    /// (but never leaving a line with only the indent).
    private func extend(_ s: inout String, _ line: inout String, _ word: String, width: Int, indent: String) {
        if line.count + word.count > width && line.count > indent.count {
            while line.last == " " { line.removeLast() }
            s += line + "\n"
            line = indent
        }
        line += word
    }
}
