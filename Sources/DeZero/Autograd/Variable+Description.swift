extension Variable: CustomStringConvertible {
    /// DeZero's printing: `variable(` + NumPy's `str()` of the data + `)`, continuation lines
    /// indented under the opening parenthesis.
    ///
    /// ```swift
    /// print(Variable([1.0, 2.0, 3.0]))   // variable([1. 2. 3.])
    /// ```
    public var description: String {
        let body = data.strDescription.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + String(repeating: " ", count: 9))
        return "variable(\(body))"
    }
}
