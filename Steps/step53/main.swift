// Step 53: saving and loading parameters. The MNIST training of Step 51 starts from
// my_mlp.npz when that file exists in the working directory, and saves the parameters there
// at the end, so each run continues where the last one stopped.
//
// Run: swift run -c release step53 [MNIST_DIR] [--limit N]
//   MNIST_DIR   the folder with MNIST's four files (train-images-idx3-ubyte[.gz], …); else
//               $DEZERO_MNIST_DIR; else ../shared/datasets/mnist beside the checkout this
//               step was built from
//   --limit N   train on the first N examples (a quick run)
//
// Swift differences:
// - my_mlp.npz is the same NumPy archive the Python DeZero writes (keys l0/W, l0/b, l1/W,
//   l1/b), so either program can continue from the other's file.
// - The book's `dezero.datasets.MNIST` downloads the files; nothing is downloaded here.
// - Python's weights and batch order come from NumPy's unseeded generator. Here the library-wide
//   generator (weights) is seeded with 0 and the DataLoader has its own seeded generator.
import DeZero
import Foundation

/// Stops the program with a message on standard error.
func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("step53: \(message)\n".utf8))
    exit(status)
}

/// The command line: an optional MNIST folder and `--limit N`.
func parseArguments() -> (folder: URL, limit: Int?) {
    var folder: String?, limit: Int?
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        if arg == "--" {
            continue    // `swift run step53 -- …` passes its separator on
        } else if arg == "--limit" {
            guard let value = args.popFirst().flatMap({ Int($0) }), value > 0 else { fail("--limit needs a positive whole number", status: 2) }
            limit = value
        } else if folder == nil, !arg.hasPrefix("-") {
            folder = arg
        } else {
            fail("unexpected argument '\(arg)'; usage: step53 [MNIST_DIR] [--limit N]", status: 2)
        }
    }
    // #filePath is this file in the checkout: Steps/step53/main.swift, three levels below the root.
    let besideCheckout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/mnist")
    let path = folder ?? ProcessInfo.processInfo.environment["DEZERO_MNIST_DIR"]
    return (path.map { URL(fileURLWithPath: $0) } ?? besideCheckout, limit)
}

/// One split of MNIST, cut to its first `limit` examples when a limit is given.
func loadMNIST(from folder: URL, train: Bool, limit: Int?) -> MNIST {
    var set: MNIST
    do {
        set = try MNIST(directory: folder, train: train)
    } catch {
        fail("cannot read MNIST from \(folder.path): \(error)\nPass the folder as an argument or set DEZERO_MNIST_DIR.")
    }
    if let limit, limit < set.count {
        set.data = set.data[..<limit]
        set.label = set.label[..<limit]
    }
    return set
}

RandomGenerator.seedDefault(0)
let (folder, limit) = parseArguments()

let maxEpoch = 3
let batchSize = 100

let trainSet = loadMNIST(from: folder, train: true, limit: limit)
let trainLoader = DataLoader(trainSet, batchSize: batchSize)
let model = MLP([1000, 10])
let optimizer = SGD().setup(model)

let weightsFile = URL(fileURLWithPath: "my_mlp.npz")
if FileManager.default.fileExists(atPath: weightsFile.path) {
    do { try model.loadWeights(from: weightsFile) } catch { fail("cannot load \(weightsFile.path): \(error)") }
}

for epoch in 0..<maxEpoch {
    var sumLoss = 0.0

    for (x, t) in trainLoader.nextEpoch() {
        let y = model(x)
        let loss = softmaxCrossEntropy(y, Variable(t))
        model.clearGrads()
        loss.backward()
        optimizer.update()
        sumLoss += loss.item() * Double(t.shape[0])
    }

    print(String(format: "epoch: %d, loss: %.4f", epoch + 1, sumLoss / Double(trainSet.count)))
}

do { try model.saveWeights(to: weightsFile) } catch { fail("cannot save \(weightsFile.path): \(error)") }
