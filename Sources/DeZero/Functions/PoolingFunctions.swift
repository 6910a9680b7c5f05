// Max and average pooling as differentiable functions (DeZero's `F.pooling` and
// `F.average_pooling`). Each gradient is itself a function whose gradient is the first one
// again, so pooling can be differentiated any number of times:
//   max:     MaxPooling → MaxPoolingGrad (scatter to the argmax) ⇄ MaxPoolingWithIndices (gather)
//   average: AveragePooling ⇄ AveragePoolingGrad (spread over the window)
// Padding zeros take part in the windows, as in DeZero (whose pooling runs on im2col patches).
// Unlike the Python original, average pooling works with non-square kernels.

/// The maximum of each window (DeZero's `Pooling`). Keeps where each maximum was.
public final class MaxPooling: WindowFunction {
    @exclusivity(unchecked) private var geometry: ConvGeometry?
    @exclusivity(unchecked) private var argmax = NDArray(0.0)

    public override func forward(_ x: NDArray) -> NDArray {
        let g = windowGeometry(x.shape, op: "pooling")
        let (y, positions) = PoolingKernels.maxPool(x, g)
        geometry = g
        argmax = positions
        return y
    }

    public override func backward(_ gy: Variable) -> Variable {
        guard let geometry else { dezeroFailure("MaxPooling: backward before forward") }
        return MaxPoolingGrad(geometry, argmax)(gy)
    }
}

/// The pair of functions that move values between a max pooling's windows and their recorded
/// maxima; each is the other's gradient.
class ArgmaxRouting: UnaryFunction {
    let geometry: ConvGeometry
    let argmax: NDArray

    init(_ geometry: ConvGeometry, _ argmax: NDArray) {
        self.geometry = geometry
        self.argmax = argmax
    }
}

/// The gradient of max pooling: each output gradient sent to its window's maximum
/// (DeZero's `Pooling2DGrad`).
final class MaxPoolingGrad: ArgmaxRouting {
    public override func forward(_ gy: NDArray) -> NDArray {
        PoolingKernels.maxPoolBackward(gy, argmax: argmax, geometry: geometry)
    }
    public override func backward(_ ggx: Variable) -> Variable { MaxPoolingWithIndices(geometry, argmax)(ggx) }
}

/// Each window's element at the recorded maximum (DeZero's `Pooling2DWithIndexes`): the
/// gradient of ``MaxPoolingGrad``.
final class MaxPoolingWithIndices: ArgmaxRouting {
    public override func forward(_ x: NDArray) -> NDArray {
        PoolingKernels.gatherAtArgmax(x, argmax: argmax, geometry: geometry)
    }
    public override func backward(_ gy: Variable) -> Variable { MaxPoolingGrad(geometry, argmax)(gy) }
}

/// The mean of each window, padding zeros included (DeZero's `AveragePooling`).
public final class AveragePooling: WindowFunction {
    public override func forward(_ x: NDArray) -> NDArray {
        PoolingKernels.averagePool(x, windowGeometry(x.shape, op: "averagePooling"))
    }
    public override func backward(_ gy: Variable) -> Variable {
        AveragePoolingGrad(windowGeometry(input.shape, op: "averagePooling"))(gy)
    }
}

/// The gradient of average pooling: each output gradient divided by KH·KW and spread over
/// its window. Its own gradient is average pooling.
final class AveragePoolingGrad: UnaryFunction {
    let geometry: ConvGeometry

    init(_ geometry: ConvGeometry) { self.geometry = geometry }

    public override func forward(_ gy: NDArray) -> NDArray {
        PoolingKernels.averagePoolBackward(gy, geometry: geometry)
    }

    public override func backward(_ ggx: Variable) -> Variable {
        averagePooling(ggx, kernelSize: geometry.kernelSize, stride: geometry.stride, pad: geometry.pad)
    }
}

// MARK: - Public entry points

/// Max pooling (DeZero's `F.pooling`): the largest element of each `kernelSize` window of a
/// batch of images `(N, C, H, W)`, stepping by `stride`, over the image padded with `pad`
/// zeros (which take part, as in DeZero). Result `(N, C, OH, OW)`. The gradient goes to the
/// first maximal element of each window.
///
/// ```swift
/// let x = Variable(NDArray((0..<16).map(Float.init), shape: [1, 1, 4, 4]))
/// let y = pooling(x, kernelSize: 2, stride: 2)     // [[5, 7], [13, 15]]
/// ```
public func pooling(_ x: Variable, kernelSize: Int, stride: Int = 1, pad: Int = 0) -> Variable {
    pooling(x, kernelSize: (kernelSize, kernelSize), stride: (stride, stride), pad: (pad, pad))
}

/// ``pooling(_:kernelSize:stride:pad:)-(Variable,Int,Int,Int)`` with separate heights and widths.
///
/// ```swift
/// let y = pooling(x, kernelSize: (2, 3), stride: (2, 1))
/// ```
public func pooling(_ x: Variable, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0)) -> Variable {
    MaxPooling(kernelSize: kernelSize, stride: stride, pad: pad)(x)
}

/// Average pooling (DeZero's `F.average_pooling`): the mean of each `kernelSize` window of a
/// batch of images `(N, C, H, W)`, padding zeros included. Result `(N, C, OH, OW)`.
///
/// ```swift
/// let x = Variable(NDArray((0..<16).map(Float.init), shape: [1, 1, 4, 4]))
/// let y = averagePooling(x, kernelSize: 2, stride: 2)   // [[2.5, 4.5], [10.5, 12.5]]
/// ```
public func averagePooling(_ x: Variable, kernelSize: Int, stride: Int = 1, pad: Int = 0) -> Variable {
    averagePooling(x, kernelSize: (kernelSize, kernelSize), stride: (stride, stride), pad: (pad, pad))
}

/// ``averagePooling(_:kernelSize:stride:pad:)-(Variable,Int,Int,Int)`` with separate heights
/// and widths (non-square windows work, unlike in the Python DeZero).
public func averagePooling(_ x: Variable, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                           pad: (Int, Int) = (0, 0)) -> Variable {
    AveragePooling(kernelSize: kernelSize, stride: stride, pad: pad)(x)
}
