/// Reshapes an array to one dimension, in row-major order (DeZero's `Flatten`): an MNIST image
/// of shape `(1, 28, 28)` becomes `(784,)` for an MLP.
///
/// ```swift
/// Flatten()(NDArray.zeros([1, 28, 28])).shape   // [784]
/// ```
public struct Flatten: ArrayTransform {
    /// The flattening transform.
    public init() {}

    /// `x` as one dimension, row-major.
    public func callAsFunction(_ x: NDArray) -> NDArray { x.flatten() }
}
