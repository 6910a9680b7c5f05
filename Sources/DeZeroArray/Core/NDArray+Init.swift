// Creating arrays from Swift values. More creation functions (zeros, arange, random, …)
// live in Creation/.

extension NDArray {
    /// Makes an array of `shape` from row-major `scalars`; the dtype follows the element type.
    @inlinable
    public init<T: NDScalar>(scalars: [T], shape: [Int]) {
        var n = 1
        for d in shape {
            dezeroCheck(d >= 0, "NDArray: negative dimension in shape \(shapeDescription(shape))")
            n *= d
        }
        dezeroCheck(n == scalars.count,
                    "NDArray: \(scalars.count) values cannot fill shape \(shapeDescription(shape)) (\(n) elements)")
        self = scalars.withUnsafeBufferPointer { src in
            NDArray.make(T.self, shape: shape) { dst in
                if n > 0 { dst.baseAddress!.update(from: src.baseAddress!, count: n) }
            }
        }
    }

    /// A float32 array: `NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])`.
    public init(_ scalars: [Float], shape: [Int]) { self.init(scalars: scalars, shape: shape) }
    /// A float64 array.
    public init(_ scalars: [Double], shape: [Int]) { self.init(scalars: scalars, shape: shape) }
    /// An int64 array (labels, indices): `NDArray([3, 1, 4], shape: [3])`.
    public init(_ scalars: [Int], shape: [Int]) { self.init(scalars: scalars.map { Int64($0) }, shape: shape) }
    /// An int64 array.
    public init(_ scalars: [Int64], shape: [Int]) { self.init(scalars: scalars, shape: shape) }
    /// A bool array (a mask).
    public init(_ scalars: [Bool], shape: [Int]) { self.init(scalars: scalars, shape: shape) }

    /// A 1-d array of the values.
    public init(_ scalars: [Float]) { self.init(scalars: scalars, shape: [scalars.count]) }
    /// A 1-d array of the values.
    public init(_ scalars: [Double]) { self.init(scalars: scalars, shape: [scalars.count]) }
    /// A 1-d int64 array of the values.
    public init(_ scalars: [Int]) { self.init(scalars, shape: [scalars.count]) }
    /// A 1-d bool array.
    public init(_ scalars: [Bool]) { self.init(scalars: scalars, shape: [scalars.count]) }

    /// A 2-d array from rows of equal length: `NDArray([[1, 2], [3, 4]] as [[Double]])`.
    public init<T: NDScalar>(rows: [[T]]) {
        let width = rows.first?.count ?? 0
        for (i, r) in rows.enumerated() {
            dezeroCheck(r.count == width, "NDArray: row \(i) has \(r.count) values, row 0 has \(width)")
        }
        self.init(scalars: rows.flatMap { $0 }, shape: [rows.count, width])
    }
    /// A float32 matrix from equal-length rows: `NDArray([[1, 2], [3, 4]] as [[Float]])`.
    public init(_ rows: [[Float]]) { self.init(rows: rows) }
    /// A float64 matrix from equal-length rows: `NDArray([[1.5, 2], [3, 4]])`.
    public init(_ rows: [[Double]]) { self.init(rows: rows) }
    /// An int64 matrix from equal-length rows: `NDArray([[1, 2], [3, 4]])`.
    public init(_ rows: [[Int]]) { self.init(rows: rows.map { $0.map { Int64($0) } }) }

    /// A 3-d array from nested arrays of equal lengths.
    public init<T: NDScalar>(planes: [[[T]]]) {
        let rows = planes.first?.count ?? 0
        let width = planes.first?.first?.count ?? 0
        for p in planes {
            dezeroCheck(p.count == rows && p.allSatisfy { $0.count == width },
                        "NDArray: nested arrays are ragged; every plane must be \(rows)×\(width)")
        }
        self.init(scalars: planes.flatMap { $0.flatMap { $0 } }, shape: [planes.count, rows, width])
    }

    /// A 0-d array holding one value.
    @inlinable
    public init<T: NDScalar>(scalar value: T) {
        self = NDArray.make(T.self, shape: []) { $0[0] = value }
    }
    /// A 0-d float64 array, like `np.array(0.5)`.
    public init(_ value: Double) { self.init(scalar: value) }
    /// A 0-d float32 array.
    public init(_ value: Float) { self.init(scalar: value) }
    /// A 0-d int64 array, like `np.array(2)`.
    public init(_ value: Int) { self.init(scalar: Int64(value)) }
    /// A 0-d bool array.
    public init(_ value: Bool) { self.init(scalar: value) }

    /// A 0-d array of `dtype` holding `value` converted (NumPy's `np.array(value, dtype=…)`).
    public init(_ value: Double, dtype: DType) {
        switch dtype {
        case .float32: self.init(scalar: Float(value))
        case .float64: self.init(scalar: value)
        case .int64: self.init(scalar: Int64(fromDouble: value))
        case .bool: self.init(scalar: value != 0)
        }
    }
}

// MARK: - Reading values out

extension NDArray {
    /// The single element as a `Double` (NumPy's `.item()`); stops if the array has more than one.
    public func item() -> Double {
        dezeroCheck(count == 1, "item: only a one-element array converts to a scalar, this one has shape \(shapeDescription(shape))")
        return withUnsafeRawPointer { raw in
            switch dtype {
            case .float32: Double(raw.load(as: Float.self))
            case .float64: raw.load(as: Double.self)
            case .int64: Double(raw.load(as: Int64.self))
            case .bool: raw.load(as: Bool.self) ? 1 : 0
            }
        }
    }

    /// All elements in row-major order, converted to `T` (NumPy's `ravel().tolist()`).
    public func scalars<T: NDScalar>(as type: T.Type = T.self) -> [T] {
        if T.dtype == dtype { return withUnsafeBufferPointer(as: T.self) { Array($0) } }
        return astype(T.dtype).withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// All elements as `Double`s in row-major order (for printing and tests).
    public func doubles() -> [Double] { scalars(as: Double.self) }
}
