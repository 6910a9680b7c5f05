// clip: limits values to an interval. The gradient passes only where the value was inside.

/// Each element of `x` limited to `[min, max]`.
public final class Clip: UnaryFunction {
    public let lower: Double, upper: Double
    public init(min: Double, max: Double) {
        dezeroCheck(min <= max, "clip: min \(min) is larger than max \(max)")
        lower = min
        upper = max
    }
    public override func forward(_ x: NDArray) -> NDArray { DeZeroArray.clip(x, min: lower, max: upper) }
    public override func backward(_ gy: Variable) -> Variable {
        let x = input.data
        let inside = (x .>= lower) .& (x .<= upper)
        return gy * Variable(inside.astype(gy.dtype))
    }
}

/// Each element of `x` limited to `[min, max]`; the gradient is 1 inside the interval
/// (bounds included) and 0 where the value was cut.
///
/// ```swift
/// clip(Variable([-2.0, 0.5, 3.0]), min: 0, max: 1)   // variable([0.  0.5 1. ])
/// ```
public func clip(_ x: Variable, min: Double, max: Double) -> Variable {
    apply(x, { Clip(min: min, max: max) }, direct: { DeZeroArray.clip($0, min: min, max: max) })
}
