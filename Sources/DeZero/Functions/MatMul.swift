// Matrix products: matmul (NumPy's rules, batches included) and linear, the fused
// `x·W + b` of a fully connected layer. Transposes in the gradients are views, and the array
// matmul reads transposed operands in place, so backward copies no matrix.

/// The matrix product of two operands of at least two dimensions (leading batch dimensions
/// broadcast). ``matmul(_:_:)`` reshapes 1-D operands before calling it.
public final class MatMul: BinaryFunction, BinaryGradient {
    public override func forward(_ a: NDArray, _ b: NDArray) -> NDArray {
        dezeroCheck(a.ndim >= 2 && b.ndim >= 2,
                    "MatMul: operands need two dimensions or more, got shapes \(shapeDescription(a.shape)) and \(shapeDescription(b.shape)); matmul(_:_:) accepts vectors")
        return DeZeroArray.matmul(a, b)
    }
    // Batch dimensions that broadcast are summed back. A product for an operand that needs
    // no gradient (a data batch) is skipped.
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?) {
        (needsGradient(ofInput: 0) ? sumTo(matmul(gy, swapLastAxes(b)), shape: a.shape) : nil,
         needsGradient(ofInput: 1) ? sumTo(matmul(swapLastAxes(a), gy), shape: b.shape) : nil)
    }
    public override func backward(_ gy: Variable) -> (Variable?, Variable?) { differentiate(gy) }
}

/// The matrix product with NumPy's `matmul` rules: `(m, k)·(k, n) → (m, n)`; more
/// dimensions are stacks of matrices whose batch dimensions broadcast; a 1-D operand is a row
/// vector on the left or a column vector on the right, and that dimension is dropped from the
/// result. Runs on the system BLAS when there is one.
///
/// ```swift
/// let x = Variable(NDArray([[1, 2], [3, 4]] as [[Double]]))
/// let W = Variable(NDArray([[5, 6], [7, 8]] as [[Double]]))
/// let y = matmul(x, W)      // [[19, 22], [43, 50]]
/// y.backward()
/// W.grad!                   // xᵀ·1 = [[4, 4], [6, 6]]
/// ```
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
    if a.ndim >= 2 && b.ndim >= 2 {
        return MatMul()(a, b)
    }
    dezeroCheck(a.ndim >= 1 && b.ndim >= 1,
                "matmul: operands need at least one dimension, got shapes \(shapeDescription(a.shape)) and \(shapeDescription(b.shape))")
    // A vector becomes a one-row (left) or one-column (right) matrix, and its dimension is
    // removed afterwards, as NumPy does.
    let a2 = a.ndim == 1 ? reshape(a, [1, a.shape[0]]) : a
    let b2 = b.ndim == 1 ? reshape(b, [b.shape[0], 1]) : b
    let y = matmul(a2, b2)
    var shape = y.shape
    if b.ndim == 1 { shape.removeLast() }
    if a.ndim == 1 { shape.remove(at: shape.count - (b.ndim == 1 ? 1 : 2)) }
    return reshape(y, shape)
}

/// The fully connected map `x·W + b` of a linear layer, in one function: forward is one
/// matrix product plus the bias added in place; the gradients are `gy·Wᵀ`, `xᵀ·gy` and the
/// column sums of `gy`. DeZero's `Linear` function (the class is named for the affine map it
/// computes, because ``Linear`` is the layer).
public final class Affine: Function, GradientFormula {
    public override func forward(_ xs: [NDArray]) -> [NDArray] {
        let (x, W, b) = (xs[0], xs[1], xs.count > 2 ? xs[2] : nil)
        dezeroCheck(x.ndim == 2 && W.ndim == 2 && x.shape[1] == W.shape[0],
                    "linear: x of shape \(shapeDescription(x.shape)) and W of shape \(shapeDescription(W.shape)) do not align (need (N, in) and (in, out))")
        var y = DeZeroArray.matmul(x, W)
        guard let b else { return [y] }
        let out = W.shape[1]
        dezeroCheck(b.shape == [out] || b.shape == [1, out],
                    "linear: bias of shape \(shapeDescription(b.shape)) does not match output size \(out) (W has shape \(shapeDescription(W.shape)))")
        y += b   // y is fresh from matmul, so the bias is added in place
        return [y]
    }

    func gradient<T: Tensor>(_ gy: T, _ xs: [T]) -> [T?] {
        let (x, W) = (xs[0], xs[1])
        // The input batch of a first layer is data: its gradient gy·Wᵀ is not computed.
        let gx = needsGradient(ofInput: 0) ? matmul(gy, swapLastAxes(W)) : nil
        let gW = needsGradient(ofInput: 1) ? matmul(swapLastAxes(x), gy) : nil
        guard xs.count > 2 else { return [gx, gW] }
        return [gx, gW, needsGradient(ofInput: 2) ? sumTo(gy, shape: xs[2].shape) : nil]
    }

    public override func backward(_ gys: [Variable]) -> [Variable?] { differentiate(gys) }
}

/// The old name of ``Affine``.
@available(*, deprecated, renamed: "Affine")
public typealias LinearFunction = Affine

/// The affine map `x·W + b` of a fully connected layer: `x` is `(N, in)`, `W` is `(in, out)`,
/// `b` is `(out,)` or absent. One matrix product forward, two backward (on the system BLAS
/// when there is one), no copies of transposed matrices.
///
/// ```swift
/// let x = Variable(NDArray([[1, 2]] as [[Double]]))
/// let W = Variable(NDArray([[1, 0, 2], [0, 1, 3]] as [[Double]]))
/// let b = Variable([0.5, 0.5, 0.5])
/// linear(x, W, b)    // variable([[1.5 2.5 8.5]])
/// ```
public func linear(_ x: Variable, _ W: Variable, _ b: Variable? = nil) -> Variable {
    Affine()(b.map { [x, W, $0] } ?? [x, W])[0]
}
