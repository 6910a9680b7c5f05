import Foundation
import DeZero

/// Workload "optimizer": one `update()` of each optimizer over the parameters of W2's MLP
/// (784 → 1000 → 1000 → 10, float32, 1,796,010 parameters), with fixed random gradients.
/// Also times Adam written with NDArray operators (the temporaries a NumPy version makes),
/// the cost the fused kernels avoid. Compare with PyTorch: `torch.optim.Adam(...).step()`
/// (foreach implementation) over the same shapes.
func optimizerWorkload() {
    let model = withRandomSource(seed: 0) { MLP([1000, 1000, 10]) }
    _ = withNoGrad { model(NDArray.zeros([1, 784], dtype: .float32)) }
    var g = RandomGenerator(seed: 1)
    let grads = model.params.map { g.normal($0.shape, std: 0.01, dtype: .float32) }
    let count = model.params.reduce(0) { $0 + $1.data.count }
    func setGrads() { for (p, grad) in zip(model.params, grads) { p.grad = Variable(grad) } }

    let cases: [(String, Optimizer)] = [
        ("sgd", SGD(lr: 0.01)), ("momentum_sgd", MomentumSGD()), ("adagrad", AdaGrad()),
        ("adadelta", AdaDelta()), ("adam", Adam()),
    ]
    for (name, optimizer) in cases {
        optimizer.setup(model)
        setGrads()
        let seconds = measure(repeats: 20) { optimizer.update() }
        emit(["workload": "optimizer", "case": name, "params": count, "ms_per_update": Summary(seconds.map { $0 * 1e3 }),
              "ns_per_param": Summary(seconds).median / Double(count) * 1e9])
    }

    // Adam from array operators, as DeZero's Python code computes it.
    var moments = model.params.map { (NDArray.zerosLike($0.data), NDArray.zerosLike($0.data)) }
    var t = 0.0
    let seconds = measure(repeats: 20) {
        t += 1
        let lrt = 0.001 * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t))
        for (i, p) in model.params.enumerated() {
            let grad = p.grad!.data
            moments[i].0 += (grad - moments[i].0) * 0.1
            moments[i].1 += (grad * grad - moments[i].1) * 0.001
            p.data -= moments[i].0 * lrt / (sqrt(moments[i].1) + 1e-8)
        }
    }
    emit(["workload": "optimizer", "case": "adam_array_ops", "params": count, "ms_per_update": Summary(seconds.map { $0 * 1e3 }),
          "ns_per_param": Summary(seconds).median / Double(count) * 1e9])
}
