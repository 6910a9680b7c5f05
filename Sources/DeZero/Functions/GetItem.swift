// Indexing a variable (DeZero's get_item). The gradient scatters back into zeros, adding
// where an index repeats; that scatter is itself a function whose gradient is the indexing
// again, so indexing can be differentiated twice.

/// `x[indices]` with NumPy's rules (integers, slices, index arrays, masks; see `NDIndex`).
public final class GetItem: UnaryFunction {
    /// The index list.
    public let indices: [NDIndex]
    /// Indexing by `indices`.
    public init(indices: [NDIndex]) { self.indices = indices }
    public override func forward(_ x: NDArray) -> NDArray { x[indices] }
    public override func backward(_ gy: Variable) -> Variable {
        GetItemGrad(indices: indices, inputShape: input.shape)(gy)
    }
}

/// The gradient of ``GetItem``: an array of `inputShape` that is zero except at `indices`,
/// where the incoming values are added (repeated indices accumulate, NumPy's `np.add.at`).
public final class GetItemGrad: UnaryFunction {
    /// The index list of the ``GetItem`` this is the gradient of.
    public let indices: [NDIndex]
    /// The shape of that function's input, and of this one's output.
    public let inputShape: [Int]
    /// The scatter of a gradient through `indices` into zeros of `inputShape`.
    public init(indices: [NDIndex], inputShape: [Int]) {
        self.indices = indices
        self.inputShape = inputShape
    }
    public override func forward(_ gy: NDArray) -> NDArray {
        NDArray.zeros(inputShape, dtype: gy.dtype).addingAt(indices, gy)
    }
    public override func backward(_ ggx: Variable) -> Variable { getItem(ggx, indices) }
}

/// `x[indices]`, differentiable; the subscripts of ``Variable`` call this.
///
/// ```swift
/// let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]))
/// let y = getItem(x, [.all, .array(NDArray([0, 0, 2]))])   // [[1, 1, 3], [4, 4, 6]]
/// y.backward()
/// x.grad!   // [[2, 0, 1], [2, 0, 1]]: column 0 was taken twice
/// ```
public func getItem(_ x: Variable, _ indices: [NDIndex]) -> Variable {
    GetItem(indices: indices)(x)
}

extension Variable {
    /// The part of this variable an index list selects, with NumPy's rules; differentiable.
    ///
    /// ```swift
    /// let x = Variable(NDArray((0..<6).map(Double.init), shape: [2, 3]))
    /// x[[.all, .range(1...)]].shape   // [2, 2]
    /// ```
    public subscript(_ indices: [NDIndex]) -> Variable { getItem(self, indices) }

    /// Variadic form: `x[.all, 0]`, `x[.ellipsis, .newAxis]`.
    public subscript(_ indices: NDIndex...) -> Variable { getItem(self, indices) }

    /// Positions on the leading axes (negative ones count from the end): `x[1]` is the
    /// second row of a matrix, `x[1, 2]` one element.
    public subscript(_ indices: Int...) -> Variable { getItem(self, indices.map(NDIndex.int)) }

    /// Rows `range` of the first axis: `x[0..<2]`.
    public subscript(_ range: Range<Int>) -> Variable { getItem(self, [.range(range)]) }

    /// Rows `range` of the first axis, both bounds included (`x[-2...-1]`: the last two).
    public subscript(_ range: ClosedRange<Int>) -> Variable {
        let stop = range.upperBound == -1 ? nil : range.upperBound + 1
        return getItem(self, [.slice(start: range.lowerBound, stop: stop, step: nil)])
    }

    /// Rows from `range.lowerBound` to the end: `x[1...]`.
    public subscript(_ range: PartialRangeFrom<Int>) -> Variable { getItem(self, [.range(range)]) }

    /// Rows before `range.upperBound`: `x[..<2]`.
    public subscript(_ range: PartialRangeUpTo<Int>) -> Variable { getItem(self, [.range(range)]) }

    /// Rows of the first axis picked by an int64 index array (repeats allowed; their
    /// gradients add up), or by a bool mask over the leading axes.
    ///
    /// ```swift
    /// let x = Variable(NDArray([1, 2, 3] as [Double]))
    /// let y = x[NDArray([2, 0, 2])]   // [3, 1, 3]
    /// y.backward()
    /// x.grad!                         // [1, 0, 2]
    /// ```
    public subscript(_ index: NDArray) -> Variable { getItem(self, [.array(index)]) }
}
