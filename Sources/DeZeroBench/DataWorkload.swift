import DeZero
import Foundation

/// Data pipeline (not a peer workload): decoding the embedded digits, reading MNIST from
/// IDX gzip files, and assembling shuffled batches of 100 × 784 with a DataLoader.
/// MNIST is read from `$DEZERO_MNIST_DIR`, else `../shared/datasets/mnist`.
func dataWorkload() {
    emit(["workload": "data-digits-decode", "seconds": Summary(measure { _ = Digits() })])

    let dir = ProcessInfo.processInfo.environment["DEZERO_MNIST_DIR"] ?? "../shared/datasets/mnist"
    let url = URL(fileURLWithPath: dir)
    guard (try? MNIST(directory: url, train: false)) != nil else {
        emit(["workload": "data-mnist", "skipped": "no MNIST files in \(dir)"])
        return
    }
    let load = measure(repeats: 3) { _ = try! MNIST(directory: url) }
    let train = try! MNIST(directory: url)
    emit(["workload": "data-mnist-load", "seconds": Summary(load), "examples": train.count,
          "peak_rss_mb": peakRSSMegabytes()])

    let loader = DataLoader(train, batchSize: 100, seed: 0)
    let epochs = measure(repeats: 5) { for (x, _) in loader.nextEpoch() { precondition(x.shape[1] == 784) } }
    let batches = Double(loader.batchCount)
    emit(["workload": "data-mnist-batches", "batch_size": 100, "batches_per_epoch": loader.batchCount,
          "us_per_batch": Summary(epochs.map { $0 / batches * 1e6 })])
}
