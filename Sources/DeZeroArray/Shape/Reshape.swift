// reshape and flatten: a view whenever the memory allows one, as in NumPy.

extension NDArray {
    /// The same elements in row-major order under a new shape. One dimension may be `-1`;
    /// it is inferred from the others. Returns a view (no copy) when the strides allow it —
    /// always for a contiguous array — and a copy otherwise.
    ///
    /// ```swift
    /// let x = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [6])
    /// x.reshape([2, 3]).shape    // [2, 3]
    /// x.reshape([3, -1]).shape   // [3, 2]
    /// ```
    public func reshape(_ shape: [Int]) -> NDArray {
        let target = resolvedShape(shape)
        if target == self.shape { return self }
        if let strides = ReshapeStrides.noCopy(from: self.shape, self.strides, to: target) {
            return view(shape: target, strides: strides, offset: offset)
        }
        let c = contiguousCopy()
        return c.view(shape: target, strides: NDArray.rowMajorStrides(target), offset: c.offset)
    }

    /// Variadic form of ``reshape(_:)-([Int])``: `x.reshape(2, 3)`, `x.reshape(-1)`.
    public func reshape(_ shape: Int...) -> NDArray { reshape(shape) }

    /// A 1-d array of all elements in row-major order (NumPy's `ravel`/`flatten`; a view when
    /// the array is contiguous). Note that DeZero's `F.flatten` keeps the batch axis; that one
    /// is `x.reshape(x.shape[0], -1)`.
    ///
    /// ```swift
    /// NDArray([[1, 2], [3, 4]] as [[Double]]).flatten().shape   // [4]
    /// ```
    public func flatten() -> NDArray { reshape([count]) }

    /// `shape` with its `-1` replaced, after checking that it holds exactly ``count`` elements.
    func resolvedShape(_ shape: [Int]) -> [Int] {
        var unknown: Int? = nil
        var known = 1
        for (i, d) in shape.enumerated() {
            if d == -1 {
                dezeroCheck(unknown == nil, "reshape: can only specify one unknown dimension, got \(shapeDescription(shape))")
                unknown = i
            } else {
                dezeroCheck(d >= 0, "reshape: negative dimension \(d) in shape \(shapeDescription(shape))")
                known &*= d
            }
        }
        let n = count
        let message = "reshape: cannot reshape array of size \(n) into shape \(shapeDescription(shape))"
        guard let u = unknown else {
            dezeroCheck(known == n, message)
            return shape
        }
        dezeroCheck(known != 0 && n % known == 0, message)
        var out = shape
        out[u] = n / known
        return out
    }
}

/// Finds strides that let an array be read under a new shape without moving elements.
enum ReshapeStrides {
    /// Strides for `newShape` over memory laid out as `oldShape`/`oldStrides`, or `nil` when
    /// a copy is needed. Dimensions are matched in groups of equal element count; each group
    /// of old dimensions must be contiguous within itself (stride of one dimension equals the
    /// next one's stride times its size), and the new dimensions of the group then split
    /// that run evenly. Size-1 dimensions carry no layout and are ignored.
    static func noCopy(from oldShape: [Int], _ oldStrides: [Int], to newShape: [Int]) -> [Int]? {
        if ShapeIndexSupport.product(oldShape) == 0 { return NDArray.rowMajorStrides(newShape) }
        var old: [(size: Int, stride: Int)] = []
        for (d, s) in zip(oldShape, oldStrides) where d != 1 { old.append((d, s)) }
        var strides = [Int](repeating: 1, count: newShape.count)
        var oi = 0, ni = 0
        while oi < old.count && ni < newShape.count {
            var oj = oi + 1, nj = ni + 1
            var op = old[oi].size, np = newShape[ni]
            while op != np {
                if np < op { np *= newShape[nj]; nj += 1 } else { op *= old[oj].size; oj += 1 }
            }
            for k in oi..<(oj - 1) where old[k].stride != old[k + 1].stride * old[k + 1].size {
                return nil
            }
            strides[nj - 1] = old[oj - 1].stride
            var k = nj - 1
            while k > ni { strides[k - 1] = strides[k] * newShape[k]; k -= 1 }
            oi = oj; ni = nj
        }
        return strides
    }
}
