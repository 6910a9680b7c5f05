// expandDims and squeeze: add or remove size-1 axes. Views, never copies.

extension NDArray {
    /// Inserts a size-1 axis so that it becomes axis `axis` of the result
    /// (`-1` appends one at the end). A view (no copy).
    ///
    /// ```swift
    /// let x = NDArray([1, 2, 3] as [Double])
    /// x.expandDims(axis: 0).shape    // [1, 3]
    /// x.expandDims(axis: -1).shape   // [3, 1]
    /// ```
    public func expandDims(axis: Int) -> NDArray {
        let a = ShapeIndexSupport.axis(axis, ndim: ndim + 1, op: "expandDims")
        var s = shape, st = strides
        // The stride of a size-1 axis is never used to step; keep the row-major value.
        st.insert(a < ndim ? strides[a] * shape[a] : 1, at: a)
        s.insert(1, at: a)
        return view(shape: s, strides: st, offset: offset)
    }

    /// Removes every size-1 axis. A view (no copy).
    ///
    /// ```swift
    /// NDArray([1, 2, 3] as [Double], shape: [1, 3, 1]).squeeze().shape   // [3]
    /// ```
    public func squeeze() -> NDArray {
        squeezing { _, d in d == 1 }
    }

    /// Removes axis `axis`, which must have size 1. A view (no copy).
    ///
    /// ```swift
    /// NDArray([1, 2, 3] as [Double], shape: [1, 3, 1]).squeeze(axis: -1).shape   // [1, 3]
    /// ```
    public func squeeze(axis: Int) -> NDArray { squeeze(axes: [axis]) }

    /// Removes the listed axes, each of which must have size 1. A view (no copy).
    public func squeeze(axes: [Int]) -> NDArray {
        var drop = [Bool](repeating: false, count: ndim)
        for a in axes {
            let a = ShapeIndexSupport.axis(a, ndim: ndim, op: "squeeze")
            dezeroCheck(shape[a] == 1,
                        "squeeze: cannot select an axis to squeeze out which has size not equal to one (axis \(a) of shape \(shapeDescription(shape)))")
            dezeroCheck(!drop[a], "squeeze: repeated axis in axes \(axes)")
            drop[a] = true
        }
        return squeezing { i, _ in drop[i] }
    }

    private func squeezing(_ remove: (Int, Int) -> Bool) -> NDArray {
        var s = [Int](), st = [Int]()
        for i in 0..<ndim where !remove(i, shape[i]) {
            s.append(shape[i]); st.append(strides[i])
        }
        return view(shape: s, strides: st, offset: offset)
    }
}

/// Inserts a size-1 axis at `axis` of `x`: ``NDArray/expandDims(axis:)`` as a function.
///
/// ```swift
/// expandDims(NDArray([1, 2, 3] as [Double]), axis: 1).shape   // [3, 1]
/// ```
public func expandDims(_ x: NDArray, axis: Int) -> NDArray { x.expandDims(axis: axis) }
