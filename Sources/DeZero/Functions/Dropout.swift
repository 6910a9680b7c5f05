// Dropout (the book's Step 54), in its "inverted" form: training multiplies each element by
// 0 or 1 / (1 − ratio), so the expected value is unchanged and inference needs no rescaling.

/// Multiplies its input by a fixed array: the kept elements' scale `1 / (1 − ratio)` or `0`.
///
/// The mask is drawn before the function is made (``dropout(_:dropoutRatio:)`` does that), so
/// the function itself is deterministic: its gradient is the same mask times the incoming
/// gradient, and a test can build one with a mask of its choosing.
///
/// ```swift
/// let mask = NDArray([2, 0, 2] as [Double])               // ratio 0.5: kept elements × 2
/// let y = Dropout(scaledMask: mask)(Variable([1.0, 2.0, 3.0]))   // [2, 0, 6]
/// ```
public final class Dropout: UnaryFunction, UnaryGradient {
    /// 0 where an element is dropped, `1 / (1 − ratio)` where it is kept.
    public let scaledMask: NDArray

    /// Multiplication by `scaledMask`.
    public init(scaledMask: NDArray) { self.scaledMask = scaledMask }

    public override func forward(_ x: NDArray) -> NDArray {
        dezeroCheck(x.shape == scaledMask.shape,
                    "dropout: input of shape \(shapeDescription(x.shape)) does not match mask of shape \(shapeDescription(scaledMask.shape))")
        return x * scaledMask
    }

    // The mask is a constant, so the gradient is linear in gy and differentiates again.
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T { gy * scaledMask }
    public override func backward(_ gy: Variable) -> Variable { differentiate(gy) }

    /// A mask of `shape` and `dtype`: each element is kept (set to `1 / (1 − ratio)`) when a
    /// uniform draw in [0, 1) exceeds `ratio`, as DeZero's `np.random.rand(*x.shape) > ratio`
    /// (with a NumPy ``RandomSource``, exactly those draws).
    static func drawMask(shape: [Int], dtype: DType, ratio: Double, from source: RandomSource?) -> NDArray {
        let scale = 1 / (1 - ratio)
        return RandomSource.draw(from: source) { engine in
            switch dtype {
            case .float32: return fill(Float.self, shape, ratio, scale, &engine)
            default: return fill(Double.self, shape, ratio, scale, &engine)
            }
        }
    }

    private static func fill<T: NDFloat>(_ type: T.Type, _ shape: [Int], _ ratio: Double, _ scale: Double,
                                         _ engine: inout RandomEngine) -> NDArray {
        let kept = T(scale)
        if engine.numpy != nil {
            return NDArray.make(T.self, shape: shape) { buf in
                for i in 0..<buf.count { buf[i] = engine.numpy!.random() > ratio ? kept : 0 }
            }
        }
        // A local copy keeps the generator's state in registers for the loop.
        var g = engine.library
        let mask = NDArray.make(T.self, shape: shape) { buf in
            for i in 0..<buf.count { buf[i] = g.nextDouble() > ratio ? kept : 0 }
        }
        engine.library = g
        return mask
    }
}

/// Randomly zeroes elements of `x` with probability `dropoutRatio` in training, scaling the
/// rest by `1 / (1 − dropoutRatio)`; in test mode (``withTestMode(_:)-(()->R)``) returns `x`
/// unchanged. DeZero's `F.dropout`.
///
/// The random numbers come from the current ``RandomSource`` (``withRandomSource(_:_:)``) when
/// one is set, else from the library-wide generator — so a seeded scope makes it reproducible:
///
/// ```swift
/// let x = Variable(NDArray.ones([2, 5], dtype: .float32))
/// let y = withRandomSource(seed: 0) { dropout(x) }     // each element 0 or 2
/// let z = withTestMode { dropout(x) }                  // z === x
/// ```
///
/// - Parameter x: the input.
/// - Parameter dropoutRatio: the probability of dropping an element, in [0, 1).
public func dropout(_ x: Variable, dropoutRatio: Double = 0.5) -> Variable {
    dezeroCheck(dropoutRatio >= 0 && dropoutRatio < 1,
                "dropout: dropoutRatio must be in [0, 1), got \(dropoutRatio)")
    guard Config.train else { return x }
    dezeroCheck(x.dtype.isFloatingPoint, "dropout: input must be float32 or float64, got \(x.dtype)")
    let mask = Dropout.drawMask(shape: x.shape, dtype: x.dtype, ratio: dropoutRatio, from: RandomSource.current)
    return Dropout(scaledMask: mask)(x)
}
