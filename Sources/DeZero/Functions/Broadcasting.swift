// The pair of functions that broadcasting needs in backward: summing a gradient back to a
// smaller shape, and spreading a gradient out to a larger one. Each is the other's gradient.

/// Sums `x` over its broadcast dimensions so the result has `shape`.
public final class SumTo: UnaryFunction {
    public let targetShape: [Int]
    private var inputShape: [Int] = []
    public init(shape: [Int]) { targetShape = shape }
    public override func forward(_ x: NDArray) -> NDArray {
        inputShape = x.shape
        return x.sumTo(targetShape)
    }
    public override func backward(_ gy: Variable) -> Variable { broadcastTo(gy, shape: inputShape) }
}

/// Repeats `x` along new or size-1 dimensions to reach `shape`.
public final class BroadcastTo: UnaryFunction {
    public let targetShape: [Int]
    private var inputShape: [Int] = []
    public init(shape: [Int]) { targetShape = shape }
    public override func forward(_ x: NDArray) -> NDArray {
        inputShape = x.shape
        return x.broadcastTo(targetShape)
    }
    public override func backward(_ gy: Variable) -> Variable { sumTo(gy, shape: inputShape) }
}

/// Sums `x` down to `shape` (the inverse of broadcasting); returns `x` itself when the shapes match.
///
/// ```swift
/// let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]))
/// sumTo(x, shape: [1, 3])   // variable([[5. 7. 9.]])
/// ```
public func sumTo(_ x: Variable, shape: [Int]) -> Variable {
    x.shape == shape ? x : apply(x, { SumTo(shape: shape) }, direct: { $0.sumTo(shape) })
}

/// Broadcasts `x` to `shape`; returns `x` itself when the shapes match.
public func broadcastTo(_ x: Variable, shape: [Int]) -> Variable {
    x.shape == shape ? x : apply(x, { BroadcastTo(shape: shape) }, direct: { $0.broadcastTo(shape) })
}
