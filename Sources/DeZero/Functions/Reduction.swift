// Reductions: sum, mean, max and min over all axes, one axis or several (negative axes count
// from the end), with or without keepdims. Each backward first gives the gradient the
// keepdims shape of the output, then broadcasts it back over the reduced axes.

/// The axes a reduction works on and the shapes it needs in backward.
struct ReductionPlan {
    /// Normalized, sorted axes.
    let axes: [Int]
    let keepdims: Bool
    let inputShape: [Int]
    /// `inputShape` with the reduced axes set to 1.
    let keptShape: [Int]

    /// `axes == nil` reduces every axis.
    init(shape: [Int], axes: [Int]?, keepdims: Bool, op: String) {
        self.axes = axes.map { AxisSupport.normalize($0, shape: shape, op: op) } ?? Array(shape.indices)
        self.keepdims = keepdims
        inputShape = shape
        keptShape = AxisSupport.keptShape(shape, reducing: self.axes)
    }

    static let empty = ReductionPlan()
    private init() { axes = []; keepdims = false; inputShape = []; keptShape = [] }

    /// A gradient of the output's shape spread back over the input's shape.
    func spread<T: Tensor>(_ gy: T) -> T {
        broadcastTo(reshape(gy, keptShape), shape: inputShape)
    }

    /// How many input elements fold into each output element.
    var reducedCount: Int { axes.reduce(1) { $0 * inputShape[$1] } }
}

/// What the reductions share: the axes, `keepdims`, and the plan their forward makes for the
/// gradient. Subclasses state only the array reduction and the gradient formula.
public class Reduction: UnaryFunction {
    /// The reduced axes as given (`nil`: all), negative ones counting from the end.
    public let axes: [Int]?
    /// Whether the reduced axes stay as size-1 axes.
    public let keepdims: Bool
    @exclusivity(unchecked) var plan = ReductionPlan.empty

    init(axes: [Int]?, keepdims: Bool) {
        self.axes = axes
        self.keepdims = keepdims
    }

    public override final func forward(_ x: NDArray) -> NDArray {
        plan = ReductionPlan(shape: x.shape, axes: axes, keepdims: keepdims, op: Self.name)
        return reduce(x, plan.axes)
    }

    /// The name in messages.
    class var name: String { "\(Self.self)".lowercased() }
    /// The array reduction over the normalized axes.
    func reduce(_ x: NDArray, _ axes: [Int]) -> NDArray { dezeroFailure("\(Self.self) must override reduce") }
}

