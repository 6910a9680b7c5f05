import DeZero
import Foundation

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
/// split averaged over all iterations, the warm-up included.
func runCNN() {
    if ProcessInfo.processInfo.environment["DEZERO_BENCH_DETAIL"] == "1" { runCNNDetail() }
    var rng = RandomGenerator(seed: 0)
    let x = Variable(rng.uniform([64, 1, 28, 28], dtype: .float32), requiresGrad: false)  // data (no input gradient), as in PyTorch
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

/// With `DEZERO_BENCH_DETAIL=1`: the array-level steps of W3's two convolution layers and
/// their pooling, each timed alone (best of 30 runs, milliseconds), to see where an
/// iteration goes.
func runCNNDetail() {
    var rng = RandomGenerator(seed: 0)
    var steps: [String: Double] = [:]
    func time(_ name: String, _ body: () -> Void) {
        body()
        var best = Double.infinity
        for _ in 0..<30 {
            let t0 = now()
            body()
            best = Swift.min(best, now() - t0)
        }
        steps[name] = best * 1e3
    }
    for (layer, shape, oc) in [("conv1", [64, 1, 28, 28], 16), ("conv2", [64, 16, 14, 14], 32)] {
        let x = rng.uniform(shape, dtype: .float32)
        let w = rng.normal([oc, shape[1], 3, 3], dtype: .float32)
        let b = NDArray.zeros([oc], dtype: .float32)
        let g = ConvolutionKernels.convGeometry(x.shape, w.shape, b.shape, stride: (1, 1), pad: (1, 1))
        let y = ConvolutionKernels.convolve(x, weight: w, bias: b, geometry: g)
        time("\(layer).conv+bias") { _ = ConvolutionKernels.convolve(x, weight: w, bias: b, geometry: g) }
        time("\(layer).gW") { _ = ConvolutionKernels.weightGradient(x, outputGradient: y, geometry: g) }
        time("\(layer).gx") { _ = ConvolutionKernels.deconvolve(y, weight: w, bias: nil, geometry: g) }
        time("\(layer).gb") { _ = y.sum(axes: [0, 2, 3]) }
        time("\(layer).relu") { _ = maximum(y, 0.0) }
        time("\(layer).relu-backward") { _ = reluGradient(y, input: y) }
        let pg = ConvGeometry(op: "pooling", inputShape: y.shape, kernelSize: (2, 2), stride: (2, 2), pad: (0, 0))
        let (p, argmax) = PoolingKernels.maxPool(y, pg)
        time("\(layer).pool") { _ = PoolingKernels.maxPool(y, pg) }
        time("\(layer).pool-backward") { _ = PoolingKernels.maxPoolBackward(p, argmax: argmax, geometry: pg) }
    }
    emit(["workload": "cnn-detail", "best_ms": steps])
}
