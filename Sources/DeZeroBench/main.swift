// dezero-bench: release-build benchmarks that print one JSON object per line.
// Usage: swift run -c release dezero-bench [WORKLOAD ...] [N ...]   (no workload runs all)
// Workloads are defined in ../shared/bench/WORKLOADS.md; each lives in its own file here.
import Foundation

let workloads: [(name: String, run: () -> Void)] = [
    // registry: one line per workload, in the order they run
    ("chain", runChain),
    ("higher", runHigher),
    ("mlp", runMLP),
    ("shape-index", shapeIndexWorkload),
    ("data", dataWorkload),
    ("random", randomWorkload),
    ("elementwise", runElementwise),
    ("gemm", runGemmWorkload),
    ("tensorfn-mlp", runTensorFunctionsMLP),
    ("optimizer", optimizerWorkload),
    ("cnn", runCNN),
    ("sine-rnn", runSineRNN),
    ("batchnorm", runBatchNorm),
    ("zoo", runZoo),
]

// Numeric arguments are parameters of the workloads (`chain 1000000`: the chain lengths).
let requested = CommandLine.arguments.dropFirst().filter { Int($0) == nil }
let known = Set(workloads.map(\.name))
for name in requested where !known.contains(name) {
    FileHandle.standardError.write(Data("dezero-bench: unknown workload '\(name)'; known: \(workloads.map(\.name).joined(separator: ", "))\n".utf8))
    exit(1)
}
for w in workloads where requested.isEmpty || requested.contains(w.name) { w.run() }
