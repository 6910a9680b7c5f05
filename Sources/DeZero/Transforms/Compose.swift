/// Several transforms applied one after another, in order (DeZero's `Compose`).
///
/// ```swift
/// let f = Compose([ToFloat(), Normalize(mean: 127.5, std: 127.5), Flatten()])
/// let y = f(image)        // Flatten()(Normalize(…)(ToFloat()(image)))
/// let ds = ArrayDataset(data: images, label: labels, transform: f.asTransform)
/// ```
///
/// An empty list is the identity.
public struct Compose: ArrayTransform {
    /// The steps, in the order they run.
    public let transforms: [Transform]

    /// Chains transform values.
    public init(_ transforms: [any ArrayTransform]) {
        self.transforms = transforms.map(\.asTransform)
    }

    /// Chains ``Transform`` closures (your own functions, say).
    ///
    /// ```swift
    /// let f = Compose(functions: [{ $0 * 2 }, Flatten().asTransform])
    /// ```
    public init(functions: [Transform]) {
        self.transforms = functions
    }

    /// `x` through each transform in turn.
    public func callAsFunction(_ x: NDArray) -> NDArray {
        transforms.reduce(x) { y, f in f(y) }
    }
}
