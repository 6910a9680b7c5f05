// Functions that change only the shape or the order of axes. Forward gives views (no copy)
// whenever the memory allows; each gradient undoes the rearrangement.

/// A one-input function that gives its input a target shape (reshape, sumTo, broadcastTo).
public class ShapeFunction: UnaryFunction {
    /// The shape of the output (for ``Reshape``, one entry may be `-1`).
    public let targetShape: [Int]
    /// The function to `shape`.
    public init(shape: [Int]) { targetShape = shape }
}

/// `x` under a new shape, with the same elements in row-major order.
public final class Reshape: ShapeFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { x.reshape(targetShape) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { reshape(gy, x.shape) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// `x` with its axes permuted (reversed when `axes` is `nil`).
public final class Transpose: UnaryFunction, UnaryGradient {
    /// The permutation (`nil`: reverse the axes).
    public let axes: [Int]?
    /// A transpose by `axes`, or reversing the axes when `nil`.
    public init(axes: [Int]? = nil) { self.axes = axes }
    public override func forward(_ x: NDArray) -> NDArray {
        axes.map { x.transpose(axes: $0) } ?? x.transpose()   // checks the permutation
    }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T {
        guard let axes else { return gy.transpose(axes: Array(gy.shape.indices.reversed())) }
        // The permutation that undoes `axes`.
        var inverse = [Int](repeating: 0, count: axes.count)
        for (i, a) in axes.enumerated() { inverse[a < 0 ? a + axes.count : a] = i }
        return gy.transpose(axes: inverse)
    }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Gives `x` the shape `shape` (one entry may be `-1`, inferred from the others); returns
/// `x` itself when the shape already matches. The gradient is reshaped back.
///
/// ```swift
/// let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]))
/// reshape(x, [6]).shape       // [6]
/// reshape(x, [3, -1]).shape   // [3, 2]
/// ```
public func reshape(_ x: Variable, _ shape: [Int]) -> Variable {
    if x.shape == shape { return x }
    return Reshape(shape: shape)(x)
}

/// Permutes the axes of `x`: axis `i` of the result is axis `axes[i]` of `x` (negative axes
/// count from the end); `nil` reverses them, the matrix transpose for 2-D input. A view.
///
/// ```swift
/// let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [1, 2, 3]))
/// transpose(x).shape                      // [3, 2, 1]
/// transpose(x, axes: [1, 0, 2]).shape     // [2, 1, 3]
/// ```
public func transpose(_ x: Variable, axes: [Int]? = nil) -> Variable {
    if axes == nil && x.ndim < 2 { return x }   // reversing fewer than two axes changes nothing
    return Transpose(axes: axes)(x)
}

/// Inserts a size-1 axis so that it becomes axis `axis` of the result (NumPy's rule: `-1`
/// appends one at the end). A reshape, so the gradient is reshaped back.
///
/// ```swift
/// let x = Variable([1.0, 2.0, 3.0])
/// expandDims(x, axis: 0).shape    // [1, 3]
/// expandDims(x, axis: -1).shape   // [3, 1]
/// ```
public func expandDims(_ x: Variable, axis: Int) -> Variable {
    reshape(x, x.data.expandDims(axis: axis).shape)
}

/// Flattens every axis but the first, DeZero's `F.flatten`: `(N, …)` becomes `(N, rest)`, so a
/// batch of images becomes a batch of vectors for a linear layer. (For all axes into one,
/// use `x.reshape(-1)`.)
///
/// ```swift
/// let images = Variable(NDArray.zeros([8, 1, 28, 28]))
/// flatten(images).shape   // [8, 784]
/// ```
public func flatten(_ x: Variable) -> Variable {
    dezeroCheck(x.ndim >= 1, "flatten: needs a batch axis, got an array of shape \(shapeDescription(x.shape))")
    let rest = x.shape.dropFirst().reduce(1, *)
    return reshape(x, [x.shape[0], rest])
}

extension Variable {
    /// This variable under a new shape; see ``reshape(_:_:)``.
    ///
    /// ```swift
    /// Variable([1.0, 2, 3, 4, 5, 6]).reshape([2, 3]).shape   // [2, 3]
    /// ```
    public func reshape(_ shape: [Int]) -> Variable { DeZero.reshape(self, shape) }

    /// Variadic form: `x.reshape(2, 3)`, `x.reshape(-1)`.
    public func reshape(_ shape: Int...) -> Variable { DeZero.reshape(self, shape) }

    /// Axes permuted as listed, or reversed when none are given (`x.transpose()`); see
    /// ``transpose(_:axes:)``. `x.transpose(1, 0, 2)` swaps the first two axes.
    public func transpose(_ axes: Int...) -> Variable {
        DeZero.transpose(self, axes: axes.isEmpty ? nil : axes)
    }

    /// Axes permuted: axis `i` of the result is axis `axes[i]` of this variable.
    public func transpose(axes: [Int]) -> Variable { DeZero.transpose(self, axes: axes) }

    /// The axes reversed (the matrix transpose), DeZero's `x.T`.
    public var T: Variable { DeZero.transpose(self) }
}
