// split: cut an array into views along an axis.

/// Splits `x` into `sections` equal parts along `axis`; the axis length must divide evenly.
/// Each part is a view (no copy).
///
/// ```swift
/// let x = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [6])
/// split(x, sections: 3).map(\.shape)   // [[2], [2], [2]]
/// ```
public func split(_ x: NDArray, sections: Int, axis: Int = 0) -> [NDArray] {
    dezeroCheck(sections > 0, "split: number of sections must be larger than 0, got \(sections)")
    dezeroCheck(x.ndim > 0, "split: cannot split a zero-dimensional array")
    let ax = ShapeIndexSupport.axis(axis, ndim: x.ndim, op: "split")
    let n = x.shape[ax]
    dezeroCheck(n % sections == 0,
                "split: array split does not result in an equal division, axis \(ax) of shape \(shapeDescription(x.shape)) into \(sections) sections")
    let step = n / sections
    return split(x, indices: (1..<sections).map { $0 * step }, axis: ax)
}

/// Splits `x` along `axis` before each of `indices`: `[2, 5]` gives `x[..<2]`, `x[2..<5]`,
/// `x[5...]` on that axis. Indices past the end give empty parts, as NumPy's slices do.
/// Each part is a view (no copy).
///
/// ```swift
/// let x = NDArray([1, 2, 3, 4, 5] as [Double])
/// split(x, indices: [2, 3]).map(\.shape)   // [[2], [1], [2]]
/// ```
public func split(_ x: NDArray, indices: [Int], axis: Int = 0) -> [NDArray] {
    dezeroCheck(x.ndim > 0, "split: cannot split a zero-dimensional array")
    let ax = ShapeIndexSupport.axis(axis, ndim: x.ndim, op: "split")
    let lead = [NDIndex](repeating: .all, count: ax)
    var bounds: [Int?] = [nil]
    bounds += indices.map { Optional($0) }
    bounds.append(nil)
    return (0..<(bounds.count - 1)).map { i in
        x[lead + [.slice(start: bounds[i], stop: bounds[i + 1], step: nil)]]
    }
}
