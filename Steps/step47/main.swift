// Step 47: softmax and cross entropy. A two-layer MLP maps 2-d points to three class scores;
// softmax turns them into probabilities, and the cross-entropy loss of four labelled points
// is differentiated.
//
// Run: swift run step47
//
// Swift differences:
// - `np.random.seed(0)` is a current `RandomSource.numpy(seed: 0)`, from which the MLP draws
//   its weights as DeZero does, so the printed scores are the book's.
// - The book adds `softmax_simple` and `softmax_cross_entropy_simple` to dezero/functions.py;
//   the library has the fused `softmax` and `softmaxCrossEntropy` instead, so the simple
//   versions are written here, built from other functions as in the book.
// - `log_p[np.arange(N), t.data]` is a subscript with two index arrays, `logP[[.array(…), .array(…)]]`.
import DeZero

func softmax1d(_ x: Variable) -> Variable {
    let y = exp(x)
    let sumY = sum(y)
    return y / sumY
}

func softmaxSimple(_ x: Variable, axis: Int = 1) -> Variable {
    let y = exp(x)
    let sumY = sum(y, axis: axis, keepdims: true)
    return y / sumY
}

func softmaxCrossEntropySimple(_ x: Variable, _ t: Variable) -> Variable {
    let n = x.shape[0]
    var p = softmax(x)
    p = clip(p, min: 1e-15, max: 1.0)  // to avoid log(0)
    let logP = log(p)
    let tlogP = logP[[.array(NDArray(Array(0..<n))), .array(t.data)]]
    return -1 * sum(tlogP) / n
}

withRandomSource(.numpy(seed: 0)) {
    let model = MLP([10, 3])

    var x = Variable(NDArray([[0.2, -0.4]] as [[Double]]))
    var y = model(x)
    var p = softmax1d(y)
    print(y)
    print(p)

    x = Variable(NDArray([[0.2, -0.4], [0.3, 0.5], [1.3, -3.2], [2.1, 0.3]] as [[Double]]))
    let t = Variable(NDArray([2, 0, 1, 0]))

    y = model(x)
    p = softmaxSimple(y)
    print(y)
    print(p)

    let loss = softmaxCrossEntropySimple(y, t)
    loss.backward()
    print(loss)
}
