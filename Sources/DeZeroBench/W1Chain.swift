import DeZero
import Foundation

/// W1 chain: y = sin(y) N times on a float64 scalar, then backward; the per-operation cost
/// of the graph machinery (WORKLOADS.md). Numeric command-line arguments replace the default
/// lengths (`dezero-bench chain 1000000`); `peak_rss_mb` is the process's peak so far.
func runChain() {
    let lengths = CommandLine.arguments.dropFirst().compactMap { Int($0) }
    for n in lengths.isEmpty ? [10_000, 100_000] : lengths {
        var forward: [Double] = [], backward: [Double] = [], free: [Double] = [], perOp: [Double] = []
        var maxError = 0.0
        for rep in 0..<6 {  // the first is the warm-up
            let x = Variable(0.5)
            var t0 = now()
            var y = x
            for _ in 0..<n { y = sin(y) }
            let tf = now() - t0
            t0 = now()
            y.backward()
            let tb = now() - t0
            // check: dy/dx is the product of cos along the chain
            var v = 0.5, expected = 1.0
            for _ in 0..<n { expected *= Foundation.cos(v); v = Foundation.sin(v) }
            maxError = max(maxError, abs(x.grad!.item() - expected) / abs(expected))
            t0 = now()
            y = x  // drops the graph
            let tr = now() - t0
            if rep > 0 {
                forward.append(tf); backward.append(tb); free.append(tr)
                perOp.append((tf + tb) / Double(n) * 1e6)
            }
        }
        emit(["workload": "chain", "N": n, "us_per_op": Summary(perOp), "forward_s": Summary(forward),
              "backward_s": Summary(backward), "free_s": Summary(free),
              "free_us_per_op": Summary(free.map { $0 / Double(n) * 1e6 }), "grad_rel_error": maxError,
              "peak_rss_mb": peakRSSMegabytes()])
    }
}
