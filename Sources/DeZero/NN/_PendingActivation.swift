// TEMPORARY — delete on merge with the tensor-function branch, and replace `_pendingSigmoid`
// (MLP's default activation) by `sigmoid`. Internal, so it cannot clash with the public
// `sigmoid`; @usableFromInline because a public default argument refers to it.

final class _PendingSigmoid: UnaryFunction {
    override func forward(_ x: NDArray) -> NDArray { DeZeroArray.tanh(x * 0.5) * 0.5 + 0.5 }
    override func backward(_ gy: Variable) -> Variable {
        guard let y = output else { dezeroFailure("_PendingSigmoid: output is gone") }
        return gy * y * (1 - y)
    }
}

@usableFromInline
func _pendingSigmoid(_ x: Variable) -> Variable {
    apply(x, _PendingSigmoid.init, direct: { DeZeroArray.tanh($0 * 0.5) * 0.5 + 0.5 })
}
