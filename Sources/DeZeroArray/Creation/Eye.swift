extension NDArray {
    /// An `n`×`m` matrix with ones on diagonal `k` and zeros elsewhere (NumPy's `eye`):
    /// `k` = 0 is the main diagonal, positive `k` above it, negative below.
    ///
    /// ```swift
    /// NDArray.eye(3)                          // 3×3 identity, float64
    /// NDArray.eye(2, m: 3, k: 1, dtype: .int64)
    /// // array([[0, 1, 0],
    /// //        [0, 0, 1]])
    /// ```
    public static func eye(_ n: Int, m: Int? = nil, k: Int = 0, dtype: DType = .float64) -> NDArray {
        let m = m ?? n
        dezeroCheck(n >= 0 && m >= 0, "eye: sizes must be non-negative, got \(n) and \(m)")
        var out = zeros([n, m], dtype: dtype)
        // Row i holds its one at column i + k; rows where that column is outside 0..<m have none.
        let first = Swift.max(0, -k), end = Swift.min(n, m - k)
        if first >= end { return out }
        let rows = first..<end
        func set<T: NDScalar>(_ one: T) {
            out.withUnsafeMutableBufferPointer(as: T.self) { buf in
                for i in rows { buf[i * m + i + k] = one }
            }
        }
        switch dtype {
        case .float32: set(Float(1))
        case .float64: set(Double(1))
        case .int64: set(Int64(1))
        case .bool: set(true)
        }
        return out
    }
}
