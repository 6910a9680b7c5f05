// The book's "simple" functions (DeZero's `*_simple`). In the book each is first written from
// basic functions — sigmoid as `1 / (1 + exp(-x))`, softmax as `exp(x) / sum(exp(x))`, conv2d
// as im2col followed by a matrix product — and then replaced by a fused Function that saves
// memory and is numerically safer. Here the names exist so that the book's steps read as
// written; each calls the fused function, which computes the same value (to rounding) and the
// same gradient.

/// The book's `sigmoid_simple` (Step 43): the same as ``sigmoid(_:)``.
///
/// ```swift
/// sigmoidSimple(Variable(0.0))   // variable(0.5)
/// ```
public func sigmoidSimple(_ x: Variable) -> Variable { sigmoid(x) }

/// The book's `linear_simple` (Step 43): `matmul(x, W) + b`, the same as ``linear(_:_:_:)``.
///
/// ```swift
/// let y = linearSimple(x, W, b)   // x: (N, I), W: (I, O), b: (O,) → (N, O)
/// ```
public func linearSimple(_ x: Variable, _ W: Variable, _ b: Variable? = nil) -> Variable { linear(x, W, b) }

/// The book's `softmax_simple` (Step 47): `exp(x) / Σ exp(x)` along `axis`, the same as
/// ``softmax(_:axis:)`` (which also subtracts the maximum first, so large inputs cannot overflow).
///
/// ```swift
/// softmaxSimple(Variable([[0.0, 0.0]]))   // variable([[0.5 0.5]])
/// ```
public func softmaxSimple(_ x: Variable, axis: Int = 1) -> Variable { softmax(x, axis: axis) }

/// The book's `mean_squared_error_simple` (Step 42): the same as ``meanSquaredError(_:_:)``.
///
/// ```swift
/// meanSquaredErrorSimple(Variable([1.0, 3.0]), Variable([0.0, 0.0]))   // variable(5.0)
/// ```
public func meanSquaredErrorSimple(_ x0: Variable, _ x1: Variable) -> Variable { meanSquaredError(x0, x1) }

/// The book's `softmax_cross_entropy_simple` (Step 47): `−mean log softmax(x)[t]`, the same
/// as ``softmaxCrossEntropy(_:_:)`` (the book's version clips probabilities at 1e-15; the fused
/// one works from the logits and needs no clipping).
///
/// ```swift
/// softmaxCrossEntropySimple(Variable([[0.0, 0.0]]), Variable([1]))   // variable(0.6931471805599453)
/// ```
public func softmaxCrossEntropySimple(_ x: Variable, _ t: Variable) -> Variable { softmaxCrossEntropy(x, t) }

/// The book's `conv2d_simple` (Step 57): im2col, then one matrix product; the same as
/// `conv2d(x, W, b, stride:pad:)`.
///
/// ```swift
/// let y = conv2dSimple(x, W, b: nil, stride: 1, pad: 1)   // the book's F.conv2d_simple(x, W, b=None, stride=1, pad=1)
/// ```
public func conv2dSimple(_ x: Variable, _ W: Variable, b: Variable? = nil, stride: Int = 1, pad: Int = 0) -> Variable {
    conv2d(x, W, b, stride: stride, pad: pad)
}

/// The book's `pooling_simple` (Step 57): max pooling, the same as ``pooling(_:kernelSize:stride:pad:)-(_,Int,Int,Int)``.
///
/// ```swift
/// let y = poolingSimple(x, kernelSize: 2, stride: 2)   // (N, C, H, W) → (N, C, H/2, W/2)
/// ```
public func poolingSimple(_ x: Variable, kernelSize: Int, stride: Int = 1, pad: Int = 0) -> Variable {
    pooling(x, kernelSize: kernelSize, stride: stride, pad: pad)
}
