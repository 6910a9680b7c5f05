import DeZero

/// W3's network: conv 1→16 3×3 pad 1, ReLU, max-pool 2×2 stride 2, conv 16→32 3×3 pad 1,
/// ReLU, max-pool 2×2 stride 2, flatten, linear 1568 → 10.
private final class W3Net: Model {
    let conv1 = Conv2d(outChannels: 16, kernelSize: 3, pad: 1)
    let conv2 = Conv2d(outChannels: 32, kernelSize: 3, pad: 1)
    let fc = Linear(outSize: 10)

    override func forward(_ x: Variable) -> Variable {
        var h = pooling(relu(conv1(x)), kernelSize: 2, stride: 2)
        h = pooling(relu(conv2(h)), kernelSize: 2, stride: 2)
        return fc(h.reshape(h.shape[0], -1))
    }
}

/// W3 (../shared/bench/WORKLOADS.md): one training step of a small CNN on a fixed random
/// float32 batch 64×1×28×28 with random labels 0…9 — forward, softmax cross entropy,
/// backward, SGD (lr 0.01). Reports seconds per iteration over 20 iterations (one warm-up
/// run of 20, then 5 timed runs: median, min, max), and the forward / backward / update
/// split averaged over the timed iterations.
func runCNN() {
    var rng = RandomGenerator(seed: 0)
    let x = Variable(rng.uniform([64, 1, 28, 28], dtype: .float32))
    let t = Variable(rng.integers(0, 10, shape: [64]))
    let model = withRandomSource(seed: 0) { W3Net() }
    let optimizer = SGD(lr: 0.01).setup(model)
    var split = (forward: 0.0, backward: 0.0, update: 0.0)
    var lastLoss = 0.0

    func step() {
        let t0 = now()
        let loss = softmaxCrossEntropy(model(x), t)
        let t1 = now()
        model.clearGrads()
        loss.backward()
        let t2 = now()
        optimizer.update()
        let t3 = now()
        lastLoss = loss.item()
        split.forward += t1 - t0; split.backward += t2 - t1; split.update += t3 - t2
    }

    let iterations = 20, repeats = 5
    let runs = measure(repeats: repeats) { for _ in 0..<iterations { step() } }
    let perIteration = runs.map { $0 / Double(iterations) }
    let counted = Double(iterations * (repeats + 1))  // the warm-up run is in the split too
    emit(["workload": "cnn", "seconds_per_iteration": Summary(perIteration),
          "ms_per_iteration_split": ["forward": split.forward / counted * 1e3,
                                     "backward": split.backward / counted * 1e3,
                                     "update": split.update / counted * 1e3],
          "iterations": iterations, "repetitions": repeats, "final_loss": lastLoss,
          "blas": SystemBLAS.libraryName ?? "builtin", "peak_rss_mb": peakRSSMegabytes()])
}
