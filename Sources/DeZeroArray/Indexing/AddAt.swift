// addAt: the scatter-add that undoes indexing (NumPy's np.add.at), the backward of GetItem.

extension NDArray {
    /// Adds `values` into the elements `indices` selects, accumulating where an index repeats
    /// (NumPy's `np.add.at(x, indices, values)`). Accepts every index list the subscript
    /// accepts; `values` is converted to this array's dtype and broadcast to the shape
    /// `self[indices]` has. For bool arrays the sum is a logical or.
    ///
    /// ```swift
    /// var g = NDArray([0, 0, 0] as [Double])
    /// g.addAt([.array(NDArray([0, 2, 0]))], NDArray([1, 2, 3] as [Double]))
    /// g.doubles()   // [4, 0, 2]
    /// ```
    public mutating func addAt(_ indices: [NDIndex], _ values: NDArray) {
        store(values, at: indices, accumulate: true, op: "addAt")
    }

    /// ``addAt(_:_:)-([NDIndex],_)`` with one index array or mask on the leading axes.
    public mutating func addAt(_ index: NDArray, _ values: NDArray) {
        addAt([.array(index)], values)
    }

    /// A copy of this array with `values` added at `indices`, repeated indices accumulating.
    /// The gradient of `x[indices]` is `zeros(like: x).addingAt(indices, gy)`.
    ///
    /// ```swift
    /// let g = NDArray([0, 0, 0] as [Double]).addingAt(NDArray([1, 1]), NDArray(5.0))
    /// g.doubles()   // [0, 10, 0]
    /// ```
    public func addingAt(_ indices: [NDIndex], _ values: NDArray) -> NDArray {
        var copy = self
        copy.addAt(indices, values)
        return copy
    }

    /// ``addingAt(_:_:)-([NDIndex],_)`` with one index array or mask on the leading axes.
    public func addingAt(_ index: NDArray, _ values: NDArray) -> NDArray {
        addingAt([.array(index)], values)
    }
}
