import Foundation
import DeZero

/// Workload "batchnorm": batch normalisation of float32 batches of shape (32, 64, 32, 32)
/// (image-like, 2M elements) and (256, 1024) (dense): the training forward alone (no graph),
/// forward and backward in training, and the test-mode forward. Compare with NumPy running
/// DeZero's `BatchNorm.forward`/`backward` on the same shapes.
func runBatchNorm() {
    for shape in [[32, 64, 32, 32], [256, 1024]] {
        var g = RandomGenerator(seed: 0)
        let c = shape[1]
        let x = Variable(g.normal(shape, dtype: .float32))
        let gamma = Variable(g.normal([c], dtype: .float32)), beta = Variable(g.normal([c], dtype: .float32))
        let w = g.normal(shape, dtype: .float32)
        var mean = NDArray.zeros([c], dtype: .float32), variance = NDArray.ones([c], dtype: .float32)
        let cases: [(String, () -> Void)] = [
            ("train_forward", { _ = withNoGrad { batchNorm(x, gamma, beta, runningMean: &mean, runningVar: &variance) } }),
            ("train_forward_backward", {
                let y = batchNorm(x, gamma, beta, runningMean: &mean, runningVar: &variance)
                // The output's gradient is set to w directly, so only batch norm's backward runs.
                y.grad = Variable(w)
                y.backward()
                for v in [x, gamma, beta] { v.clearGrad() }
            }),
            ("test_forward", { _ = withTestMode { withNoGrad { batchNorm(x, gamma, beta, runningMean: &mean, runningVar: &variance) } } }),
        ]
        for (name, body) in cases {
            let seconds = measure(repeats: 10, body)
            emit(["workload": "batchnorm", "case": name, "shape": shape, "dtype": "float32",
                  "ms": Summary(seconds.map { $0 * 1e3 })])
        }
    }
}
