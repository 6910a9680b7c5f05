// Nested Swift arrays of the element types that Core/NDArray+Init.swift does not cover yet:
// bool matrices and 3-d arrays. The dtype follows the element type, as there.

extension NDArray {
    /// A 2-d bool array from rows of equal length.
    public init(_ rows: [[Bool]]) { self.init(rows: rows) }

    /// A 3-d float32 array: `NDArray([[[1, 2], [3, 4]]] as [[[Float]]])` has shape [1, 2, 2].
    public init(_ planes: [[[Float]]]) { self.init(planes: planes) }
    /// A 3-d float64 array.
    public init(_ planes: [[[Double]]]) { self.init(planes: planes) }
    /// A 3-d int64 array: `NDArray([[[1, 2]], [[3, 4]]])` has shape [2, 1, 2].
    public init(_ planes: [[[Int]]]) { self.init(planes: planes.map { $0.map { $0.map { Int64($0) } } }) }
    /// A 3-d bool array.
    public init(_ planes: [[[Bool]]]) { self.init(planes: planes) }
}
