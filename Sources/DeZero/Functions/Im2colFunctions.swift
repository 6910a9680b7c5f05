// im2col and col2im as differentiable functions (DeZero's `F.im2col` / `F.col2im`). Each is
// the other's gradient: im2col copies every input element into the patches of the windows
// that cover it, and col2im sums those copies back.

/// Copies the windows of a batch of images into a patch array (see ``im2col(_:kernelSize:stride:pad:toMatrix:)-(Variable,Int,Int,Int,Bool)``).
public final class Im2col: WindowFunction {
    /// Whether the patches form a `(N·OH·OW, C·KH·KW)` matrix (else `(N, C, KH, KW, OH, OW)`).
    public let toMatrix: Bool

    /// The patches of `kernelSize` windows.
    public init(kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int), toMatrix: Bool) {
        self.toMatrix = toMatrix
        super.init(kernelSize: kernelSize, stride: stride, pad: pad)
    }

    public override func forward(_ x: NDArray) -> NDArray {
        DeZeroArray.im2col(x, kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: toMatrix)
    }

    public override func backward(_ gy: Variable) -> Variable {
        col2im(gy, inputShape: input.shape, kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: toMatrix)
    }
}

/// Sums a patch array back into images (see ``col2im(_:inputShape:kernelSize:stride:pad:toMatrix:)-(Variable,_,Int,Int,Int,Bool)``).
public final class Col2im: WindowFunction {
    /// The shape `(N, C, H, W)` of the images.
    public let inputShape: [Int]
    /// Whether the patches form a matrix; see ``Im2col/toMatrix``.
    public let toMatrix: Bool

    /// The sum of patches of `kernelSize` windows back into images of `inputShape`.
    public init(inputShape: [Int], kernelSize: (Int, Int), stride: (Int, Int), pad: (Int, Int), toMatrix: Bool) {
        self.inputShape = inputShape
        self.toMatrix = toMatrix
        super.init(kernelSize: kernelSize, stride: stride, pad: pad)
    }

    public override func forward(_ x: NDArray) -> NDArray {
        DeZeroArray.col2im(x, inputShape: inputShape, kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: toMatrix)
    }

    public override func backward(_ gy: Variable) -> Variable {
        im2col(gy, kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: toMatrix)
    }
}

/// Copies every `kernelSize` window of a batch of images `(N, C, H, W)` into a patch array
/// (DeZero's `F.im2col`): with `toMatrix`, `(N·OH·OW, C·KH·KW)` with one window per row, so
/// that a convolution is `linear(im2col(x, …), W)`; otherwise `(N, C, KH, KW, OH, OW)`.
/// Padding adds zeros. Its gradient is ``col2im(_:inputShape:kernelSize:stride:pad:toMatrix:)-(Variable,_,Int,Int,Int,Bool)``.
///
/// ```swift
/// let x = Variable(NDArray.ones([1, 3, 7, 7]))
/// let col = im2col(x, kernelSize: 5, stride: 1, pad: 0)   // (9, 75), as in the book's Step 57
/// ```
public func im2col(_ x: Variable, kernelSize: Int, stride: Int = 1, pad: Int = 0, toMatrix: Bool = true) -> Variable {
    im2col(x, kernelSize: (kernelSize, kernelSize), stride: (stride, stride), pad: (pad, pad), toMatrix: toMatrix)
}

/// ``im2col(_:kernelSize:stride:pad:toMatrix:)-(Variable,Int,Int,Int,Bool)`` with separate
/// heights and widths.
///
/// ```swift
/// let col = im2col(x, kernelSize: (2, 3), stride: (2, 1), pad: (0, 1))
/// ```
public func im2col(_ x: Variable, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0),
                   toMatrix: Bool = true) -> Variable {
    Im2col(kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: toMatrix)(x)
}

/// Sums a patch array back into images of `inputShape` `(N, C, H, W)` (DeZero's
/// `F.col2im`), the adjoint of ``im2col(_:kernelSize:stride:pad:toMatrix:)-(Variable,Int,Int,Int,Bool)``:
/// each pixel gets the sum of the patch entries copied from it. Its gradient is `im2col`.
///
/// ```swift
/// let img = col2im(col, inputShape: [1, 3, 7, 7], kernelSize: 5)
/// ```
public func col2im(_ x: Variable, inputShape: [Int], kernelSize: Int, stride: Int = 1, pad: Int = 0,
                   toMatrix: Bool = true) -> Variable {
    col2im(x, inputShape: inputShape, kernelSize: (kernelSize, kernelSize), stride: (stride, stride), pad: (pad, pad),
           toMatrix: toMatrix)
}

/// ``col2im(_:inputShape:kernelSize:stride:pad:toMatrix:)-(Variable,_,Int,Int,Int,Bool)`` with
/// separate heights and widths.
public func col2im(_ x: Variable, inputShape: [Int], kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                   pad: (Int, Int) = (0, 0), toMatrix: Bool = true) -> Variable {
    Col2im(inputShape: inputShape, kernelSize: kernelSize, stride: stride, pad: pad, toMatrix: toMatrix)(x)
}
