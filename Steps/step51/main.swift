// Step 51: an MLP learns MNIST's handwritten digits; after each epoch it prints the mean loss
// and accuracy on the training set and on the test set.
//
// Run: swift run -c release step51 [MNIST_DIR] [--limit N]
//   MNIST_DIR   the folder with MNIST's four files (train-images-idx3-ubyte[.gz], …); else
//               $DEZERO_MNIST_DIR; else ../shared/datasets/mnist beside the checkout this
//               step was built from
//   --limit N   train and test on the first N examples of each split (a quick run)
//
// Swift differences:
// - The book's `dezero.datasets.MNIST` downloads the files; nothing is downloaded here.
// - Python's weights and batch order come from NumPy's unseeded generator. Here the library-wide
//   generator (weights) is seeded with 0 and the DataLoader has its own seeded generator, so
//   every run prints the same numbers; they are not the book's, which vary in Python too.
// - `with dezero.no_grad():` is `withNoGrad { … }`; `float(loss.data)` is `loss.item()`.
import DeZero
import Foundation

/// Stops the program with a message on standard error.
func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("step51: \(message)\n".utf8))
    exit(status)
}

/// The command line: an optional MNIST folder and `--limit N`.
func parseArguments() -> (folder: URL, limit: Int?) {
    var folder: String?, limit: Int?
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        if arg == "--" {
            continue    // `swift run step51 -- …` passes its separator on
        } else if arg == "--limit" {
            guard let value = args.popFirst().flatMap({ Int($0) }), value > 0 else { fail("--limit needs a positive whole number", status: 2) }
            limit = value
        } else if folder == nil, !arg.hasPrefix("-") {
            folder = arg
        } else {
            fail("unexpected argument '\(arg)'; usage: step51 [MNIST_DIR] [--limit N]", status: 2)
        }
    }
    // #filePath is this file in the checkout: Steps/step51/main.swift, three levels below the root.
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

let maxEpoch = 5
let batchSize = 100
let hiddenSize = 1000

let trainSet = loadMNIST(from: folder, train: true, limit: limit)
let testSet = loadMNIST(from: folder, train: false, limit: limit)
let trainLoader = DataLoader(trainSet, batchSize: batchSize)
let testLoader = DataLoader(testSet, batchSize: batchSize, shuffle: false)

let model = MLP([hiddenSize, 10])
let optimizer = SGD().setup(model)
// let model = MLP([hiddenSize, hiddenSize, 10], activation: relu)
// let optimizer = Adam().setup(model)

for epoch in 0..<maxEpoch {
    var sumLoss = 0.0, sumAcc = 0.0

    for (x, t) in trainLoader.nextEpoch() {
        let y = model(x)
        let loss = softmaxCrossEntropy(y, Variable(t))
        let acc = accuracy(y, Variable(t))
        model.clearGrads()
        loss.backward()
        optimizer.update()

        sumLoss += loss.item() * Double(t.shape[0])
        sumAcc += acc.item() * Double(t.shape[0])
    }

    print("epoch: \(epoch + 1)")
    print(String(format: "train loss: %.4f, accuracy: %.4f",
                 sumLoss / Double(trainSet.count), sumAcc / Double(trainSet.count)))

    sumLoss = 0
    sumAcc = 0
    withNoGrad {
        for (x, t) in testLoader.nextEpoch() {
            let y = model(x)
            let loss = softmaxCrossEntropy(y, Variable(t))
            let acc = accuracy(y, Variable(t))
            sumLoss += loss.item() * Double(t.shape[0])
            sumAcc += acc.item() * Double(t.shape[0])
        }
    }

    print(String(format: "test loss: %.4f, accuracy: %.4f",
                 sumLoss / Double(testSet.count), sumAcc / Double(testSet.count)))
}