/// Sum of the elements over the given axes; the gradient is broadcast back.
public final class Sum: Reduction, UnaryGradient {
    /// `axes == nil` sums every element.
    public override init(axes: [Int]? = nil, keepdims: Bool = false) { super.init(axes: axes, keepdims: keepdims) }
    override func reduce(_ x: NDArray, _ axes: [Int]) -> NDArray { x.sum(axes: axes, keepdims: keepdims) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { plan.spread(gy) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Arithmetic mean over the given axes; the gradient is broadcast back and divided by the
/// number of elements averaged.
public final class Mean: Reduction, UnaryGradient {
    /// `axes == nil` averages every element.
    public override init(axes: [Int]? = nil, keepdims: Bool = false) { super.init(axes: axes, keepdims: keepdims) }
    override func reduce(_ x: NDArray, _ axes: [Int]) -> NDArray { x.mean(axes: axes, keepdims: keepdims) }
    // Scale before broadcasting: the output has fewer elements than the input.
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { plan.spread(gy / Double(plan.reducedCount)) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Largest (``Max``) or smallest (``Min``) elements over the given axes. The gradient goes to
/// the elements that attain the extremum; where several tie, they share it equally (each
/// gets `gy / k` for `k` ties, as PyTorch's `amax` does; the Python DeZero gives each the
/// whole `gy`, so the gradients there sum to `k·gy`).
public class Extremum: Reduction {
    // Which elements attain the extremum does not change under small moves of x, so the
    // weights are a constant: 1/k on the k elements that tie, 0 elsewhere.
    func weights(x: NDArray, y: NDArray) -> NDArray {
        let hits = (x .== y.reshape(plan.keptShape)).astype(x.dtype)
        return hits / hits.sum(axes: plan.axes, keepdims: true)
    }
}

/// Largest elements over the given axes; see ``Extremum`` for the gradient and ties.
public final class Max: Extremum, UnaryGradient {
    /// `axes == nil` reduces every element.
    public override init(axes: [Int]? = nil, keepdims: Bool = false) { super.init(axes: axes, keepdims: keepdims) }
    override func reduce(_ x: NDArray, _ axes: [Int]) -> NDArray { x.max(axes: axes, keepdims: keepdims) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { plan.spread(gy) * weights(x: x.value, y: y.value) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Smallest elements over the given axes; see ``Extremum`` for the gradient and ties.
public final class Min: Extremum, UnaryGradient {
    /// `axes == nil` reduces every element.
    public override init(axes: [Int]? = nil, keepdims: Bool = false) { super.init(axes: axes, keepdims: keepdims) }
    override func reduce(_ x: NDArray, _ axes: [Int]) -> NDArray { x.min(axes: axes, keepdims: keepdims) }
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { plan.spread(gy) * weights(x: x.value, y: y.value) }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

// MARK: - Entry points

/// Sum of all elements of `x` (a 0-d variable, or all-ones shape with `keepdims`).
///
/// ```swift
/// let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]))
/// sum(x)                                 // variable(21.0)
/// sum(x, axis: -1)                       // variable([ 6. 15.])
/// sum(x, axes: [0], keepdims: true)      // variable([[5. 7. 9.]])
/// ```
public func sum(_ x: Variable, keepdims: Bool = false) -> Variable {
    Sum(axes: nil, keepdims: keepdims)(x)
}
/// Sum along `axis` (negative counts from the end).
public func sum(_ x: Variable, axis: Int, keepdims: Bool = false) -> Variable { sum(x, axes: [axis], keepdims: keepdims) }
/// Sum along several axes.
public func sum(_ x: Variable, axes: [Int], keepdims: Bool = false) -> Variable {
    Sum(axes: axes, keepdims: keepdims)(x)
}

/// Mean of all elements of `x`.
///
/// ```swift
/// mean(Variable([1.0, 2.0, 6.0]))   // variable(3.0)
/// ```
public func mean(_ x: Variable, keepdims: Bool = false) -> Variable {
    Mean(axes: nil, keepdims: keepdims)(x)
}
/// Mean along `axis` (negative counts from the end).
public func mean(_ x: Variable, axis: Int, keepdims: Bool = false) -> Variable { mean(x, axes: [axis], keepdims: keepdims) }
/// Mean along several axes.
public func mean(_ x: Variable, axes: [Int], keepdims: Bool = false) -> Variable {
    Mean(axes: axes, keepdims: keepdims)(x)
}

/// Largest element of `x`. (The labels keep these apart from `Swift.max(_:_:)` on numbers.)
///
/// ```swift
/// let x = Variable(NDArray([1, 5, 3, 2] as [Double], shape: [2, 2]))
/// max(x)                  // variable(5.0)
/// max(x, axis: -1)        // variable([5. 3.])
/// ```
public func max(_ x: Variable, keepdims: Bool = false) -> Variable {
    Max(axes: nil, keepdims: keepdims)(x)
}
/// Largest elements along `axis` (negative counts from the end).
public func max(_ x: Variable, axis: Int, keepdims: Bool = false) -> Variable { max(x, axes: [axis], keepdims: keepdims) }
/// Largest elements along several axes.
public func max(_ x: Variable, axes: [Int], keepdims: Bool = false) -> Variable {
    Max(axes: axes, keepdims: keepdims)(x)
}

/// Smallest element of `x`.
public func min(_ x: Variable, keepdims: Bool = false) -> Variable {
    Min(axes: nil, keepdims: keepdims)(x)
}
/// Smallest elements along `axis` (negative counts from the end).
public func min(_ x: Variable, axis: Int, keepdims: Bool = false) -> Variable { min(x, axes: [axis], keepdims: keepdims) }
/// Smallest elements along several axes.
public func min(_ x: Variable, axes: [Int], keepdims: Bool = false) -> Variable {
    Min(axes: axes, keepdims: keepdims)(x)
}

extension Variable {
    /// Sum of all elements; see ``sum(_:keepdims:)``.
    public func sum(keepdims: Bool = false) -> Variable { DeZero.sum(self, keepdims: keepdims) }
    /// Sum along `axis`: `x.sum(axis: 0, keepdims: true)`.
    public func sum(axis: Int, keepdims: Bool = false) -> Variable { DeZero.sum(self, axes: [axis], keepdims: keepdims) }
    /// Sum along several axes.
    public func sum(axes: [Int], keepdims: Bool = false) -> Variable { DeZero.sum(self, axes: axes, keepdims: keepdims) }

    /// Mean of all elements.
    public func mean(keepdims: Bool = false) -> Variable { DeZero.mean(self, keepdims: keepdims) }
    /// Mean along `axis`.
    public func mean(axis: Int, keepdims: Bool = false) -> Variable { DeZero.mean(self, axes: [axis], keepdims: keepdims) }
    /// Mean along several axes.
    public func mean(axes: [Int], keepdims: Bool = false) -> Variable { DeZero.mean(self, axes: axes, keepdims: keepdims) }

    /// Largest element.
    public func max(keepdims: Bool = false) -> Variable { DeZero.max(self, keepdims: keepdims) }
    /// Largest elements along `axis`.
    public func max(axis: Int, keepdims: Bool = false) -> Variable { DeZero.max(self, axes: [axis], keepdims: keepdims) }
    /// Largest elements along several axes.
    public func max(axes: [Int], keepdims: Bool = false) -> Variable { DeZero.max(self, axes: axes, keepdims: keepdims) }

    /// Smallest element.
    public func min(keepdims: Bool = false) -> Variable { DeZero.min(self, keepdims: keepdims) }
    /// Smallest elements along `axis`.
    public func min(axis: Int, keepdims: Bool = false) -> Variable { DeZero.min(self, axes: [axis], keepdims: keepdims) }
    /// Smallest elements along several axes.
    public func min(axes: [Int], keepdims: Bool = false) -> Variable { DeZero.min(self, axes: axes, keepdims: keepdims) }
}
