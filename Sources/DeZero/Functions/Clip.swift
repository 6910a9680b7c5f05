// clip: limits values to an interval. The gradient passes only where the value was inside.

/// Each element of `x` limited to `[min, max]`.
public final class Clip: UnaryFunction, UnaryGradient {
    /// The bounds of the interval.
    public let lower: Double, upper: Double
    /// Clipping to `[min, max]`.
    public init(min: Double, max: Double) {
        dezeroCheck(min <= max, "clip: min \(min) is larger than max \(max)")
        lower = min
        upper = max
    }
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.clip(x, min: lower, max: upper) }
    // A constant mask: 1 inside the interval (bounds included), 0 where the value was cut.
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T {
        gy * ((x.value .>= lower) .& (x.value .<= upper)).astype(gy.dtype)
    }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }
}

/// Each element of `x` limited to `[min, max]`; the gradient is 1 inside the interval
/// (bounds included) and 0 where the value was cut.
///
/// ```swift
/// clip(Variable([-2.0, 0.5, 3.0]), min: 0, max: 1)   // variable([0.  0.5 1. ])
/// ```
public func clip(_ x: Variable, min: Double, max: Double) -> Variable {
    Clip(min: min, max: max)(x)
}
