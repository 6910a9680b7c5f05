// Reading and writing parts of an array with NumPy's indexing rules.
// Basic indices (integers, slices, new axes) give views; index arrays and masks copy.

extension NDArray {
    /// The part of the array an index list selects, with NumPy's rules (see ``NDIndex``).
    /// Integers, slices, `newAxis` and `ellipsis` give a view; index arrays and masks give a
    /// copy. Setting writes `newValue` (converted to this array's dtype and broadcast to the
    /// selected shape) into those elements; with repeated indices the last value wins.
    ///
    /// ```swift
    /// var x = NDArray((0..<6).map(Double.init), shape: [2, 3])
    /// x[[.all, .range(1...)]].doubles()             // [1, 2, 4, 5]
    /// x[[.all, .every(-1)]].doubles()               // [2, 1, 0, 5, 4, 3]
    /// x[[.array(NDArray([1, 0])), .array(NDArray([2, 2]))]].doubles()  // [5, 2]
    /// x[[.all, 0]] = NDArray(9.0)                   // x is now [[9, 1, 2], [9, 4, 5]]
    /// ```
    public subscript(_ indices: [NDIndex]) -> NDArray {
        get { selecting(indices, op: "index") }
        set { store(newValue, at: indices, accumulate: false, op: "index") }
    }

    /// Variadic form of ``subscript(_:)-([NDIndex])``: `x[.all, 0]`, `x[.ellipsis, .newAxis]`.
    public subscript(_ indices: NDIndex...) -> NDArray {
        get { self[indices] }
        set { self[indices] = newValue }
    }

    /// Positions on the leading axes; negative positions count from the end. `x[1]` is the
    /// second row of a matrix, `x[1, 2]` a 0-d array. A view.
    ///
    /// ```swift
    /// let x = NDArray((0..<6).map(Double.init), shape: [2, 3])
    /// x[1].doubles()        // [3, 4, 5]
    /// x[-1, 0].item()       // 3
    /// ```
    public subscript(_ indices: Int...) -> NDArray {
        get { leadingView(indices) }
        set { self[indices.map(NDIndex.int)] = newValue }
    }

    /// Rows `range` of the first axis (clipped to the array, as NumPy's slices are). A view.
    ///
    /// ```swift
    /// let x = NDArray((0..<6).map(Double.init), shape: [3, 2])
    /// x[0..<2].shape        // [2, 2]
    /// ```
    public subscript(_ range: Range<Int>) -> NDArray {
        get { rows(range.lowerBound, range.upperBound) }
        set { self[[NDIndex.range(range)]] = newValue }
    }

    /// Rows `range` of the first axis, bounds included (`-2...-1`: the last two). A view.
    public subscript(_ range: ClosedRange<Int>) -> NDArray {
        get { rows(range.lowerBound, range.upperBound == -1 ? nil : range.upperBound + 1) }
        set { self[[NDArray.closedSlice(range.lowerBound, range.upperBound)]] = newValue }
    }

    /// Rows from `range.lowerBound` to the end of the first axis. A view.
    public subscript(_ range: PartialRangeFrom<Int>) -> NDArray {
        get { rows(range.lowerBound, nil) }
        set { self[[NDIndex.range(range)]] = newValue }
    }

    /// Rows before `range.upperBound` on the first axis. A view.
    public subscript(_ range: PartialRangeUpTo<Int>) -> NDArray {
        get { rows(nil, range.upperBound) }
        set { self[[NDIndex.range(range)]] = newValue }
    }

    /// Rows up to and including `range.upperBound` on the first axis. A view.
    public subscript(_ range: PartialRangeThrough<Int>) -> NDArray {
        get { rows(nil, range.upperBound == -1 ? nil : range.upperBound + 1) }
        set { self[[NDArray.closedSlice(nil, range.upperBound)]] = newValue }
    }

    /// The whole array, `x[...]`; setting it fills every element (with broadcasting).
    public subscript(_ all: (UnboundedRange_) -> ()) -> NDArray {
        get { self }
        set { self[[NDIndex.ellipsis]] = newValue }
    }

    /// Fancy indexing on the first axis: an int64 array of positions (`x[NDArray([2, 0, 2])]`
    /// gathers rows 2, 0 and 2), or a bool mask whose shape matches the leading axes
    /// (NumPy's `x[mask]`: the true positions, in row-major order). Always a copy.
    ///
    /// ```swift
    /// let x = NDArray((0..<6).map(Double.init), shape: [3, 2])
    /// x[NDArray([2, 0, 2])].doubles()                    // [4, 5, 0, 1, 4, 5]
    /// x[NDArray([true, false, true])].shape              // [2, 2]
    /// ```
    public subscript(_ index: NDArray) -> NDArray {
        get { self[[NDIndex.array(index)]] }
        set { self[[NDIndex.array(index)]] = newValue }
    }

