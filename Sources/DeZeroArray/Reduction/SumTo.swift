// sumTo: the inverse of broadcasting, used by the backward pass of every broadcasting op.

extension NDArray {
    /// Sums over the dimensions that broadcasting added or stretched, so the result has
    /// `shape` (which must broadcast to this array's shape). Returns `self`, with no work,
    /// when the shapes already match.
    ///
    /// ```swift
    /// let g = NDArray([[1, 2, 3], [4, 5, 6]] as [[Float]])
    /// g.sumTo([1, 3])   // [[5., 7., 9.]]
    /// g.sumTo([3])      // [5., 7., 9.]
    /// g.sumTo([2, 1])   // [[6.], [15.]]
    /// ```
    public func sumTo(_ shape: [Int]) -> NDArray {
        if shape == self.shape { return self }
        guard shape.count <= ndim, NDArray.broadcastShape(shape, self.shape) == self.shape else {
            dezeroFailure("sumTo: array of shape \(shapeDescription(self.shape)) cannot be summed to shape \(shapeDescription(shape))")
        }
        let lead = ndim - shape.count
        var axes = Array(0..<lead)
        for i in 0..<shape.count where shape[i] == 1 && self.shape[lead + i] != 1 { axes.append(lead + i) }
        return sum(over: ReducedAxes(axes: axes, outShape: shape))
    }
}
