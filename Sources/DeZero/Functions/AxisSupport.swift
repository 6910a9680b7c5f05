// Axis bookkeeping shared by the shape, reduction and activation functions: negative axes
// count from the end, and a bad axis stops with a message naming the function and the shape.

enum AxisSupport {
    /// `axis` made non-negative for an array of `ndim` dimensions.
    static func normalize(_ axis: Int, ndim: Int, shape: [Int], op: String) -> Int {
        let a = axis < 0 ? axis + ndim : axis
        dezeroCheck(a >= 0 && a < ndim,
                    "\(op): axis \(axis) is out of bounds for array of dimension \(ndim) with shape \(shapeDescription(shape))")
        return a
    }

    /// `axes` made non-negative, checked for range and repeats, and sorted.
    static func normalize(_ axes: [Int], shape: [Int], op: String) -> [Int] {
        var seen = [Bool](repeating: false, count: shape.count)
        for axis in axes {
            let a = normalize(axis, ndim: shape.count, shape: shape, op: op)
            dezeroCheck(!seen[a], "\(op): duplicate value in axes \(axes) for shape \(shapeDescription(shape))")
            seen[a] = true
        }
        return seen.indices.filter { seen[$0] }
    }

    /// `shape` with the (normalized) `axes` set to 1: the shape a reduction with
    /// `keepdims: true` gives, to which a gradient is reshaped before it is broadcast back.
    static func keptShape(_ shape: [Int], reducing axes: [Int]) -> [Int] {
        var kept = shape
        for a in axes { kept[a] = 1 }
        return kept
    }
}
