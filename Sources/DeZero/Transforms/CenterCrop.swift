/// Cuts the central `height × width` window out of an image array (DeZero's `CenterCrop`).
///
/// Works on the last two axes, so `(H, W)` and `(C, H, W)` arrays both crop. The window starts
/// at row `⌊(H − height) / 2⌋` and column `⌊(W − width) / 2⌋`, as PIL's crop in DeZero does: an
/// odd margin leaves the extra row or column at the bottom and right. A window larger than the
/// image is padded with zeros, as PIL pads a crop that reaches outside the picture.
///
/// ```swift
/// let x = NDArray((0..<25).map(Double.init), shape: [5, 5])
/// CenterCrop(3)(x)                        // rows 1…3, columns 1…3: [[6, 7, 8], [11, 12, 13], [16, 17, 18]]
/// CenterCrop(height: 2, width: 4)(x)      // rows 1…2, columns 0…3
/// ```
///
/// A crop inside the image is a view of its memory (no copy).
public struct CenterCrop: ArrayTransform {
    /// Output height.
    public let height: Int
    /// Output width.
    public let width: Int

    /// A square `size × size` crop.
    public init(_ size: Int) { self.init(height: size, width: size) }

    /// A `height × width` crop.
    public init(height: Int, width: Int) {
        dezeroCheck(height > 0 && width > 0, "CenterCrop: size must be positive, got \(height) x \(width)")
        self.height = height
        self.width = width
    }

    /// The central window of `x`'s last two axes, padded with zeros where it reaches outside.
    public func callAsFunction(_ x: NDArray) -> NDArray {
        checkImageArray(x, "CenterCrop")
        let n = x.ndim, h = x.shape[n - 2], w = x.shape[n - 1]
        let top = floorHalf(h - height), left = floorHalf(w - width)
        if top >= 0 && left >= 0 { return window(x, top: top, left: left) }
        // Reaching outside: pad just enough zeros on each side, then crop inside the result.
        let padTop = max(0, -top), padLeft = max(0, -left)
        let padBottom = max(0, top + height - h), padRight = max(0, left + width - w)
        let widths = Array(repeating: (0, 0), count: n - 2) + [(padTop, padBottom), (padLeft, padRight)]
        return window(pad(x, widths), top: top + padTop, left: left + padLeft)
    }

    /// `⌊d / 2⌋`, rounding down for negative `d` too (Python's `//`).
    private func floorHalf(_ d: Int) -> Int { d >= 0 ? d / 2 : -((-d + 1) / 2) }

    /// The `height × width` window at (`top`, `left`) of the last two axes, as a view.
    private func window(_ x: NDArray, top: Int, left: Int) -> NDArray {
        let n = x.ndim
        var shape = x.shape
        shape[n - 2] = height
        shape[n - 1] = width
        let offset = x.offset + top * x.strides[n - 2] + left * x.strides[n - 1]
        return x.view(shape: shape, strides: x.strides, offset: offset)
    }
}
