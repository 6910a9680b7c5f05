extension NDArray {
    /// The shape NumPy broadcasting gives two shapes, or `nil` when they do not broadcast.
    /// Dimensions are aligned from the right; each pair must be equal or contain a 1.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        let n = Swift.max(a.count, b.count)
        var out = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }

    /// Broadcast shape of two operands, stopping with a message naming `op` when they clash.
    public static func broadcastShape(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        guard let s = broadcastShape(a, b) else {
            dezeroFailure("\(op): operands could not be broadcast together with shapes \(shapeDescription(a)) \(shapeDescription(b))")
        }
        return s
    }

    /// Element strides that read this array as if it had `shape` (stride 0 on broadcast
    /// dimensions). The caller has checked that the shapes broadcast.
    public func broadcastStrides(to shape: [Int]) -> [Int] {
        let lead = shape.count - ndim
        var out = [Int](repeating: 0, count: shape.count)
        for i in 0..<ndim where self.shape[i] != 1 || shape[lead + i] == 1 {
            out[lead + i] = self.shape[i] == 1 ? 0 : strides[i]
        }
        return out
    }
}
