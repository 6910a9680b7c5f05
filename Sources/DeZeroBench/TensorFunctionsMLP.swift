import DeZero

/// W2's computation written with the tensor functions alone (no layers, no Adam): MLP
/// 784 → 1000 → 1000 → 10 with ReLU and softmax cross entropy, float32, batch 100, 100
/// iterations per epoch of (forward, clear grads, backward, plain SGD step). Reports seconds
/// per epoch and, for one iteration, the forward / backward / update split. Without Adam's
/// extra elementwise work it is a lower bound for W2, and shows what linear, relu and
/// softmaxCrossEntropy cost.
func runTensorFunctionsMLP() {
    var rng = RandomGenerator(seed: 0)
    let sizes = [784, 1000, 1000, 10]
    let data = rng.uniform([10_000, 784], dtype: .float32)
    let labels = rng.integers(0, 10, shape: [10_000])
    var params: [(W: Parameter, b: Parameter)] = []
    for (i, o) in zip(sizes, sizes.dropFirst()) {
        let W = Parameter(rng.normal([i, o], std: (1.0 / Double(i)).squareRoot(), dtype: .float32))
        params.append((W, Parameter(NDArray.zeros([o], dtype: .float32))))
    }
    let all = params.flatMap { [$0.W, $0.b] }
    var split = (forward: 0.0, backward: 0.0, update: 0.0)

    func step(_ k: Int) {
        let t0 = now()
        let x = Variable(data[(k * 100)..<(k * 100 + 100)])
        let t = Variable(labels[(k * 100)..<(k * 100 + 100)])
        var h = x
        for (j, p) in params.enumerated() {
            h = linear(h, p.W, p.b)
            if j < params.count - 1 { h = relu(h) }
        }
        let loss = softmaxCrossEntropy(h, t)
        let t1 = now()
        for p in all { p.clearGrad() }
        loss.backward()
        let t2 = now()
        for p in all { p.data -= 0.01 * p.grad!.data }
        let t3 = now()
        split.forward += t1 - t0; split.backward += t2 - t1; split.update += t3 - t2
    }

    let times = measure(repeats: 5) { for k in 0..<100 { step(k) } }
    // The same iteration's nine matrix products alone: the floor the functions add to.
    let x = data[0..<100]
    let products = measure(repeats: 5) {
        for _ in 0..<100 {
            var h = x, hs: [NDArray] = []
            for p in params { hs.append(h); h = matmul(h, p.W.data) }
            var g = NDArray.ones(h.shape, dtype: .float32)
            for (p, hin) in zip(params, hs).reversed() {
                _ = matmul(hin.T, g)
                g = matmul(g, p.W.data.T)
            }
        }
    }
    let iterations = 600.0   // warm-up epoch + 5 timed epochs
    emit(["workload": "tensorfn-mlp", "seconds_per_epoch": Summary(times),
          "samples_per_second": 10_000 / Summary(times).median,
          "ms_per_iteration": ["forward": split.forward / iterations * 1e3,
                               "backward": split.backward / iterations * 1e3,
                               "update": split.update / iterations * 1e3],
          "matmul_only_seconds_per_epoch": Summary(products),
          "peak_rss_mb": peakRSSMegabytes()])
}
