// accuracy: the fraction of correct predictions. A metric, not a loss: it has no gradient.

/// The fraction of rows of `y` (scores of shape `(N, C)`) whose largest score is at the label
/// in `t` (int64, shape `(N,)` or `(N, 1)`), as a float64 scalar variable with no creator.
/// Where a row's largest score is tied, the first of the tied classes is the prediction.
///
/// ```swift
/// let y = Variable(NDArray([[0.2, 0.8, 0.0], [0.1, 0.9, 0.0], [0.8, 0.1, 0.1]] as [[Double]]))
/// let t = Variable(NDArray([1, 2, 0]))
/// accuracy(y, t)   // variable(0.6666666666666666): rows 0 and 2 are right
/// ```
public func accuracy(_ y: Variable, _ t: Variable) -> Variable {
    let shapes = "scores of shape \(shapeDescription(y.shape)), labels of shape \(shapeDescription(t.shape))"
    dezeroCheck(y.ndim == 2, "accuracy: scores must be (N, C), got \(shapes)")
    dezeroCheck(t.dtype == .int64, "accuracy: labels must be int64, got \(t.dtype) (\(shapes))")
    let n = y.shape[0]
    dezeroCheck(t.shape == [n] || t.shape == [n, 1],
                "accuracy: need one label per row, (\(n),) or (\(n), 1); got \(shapes)")
    let predicted = y.data.argmax(axis: 1).reshape(t.shape)
    return Variable((predicted .== t.data).astype(.float64).mean())
}
