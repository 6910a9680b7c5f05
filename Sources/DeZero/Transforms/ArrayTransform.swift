/// A transform of one example's array, written as a type (DeZero's `transforms` classes).
///
/// Each transform is a `Sendable` value with `callAsFunction`, so it can be applied directly,
/// chained with ``Compose``, and handed to a dataset's `transform:` as a ``Transform`` closure
/// through ``asTransform``:
///
/// ```swift
/// let prep = Compose([ToFloat(), Normalize(mean: 0.5, std: 0.5), Flatten()])
/// let y = prep(x)                                        // apply it yourself
/// let train = try MNIST(directory: dir, flatten: false, transform: prep.asTransform)
/// ```
///
/// Image transforms (``CenterCrop``, ``Resize``, ``Flip``) read an array's last two axes as
/// height and width, so they take `(H, W)` and `(C, H, W)` arrays (and any leading axes).
public protocol ArrayTransform: Sendable {
    /// Applies the transform to one array.
    func callAsFunction(_ x: NDArray) -> NDArray
}

extension ArrayTransform {
    /// This transform as a ``Transform`` closure, for a dataset's `transform:` argument.
    ///
    /// ```swift
    /// let ds = ArrayDataset(data: x, label: t, transform: Flatten().asTransform)
    /// ```
    public var asTransform: Transform {
        let transform = self
        return { transform($0) }
    }
}

/// Checks that `x` has the two image axes the spatial transforms work on.
func checkImageArray(_ x: NDArray, _ operation: String) {
    dezeroCheck(x.ndim >= 2,
                "\(operation): expected an image array of shape (H, W) or (C, H, W), got shape \(shapeDescription(x.shape))")
}
