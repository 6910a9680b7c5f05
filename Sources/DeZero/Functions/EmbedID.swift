// Embedding lookup: DeZero's `F.embed_id`, which is `W[ids]`. Written on top of indexing, whose
// gradient already scatters back with repeated indices adding up (NumPy's `np.add.at`).

/// The rows of `W` picked by the integer ids in `ids`: the result has shape
/// `ids.shape + [W.shape[1]]`. The gradient flows to `W` only; a row picked several times
/// receives the sum of its gradients. DeZero's `F.embed_id`.
///
/// ```swift
/// let W = Variable(NDArray([[0, 1], [10, 11], [20, 21]] as [[Double]]))   // 3 ids, 2 features
/// let ids = Variable(NDArray([2, 0, 2], shape: [3]))
/// let y = embedID(ids, W)      // [[20, 21], [0, 1], [20, 21]]
/// y.backward()
/// W.grad!                      // [[1, 1], [0, 0], [2, 2]]
/// ```
public func embedID(_ ids: Variable, _ W: Variable) -> Variable {
    dezeroCheck(ids.dtype == .int64,
                "embedID: ids must be int64, got \(ids.dtype) of shape \(shapeDescription(ids.shape))")
    dezeroCheck(W.ndim == 2,
                "embedID: W must be a matrix (inSize, outSize), got shape \(shapeDescription(W.shape))")
    return getItem(W, [.array(ids.data)])
}
