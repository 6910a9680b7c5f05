// The pair of functions that broadcasting needs in backward: summing a gradient back to a
// smaller shape, and spreading a gradient out to a larger one. Each is the other's gradient.

/// Sums `x` over its broadcast dimensions so the result has `shape`.
public final class SumTo: ShapeFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { x.sumTo(targetShape) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { broadcastTo(gy, shape: x.shape) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Repeats `x` along new or size-1 dimensions to reach `shape`.
public final class BroadcastTo: ShapeFunction, UnaryGradient {
    public override func forward(_ x: NDArray) -> NDArray { x.broadcastTo(targetShape) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { sumTo(gy, shape: x.shape) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Sums `x` down to `shape` (the inverse of broadcasting); returns `x` itself when the shapes match.
///
/// ```swift
/// let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]))
/// sumTo(x, shape: [1, 3])   // variable([[5. 7. 9.]])
/// ```
public func sumTo(_ x: Variable, shape: [Int]) -> Variable {
    x.shape == shape ? x : SumTo(shape: shape)(x)
}

/// Broadcasts `x` to `shape`; returns `x` itself when the shapes match.
public func broadcastTo(_ x: Variable, shape: [Int]) -> Variable {
    x.shape == shape ? x : BroadcastTo(shape: shape)(x)
}
