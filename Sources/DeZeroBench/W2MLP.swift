import DeZero

/// W2 mlp: MLP 784-1000-1000-10 with ReLU, softmax cross entropy, Adam (lr 0.001), float32,
/// batch 100, one epoch of 10,000 synthetic samples in a fixed order (WORKLOADS.md).
func runMLP() {
    var generator = RandomGenerator(seed: 0)
    let x = generator.uniform([10_000, 784], dtype: .float32)
    let t = generator.integers(0, 10, shape: [10_000])
    let model = withRandomSource(seed: 0) { MLP([1000, 1000, 10], activation: relu) }
    let optimizer = Adam(lr: 0.001).setup(model)
    let batches = (0..<100).map { i in (x[i * 100 ..< (i + 1) * 100], t[i * 100 ..< (i + 1) * 100]) }
    var lastLoss = 0.0
    let epoch = {
        for (xb, tb) in batches {
            let loss = softmaxCrossEntropy(model(Variable(xb, requiresGrad: false)), Variable(tb, requiresGrad: false))
            model.clearGrads()
            loss.backward()
            optimizer.update()
            lastLoss = loss.item()
        }
    }
    let times = measure(repeats: 5, epoch)
    let seconds = Summary(times)
    emit(["workload": "mlp", "seconds_per_epoch": seconds, "samples_per_second": 10_000 / seconds.median,
          "peak_rss_mb": peakRSSMegabytes(), "last_loss": lastLoss,
          "matmul_backend": "\(MatmulBackend.automaticChoice)"])
}
