// im2col and col2im on arrays, in DeZero's two layouts: the patch tensor
// (N, C, KH, KW, OH, OW), or the matrix (N·OH·OW, C·KH·KW) with one window per row.

/// Copies every `kernelSize` window of a batch of images into a patch array
/// (DeZero's `im2col_array`).
///
/// `x` has shape `(N, C, H, W)`; the windows step by `stride` over the image padded with
/// `pad` zeros on each side. With `toMatrix` the result is `(N·OH·OW, C·KH·KW)`, one window
/// per row (so a convolution is one matrix product); otherwise `(N, C, KH, KW, OH, OW)`.
/// Any dtype.
///
/// ```swift
/// let x = NDArray((0..<16).map(Float.init), shape: [1, 1, 4, 4])
/// let col = im2col(x, kernelSize: (2, 2), stride: (2, 2))   // (4, 4): one 2×2 block per row
/// ```
///
/// - Note: Stops with a message when `x` is not 4-d, a size is not positive (pad: negative)
///   or the window is larger than the padded image.
public func im2col(_ x: NDArray, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0),
                   toMatrix: Bool = true) -> NDArray {
    let g = ConvGeometry(op: "im2col", inputShape: x.shape, kernelSize: kernelSize, stride: stride, pad: pad)
    let patches = Patches.columns(of: x, g, .imageMajor(g),
                                  shape: [g.batch, g.channels, g.kernelHeight, g.kernelWidth, g.outHeight, g.outWidth])
    guard toMatrix else { return patches }
    return patches.transpose(0, 4, 5, 1, 2, 3).contiguousCopy().reshape([g.batch * g.outPlaneSize, g.patchSize])
}

/// Sums a patch array back into an image: the adjoint of ``im2col(_:kernelSize:stride:pad:toMatrix:)``
/// (DeZero's `col2im_array`). Each element of the result is the sum of every patch entry
/// that was copied from it; entries that lie in the padding are dropped.
///
/// `col` has the shape `im2col` gives for an input of `inputShape` `(N, C, H, W)`: with
/// `toMatrix`, `(N·OH·OW, C·KH·KW)`, else `(N, C, KH, KW, OH, OW)`. float32 or float64.
///
/// ```swift
/// let ones = NDArray.ones([1, 1, 2, 2, 3, 3])
/// col2im(ones, inputShape: [1, 1, 4, 4], kernelSize: (2, 2), toMatrix: false)
/// // each pixel counts the 2×2 windows it lies in: corners 1, edges 2, centre 4
/// ```
///
/// - Note: Stops with a message when `col` does not have the shape those sizes give.
public func col2im(_ col: NDArray, inputShape: [Int], kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                   pad: (Int, Int) = (0, 0), toMatrix: Bool = true) -> NDArray {
    let g = ConvGeometry(op: "col2im", inputShape: inputShape, kernelSize: kernelSize, stride: stride, pad: pad)
    let tensorShape = [g.batch, g.channels, g.kernelHeight, g.kernelWidth, g.outHeight, g.outWidth]
    let patches: NDArray
    if toMatrix {
        let expected = [g.batch * g.outPlaneSize, g.patchSize]
        dezeroCheck(col.shape == expected,
                    "col2im: col of shape \(shapeDescription(col.shape)) does not match \(shapeDescription(expected)) for input shape \(shapeDescription(inputShape)), kernel \(pairDescription(kernelSize)), stride \(pairDescription(stride)), pad \(pairDescription(pad))")
        patches = col.reshape([g.batch, g.outHeight, g.outWidth, g.channels, g.kernelHeight, g.kernelWidth])
            .transpose(0, 3, 4, 5, 1, 2)
    } else {
        dezeroCheck(col.shape == tensorShape,
                    "col2im: col of shape \(shapeDescription(col.shape)) does not match \(shapeDescription(tensorShape)) for input shape \(shapeDescription(inputShape)), kernel \(pairDescription(kernelSize)), stride \(pairDescription(stride)), pad \(pairDescription(pad))")
        patches = col
    }
    return Patches.image(from: patches, g, .imageMajor(g), op: "col2im")
}
