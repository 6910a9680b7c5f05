extension NDArray {
    /// A view of this array repeated to `shape` by NumPy's broadcasting rules, without copying:
    /// broadcast dimensions get stride 0. Returns `self` when the shape already matches; stops
    /// with a message when this shape does not broadcast to `shape`.
    ///
    /// ```swift
    /// let row = NDArray([1, 2, 3] as [Float], shape: [1, 3])
    /// row.broadcastTo([2, 3])   // [[1., 2., 3.], [1., 2., 3.]], sharing row's memory
    /// ```
    public func broadcastTo(_ shape: [Int]) -> NDArray {
        if shape == self.shape { return self }
        guard shape.count >= ndim, NDArray.broadcastShape(self.shape, shape) == shape else {
            dezeroFailure("broadcastTo: cannot broadcast array of shape \(shapeDescription(self.shape)) to shape \(shapeDescription(shape))")
        }
        return view(shape: shape, strides: broadcastStrides(to: shape), offset: offset)
    }
}
