// TEMPORARY — delete on merge with the tensor-function branch, and replace `_pendingLinear`
// in Linear.swift by `linear(x, W, b)`. A minimal 2-d matrix product and transpose so Linear
// can run before the real `matmul` / `linear` / `transpose` Variable functions land. Internal,
// so it cannot clash with their public names.

final class _PendingMatMul: BinaryFunction {
    override func forward(_ a: NDArray, _ b: NDArray) -> NDArray { DeZeroArray.matmul(a, b) }
    override func backward(_ gy: Variable) -> (Variable?, Variable?) {
        let (x, w) = operands
        return (_pendingMatmul(gy, _pendingTranspose(w)), _pendingMatmul(_pendingTranspose(x), gy))
    }
}

final class _PendingTranspose: UnaryFunction {
    override func forward(_ x: NDArray) -> NDArray { x.T }
    override func backward(_ gy: Variable) -> Variable { _pendingTranspose(gy) }
}

func _pendingMatmul(_ a: Variable, _ b: Variable) -> Variable {
    apply(a, b, _PendingMatMul.init, direct: { DeZeroArray.matmul($0, $1) })
}

func _pendingTranspose(_ x: Variable) -> Variable {
    apply(x, _PendingTranspose.init, direct: { $0.T })
}

func _pendingLinear(_ x: Variable, _ w: Variable, _ b: Variable?) -> Variable {
    let y = _pendingMatmul(x, w)
    guard let b else { return y }
    return y + b
}
