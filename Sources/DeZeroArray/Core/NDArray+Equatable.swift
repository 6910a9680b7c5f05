// Exact and approximate equality of whole arrays.

extension NDArray: Equatable {
    /// True when both arrays have the same shape, the same dtype and equal elements
    /// (NumPy's `array_equal` plus a dtype check). As in NumPy, NaN is unequal to everything,
    /// itself included, and -0.0 equals 0.0; views compare by their elements, not their layout.
    ///
    /// ```swift
    /// NDArray([1, 2] as [Double]) == NDArray([1, 2] as [Double])   // true
    /// NDArray([1, 2] as [Double]) == NDArray([1, 2] as [Float])    // false: dtypes differ
    /// ```
    public static func == (a: NDArray, b: NDArray) -> Bool {
        guard a.shape == b.shape, a.dtype == b.dtype else { return false }
        switch a.dtype {
        case .float32: return elementsEqual(a, b, Float.self)
        case .float64: return elementsEqual(a, b, Double.self)
        case .int64: return elementsEqual(a, b, Int64.self)
        case .bool: return elementsEqual(a, b, Bool.self)
        }
    }

    @inline(__always)
    static func elementsEqual<T: NDScalar>(_ a: NDArray, _ b: NDArray, _ t: T.Type) -> Bool {
        a.withUnsafeBufferPointer(as: T.self) { pa in
            b.withUnsafeBufferPointer(as: T.self) { pb in
                for i in 0..<pa.count where pa[i] != pb[i] { return false }
                return true
            }
        }
    }
}

extension NDArray {
    /// True when every pair of elements satisfies |a − b| ≤ `atol` + `rtol`·|b| (NumPy's
    /// `allclose`; note it is not symmetric: `other` sets the scale). The shapes must broadcast
    /// together; dtypes may differ (values compare as float64). Infinities are close only to
    /// the same infinity; NaN is close to nothing unless `equalNaN` is true.
    ///
    /// ```swift
    /// let a = NDArray([1.0, 2.0])
    /// a.allClose(NDArray([1.0, 2.000001]))            // true
    /// a.allClose(NDArray([1.1, 2.0]), atol: 0.2)      // true
    /// ```
    public func allClose(_ other: NDArray, rtol: Double = 1e-5, atol: Double = 1e-8,
                         equalNaN: Bool = false) -> Bool {
        _ = NDArray.broadcastShape(shape, other.shape, op: "allClose")
        let a = astype(.float64), b = other.astype(.float64)
        let shape = NDArray.broadcastShape(a.shape, b.shape, op: "allClose")
        let xs = a.broadcastTo(shape).scalars(as: Double.self), ys = b.broadcastTo(shape).scalars(as: Double.self)
        for (x, y) in zip(xs, ys) {
            if x == y { continue }  // equal values, equal infinities
            if x.isNaN || y.isNaN {
                if equalNaN && x.isNaN && y.isNaN { continue }
                return false
            }
            if x.isInfinite || y.isInfinite { return false }
            if !(abs(x - y) <= atol + rtol * abs(y)) { return false }
        }
        return true
    }
}
