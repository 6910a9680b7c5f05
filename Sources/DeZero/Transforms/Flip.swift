/// Mirrors an image array left–right or upside down.
///
/// Works on the last two axes, so `(H, W)` and `(C, H, W)` arrays both flip. The result is a
/// view of the same memory with a negative stride (no copy).
///
/// ```swift
/// let x = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
/// Flip()(x)                     // [[3, 2, 1], [6, 5, 4]]
/// Flip(.vertical)(x)            // [[4, 5, 6], [1, 2, 3]]
/// ```
public struct Flip: ArrayTransform {
    /// Which way to mirror.
    ///
    /// ```swift
    /// let upsideDown = Flip(.vertical)
    /// ```
    public enum Direction: Sendable, Hashable {
        /// Left–right: reverses the width axis (the last one).
        case horizontal
        /// Upside down: reverses the height axis (the one before last).
        case vertical
    }

    /// The direction of the mirror.
    public let direction: Direction

    /// - Parameter direction: `.horizontal` (the default) or `.vertical`.
    public init(_ direction: Direction = .horizontal) { self.direction = direction }

    /// `x` mirrored along its last (horizontal) or second-to-last (vertical) axis, as a view.
    public func callAsFunction(_ x: NDArray) -> NDArray {
        checkImageArray(x, "Flip")
        let axis = direction == .horizontal ? x.ndim - 1 : x.ndim - 2
        let length = x.shape[axis]
        if length <= 1 { return x }
        var strides = x.strides
        strides[axis] = -strides[axis]
        // The first element of the result is the last one along `axis`.
        return x.view(shape: x.shape, strides: strides, offset: x.offset + (length - 1) * x.strides[axis])
    }
}

/// Mirrors an image left–right with probability `p`, and otherwise returns it unchanged — the
/// usual training-time augmentation (DeZero names it `RandomHorizontalFlip`).
///
/// The coin flips come from a ``RandomSource``, so a seeded source makes them reproducible;
/// without one they come from the library-wide generator. The source is locked for each draw,
/// so a transform may be shared by concurrent data loading.
///
/// ```swift
/// let flip = RandomHorizontalFlip(p: 0.5, source: RandomSource(seed: 0))
/// let ds = ArrayDataset(data: images, label: labels, transform: flip.asTransform)
/// ```
public struct RandomHorizontalFlip: ArrayTransform {
    /// The probability of flipping each image.
    public let p: Double
    /// Where the coin flips come from; `nil` for the library-wide generator.
    public let source: RandomSource?

    /// - Parameters:
    ///   - p: the probability of flipping each image, in [0, 1].
    ///   - source: where the coin flips come from; `nil` for the library-wide generator.
    public init(p: Double = 0.5, source: RandomSource? = nil) {
        dezeroCheck(p >= 0 && p <= 1, "RandomHorizontalFlip: p must be in [0, 1], got \(p)")
        self.p = p
        self.source = source
    }

    /// A transform with its own generator, seeded with `seed`.
    public init(p: Double = 0.5, seed: UInt64) { self.init(p: p, source: RandomSource(seed: seed)) }

    /// `x` mirrored left–right with probability ``p``, else `x` itself.
    public func callAsFunction(_ x: NDArray) -> NDArray {
        checkImageArray(x, "RandomHorizontalFlip")
        let u = RandomSource.draw(from: source) { $0.nextUnitDouble() }
        return u < p ? Flip(.horizontal)(x) : x
    }
}
