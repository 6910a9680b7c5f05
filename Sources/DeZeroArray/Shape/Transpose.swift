// transpose, T and swapaxes: always views, only the strides move.

extension NDArray {
    /// Permutes the axes: with no arguments, reverses them (the matrix transpose for 2-d);
    /// otherwise axis `i` of the result is axis `axes[i]` of this array. A view (no copy).
    ///
    /// ```swift
    /// let x = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
    /// x.transpose().shape               // [3, 2]
    /// x.reshape(1, 2, 3).transpose(2, 0, 1).shape   // [3, 1, 2]
    /// ```
    public func transpose(_ axes: Int...) -> NDArray {
        axes.isEmpty ? transpose(axes: Array((0..<ndim).reversed())) : transpose(axes: axes)
    }

    /// Permutes the axes: axis `i` of the result is axis `axes[i]` of this array (negative
    /// axes count from the end). A view (no copy).
    ///
    /// ```swift
    /// NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [1, 2, 3]).transpose(axes: [1, 2, 0]).shape  // [2, 3, 1]
    /// ```
    public func transpose(axes: [Int]) -> NDArray {
        dezeroCheck(axes.count == ndim,
                    "transpose: axes \(axes) don't match array of shape \(shapeDescription(shape))")
        var seen = [Bool](repeating: false, count: ndim)
        var newShape = [Int](), newStrides = [Int]()
        newShape.reserveCapacity(ndim); newStrides.reserveCapacity(ndim)
        for a in axes {
            let a = ShapeIndexSupport.axis(a, ndim: ndim, op: "transpose")
            dezeroCheck(!seen[a], "transpose: repeated axis in axes \(axes)")
            seen[a] = true
            newShape.append(shape[a]); newStrides.append(strides[a])
        }
        return view(shape: newShape, strides: newStrides, offset: offset)
    }

    /// The array with its axes reversed, `transpose()`.
    public var T: NDArray { transpose() }

    /// Exchanges two axes (negative axes count from the end). A view (no copy).
    ///
    /// ```swift
    /// NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [1, 2, 3]).swapaxes(0, -1).shape  // [3, 2, 1]
    /// ```
    public func swapaxes(_ axis1: Int, _ axis2: Int) -> NDArray {
        let a = ShapeIndexSupport.axis(axis1, ndim: ndim, op: "swapaxes")
        let b = ShapeIndexSupport.axis(axis2, ndim: ndim, op: "swapaxes")
        var s = shape, st = strides
        s.swapAt(a, b); st.swapAt(a, b)
        return view(shape: s, strides: st, offset: offset)
    }
}