    /// The view `x[i, j, …]` for integer positions: the fast path for per-sample access
    /// (a data loader reads `dataset[i]` once per sample), with no index plan to build.
    func leadingView(_ indices: [Int]) -> NDArray {
        dezeroCheck(indices.count <= ndim,
                    "index: too many indices for array: array of shape \(shapeDescription(shape)) is \(ndim)-dimensional, but \(indices.count) were indexed")
        var start = offset
        for (axis, i) in indices.enumerated() {
            start += IndexPlan.wrap(i, size: shape[axis], axis: axis, op: "index") * strides[axis]
        }
        let k = indices.count
        return view(shape: Array(shape[k...]), strides: Array(strides[k...]), offset: start)
    }

    /// The view `x[start:stop]` on the first axis, the fast path of the range subscripts.
    func rows(_ start: Int?, _ stop: Int?) -> NDArray {
        dezeroCheck(ndim > 0, "index: too many indices for array: array is 0-dimensional, but 1 were indexed")
        let s = SliceBounds(start: start, stop: stop, step: nil, size: shape[0], op: "index")
        var rowShape = shape
        rowShape[0] = s.count
        return view(shape: rowShape, strides: strides, offset: offset + (s.count > 0 ? s.start * strides[0] : 0))
    }

    /// `lower...upper` as a slice; `upper == -1` means "through the last element".
    static func closedSlice(_ lower: Int?, _ upper: Int) -> NDIndex {
        .slice(start: lower, stop: upper == -1 ? nil : upper + 1, step: nil)
    }
}

// MARK: - The work behind the subscripts

extension NDArray {
    /// A view for basic indices, a gathered copy when index arrays are involved.
    func selecting(_ indices: [NDIndex], op: String) -> NDArray {
        let plan = IndexPlan(shape: shape, strides: strides, indices: indices, op: op)
        if plan.isView {
            return view(shape: plan.postShape, strides: plan.postStrides, offset: offset + plan.table[0])
        }
        return withUnsafeRawPointer { src in
            NDArray.makeRaw(dtype: dtype, shape: plan.resultShape) { dst, _ in
                switch dtype.itemSize {
                case 8: IndexKernels.gather(plan, src.assumingMemoryBound(to: UInt64.self), dst.assumingMemoryBound(to: UInt64.self))
                case 4: IndexKernels.gather(plan, src.assumingMemoryBound(to: UInt32.self), dst.assumingMemoryBound(to: UInt32.self))
                default: IndexKernels.gather(plan, src.assumingMemoryBound(to: UInt8.self), dst.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
    }

    /// Writes `values` into the selected elements: overwriting (`=`) or accumulating
    /// (`addAt`, where repeated indices add up). This array is made unique first, so no other
    /// array sharing its memory changes.
    mutating func store(_ values: NDArray, at indices: [NDIndex], accumulate: Bool, op: String) {
        makeUniqueContiguous()
        let plan = IndexPlan(shape: shape, strides: strides, indices: indices, op: op)
        let target = plan.resultShape
        dezeroCheck(NDArray.broadcastShape(values.shape, target) == target,
                    "\(op): value array of shape \(shapeDescription(values.shape)) could not be broadcast to indexing result of shape \(shapeDescription(target))")
        var v = values.astype(dtype)
        if v.shape != target {
            v = v.view(shape: target, strides: v.broadcastStrides(to: target), offset: v.offset)
        }
        v = v.contiguous()
        switch dtype {
        case .float32: store(v, plan, accumulate ? { $0 += $1 } : { $0 = $1 }, Float.self)
        case .float64: store(v, plan, accumulate ? { $0 += $1 } : { $0 = $1 }, Double.self)
        case .int64: store(v, plan, accumulate ? { $0 &+= $1 } : { $0 = $1 }, Int64.self)
        case .bool: store(v, plan, accumulate ? { $0 = $0 || $1 } : { $0 = $1 }, Bool.self)
        }
    }

    private mutating func store<T: NDScalar>(_ values: NDArray, _ plan: IndexPlan,
                                             _ combine: (inout T, T) -> Void, _ type: T.Type) {
        values.withUnsafeBufferPointer(as: T.self) { src in
            withUnsafeMutableBufferPointer(as: T.self) { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                IndexKernels.scatter(plan, s, d, combine)
            }
        }
    }
}
