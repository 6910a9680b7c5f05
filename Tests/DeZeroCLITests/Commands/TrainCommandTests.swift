@testable import DeZeroCLI
import Foundation
import Testing

@Suite("dezero train")
struct TrainCommandTests {
    @Test("trains on the embedded digits from outside the repo and writes metrics, curves and weights")
    func digitsRun() throws {
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--epochs", "3"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("runs/digits-mlp")
        let metrics = try readMetrics(out.appendingPathComponent("metrics.jsonl"))
        #expect(metrics.count == 3)
        #expect(metrics.map { $0["epoch"] as? Int } == [1, 2, 3])
        for m in metrics {
            #expect(Set(m.keys) == ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds"])
            let acc = try #require(m["test_accuracy"] as? Double)
            #expect(acc >= 0 && acc <= 1)
        }
        // Learning happens: the loss falls and accuracy is far above chance after 3 epochs.
        #expect((metrics[2]["train_loss"] as! Double) < (metrics[0]["train_loss"] as! Double))
        #expect((metrics[2]["test_accuracy"] as! Double) > 0.7)
        let svg = try String(contentsOf: out.appendingPathComponent("curves.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        let weights = try Data(contentsOf: out.appendingPathComponent("model.safetensors"))
        let header = String(decoding: weights.dropFirst(8).prefix(4096), as: UTF8.self)
        #expect(header.contains("l0/W") && header.contains("dezero.config"))
        #expect(result.stdout.contains("epoch 3/3"))
        #expect(result.stdout.contains("final test accuracy"))
    }

    @Test("the same seed gives the same numbers; another seed gives others")
    func deterministic() throws {
        func run(seed: String) throws -> [[String: Double]] {
            let dir = try makeTemporaryDirectory()
            let result = try runDezero(["train", "--epochs", "2", "--seed", seed, "--output", "out"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            return try readMetrics(dir.appendingPathComponent("out/metrics.jsonl")).map { m in
                var d: [String: Double] = [:]
                for (k, v) in m where k != "seconds" { d[k] = (v as? NSNumber)?.doubleValue }
                return d
            }
        }
        let a = try run(seed: "5"), b = try run(seed: "5"), c = try run(seed: "6")
        #expect(a == b)
        #expect(a != c)
    }

    @Test("spiral writes the decision regions too")
    func spiral() throws {
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--dataset", "spiral", "--epochs", "5"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: dir.appendingPathComponent("runs/spiral-mlp/decision.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
    }

    @Test("bad data gives one short line on stderr and exit status 1", arguments: [
        (["train", "--dataset", "mnist"], "--data"),
        (["train", "--dataset", "mnist", "--data", "/nonexistent-dezero-dir"], "nonexistent-dezero-dir"),
    ])
    func badData(arguments: [String], mention: String) throws {
        let result = try runDezero(arguments)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(mention))
    }

    @Test("a corrupt MNIST folder is reported, not a crash")
    func corruptMNIST() throws {
        let dir = try makeTemporaryDirectory()
        let data = dir.appendingPathComponent("mnist")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try Data([0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF]).write(to: data.appendingPathComponent(name))
        }
        let result = try runDezero(["train", "--dataset", "mnist", "--data", data.path], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("train-images-idx3-ubyte"))
    }

    @Test("bad flags are reported by the argument parser with exit status 64", arguments: [
        ["train", "--epochs", "0"], ["train", "--dataset", "cifar"], ["train", "--hidden", "10,x"], ["train", "--no-such-flag"],
    ])
    func badFlags(arguments: [String]) throws {
        let result = try runDezero(arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }
}

@Suite("dezero graph and --help")
struct OtherCommandTests {
    @Test("--version and --help work")
    func help() throws {
        let version = try runDezero(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
        let help = try runDezero(["--help"])
        #expect(help.status == 0 && help.stdout.contains("train") && help.stdout.contains("graph"))
    }

    @Test("train --help lists the values of every choice, from the enums' cases")
    func choicesInHelp() throws {
        let help = try runDezero(["train", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        // Help wraps at the terminal width: compare with the whitespace collapsed.
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (flag, values) in [("--dataset", DatasetChoice.valueList), ("--model", ModelChoice.valueList),
                               ("--activation", ActivationChoice.valueList), ("--optimizer", OptimizerChoice.valueList)] {
            #expect(text.contains("(values: \(values)"), "\(flag): \(text)")
        }
        #expect(OptimizerChoice.valueList == "sgd, momentum, adagrad, adadelta, adam")
        #expect(text.contains("sincurve: lstm, rnn"))
    }

    @Test("graph writes the DOT text of Goldstein-Price and of tanh's derivative")
    func graph() throws {
        let dir = try makeTemporaryDirectory()
        let a = try runDezero(["graph", "--output", "g.dot"], in: dir)
        #expect(a.status == 0, "\(a.stderr)")
        let dot = try String(contentsOf: dir.appendingPathComponent("g.dot"), encoding: .utf8)
        #expect(dot.contains("label=\"z: () float64\""))
        let b = try runDezero(["graph", "--example", "tanh", "--order", "2", "--output", "t.dot"], in: dir)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("t.dot"), encoding: .utf8).contains("gx2"))
    }
}

@Suite("dezero train: other models")
struct TrainModelsTests {
    @Test("--model cnn trains a convolutional network on the digits")
    func cnn() throws {
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--model", "cnn", "--epochs", "2"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let metrics = try readMetrics(dir.appendingPathComponent("runs/digits-cnn/metrics.jsonl"))
        #expect(metrics.count == 2)
        #expect((metrics[1]["test_accuracy"] as! Double) > 0.5)
        let eval = try runDezero(["eval", "--weights", "runs/digits-cnn/model.safetensors"], in: dir)
        #expect(eval.status == 0 && eval.stdout.contains(String(format: "accuracy %.4f", metrics[1]["test_accuracy"] as! Double)),
                "\(eval.stdout)\(eval.stderr)")
    }

    @Test("--dataset sincurve trains an LSTM; a regression has no accuracy keys")
    func lstm() throws {
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--dataset", "sincurve", "--epochs", "3"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let metrics = try readMetrics(dir.appendingPathComponent("runs/sincurve-lstm/metrics.jsonl"))
        #expect(metrics.count == 3)
        for m in metrics { #expect(Set(m.keys) == ["epoch", "train_loss", "test_loss", "seconds"]) }
        #expect((metrics[2]["train_loss"] as! Double) < (metrics[0]["train_loss"] as! Double))
    }

    @Test("a model that does not fit the dataset is refused by the argument parser")
    func mismatch() throws {
        let result = try runDezero(["train", "--dataset", "spiral", "--model", "lstm"])
        #expect(result.status == 64, "\(result.stderr)")
    }
}
