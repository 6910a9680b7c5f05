import Foundation
import Testing

@Suite("numbers from outside: flags and checkpoints")
struct UntrustedInputTests {
    @Test("flags out of range are refused by the parser (exit 64) with the flag and value", arguments: [
        (["--lr", "inf"], "--lr inf"), (["--lr=-1"], "--lr -1"), (["--weight-decay", "inf"], "--weight-decay inf"),
        (["--weight-decay", "nan"], "--weight-decay nan"), (["--hidden", ""], "--hidden ''"), (["--hidden", ",,"], "--hidden ',,'"),
        (["--hidden", "10,,20"], "empty entry"), (["--hidden", "0"], "at least 1"), (["--hidden", "99999999999999999999"], "whole number"),
        (["--epochs=-5"], "--epochs -5"), (["--epochs", "2000000"], "--epochs 2000000"), (["--batch-size", "0"], "--batch-size 0"),
        (["--optimizer", "rmsprop"], "'rmsprop' is invalid for '--optimizer"), (["--activation", "gelu"], "'gelu' is invalid for '--activation"),
        (["--dataset", "cifar"], "'cifar' is invalid for '--dataset"), (["--model", "gpt"], "'gpt' is invalid for '--model"),
        (["--dataset", "sincurve", "--hidden", "10,10"], "one size"),
    ])
    func badFlag(flags: [String], mention: String) throws {
        let result = try runDezero(["train"] + flags)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").first?.contains(mention) == true, "\(result.stderr)")
    }

    @Test("a model too big for memory is refused before allocating, naming the flag, the array and its size", arguments: [
        (["--hidden", "10000000000"], "l0/W"), (["--model", "cnn", "--hidden", "10000000000"], "hidden/0/W"),
        (["--dataset", "sincurve", "--hidden", "10000000000"], "lstm/h2f/W"),
    ])
    func tooBigForMemory(flags: [String], array: String) throws {
        let result = try runDezero(["train"] + flags)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("--hidden 10000000000: needs ") && result.stderr.contains(" GB for \(array)"), "\(result.stderr)")
        #expect(result.stderr.contains("of memory"))
    }

    @Test("a batch larger than the training set is one batch of the whole set, on digits and sincurve alike", arguments: [
        (["--dataset", "digits"], 1500), (["--dataset", "sincurve"], 999),
    ])
    func batchLargerThanData(flags: [String], samples: Int) throws {
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--epochs", "1", "--batch-size", "1000000", "--output", "run"] + flags, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("each epoch is one batch of \(samples)"), "\(result.stdout)")
        #expect(result.stdout.contains("batch \(samples),"), "\(result.stdout)")
        #expect(try readMetrics(dir.appendingPathComponent("run/metrics.jsonl")).count == 1)
    }

    /// Saved values out of range, as raw JSON literals in the checkpoint's dezero.config, and
    /// what the one-line error must say.
    static let damagedFields = [
        ("batchSize", "0", "batchSize is 0"), ("batchSize", "-1", "batchSize is -1"), ("hidden", "[0]", "hidden is 0"),
        ("hidden", "[-5]", "hidden is -5"), ("hidden", "[]", "hidden is ''"), ("lr", "-1", "lr is -1.0"),
        ("dropout", "2.0", "dropout is 2.0"), ("epochs", "-5", "epochs is -5"), ("channels", "[16]", "channels is 16"),
        ("bpttLength", "0", "bpttLength is 0"), ("batchSize", "\"32\"", "batchSize is not a whole number"),
        ("lr", "1e400", "lr"), ("hidden", "[1000000000]", "hidden is 1000000000; it needs "),
        // Choices are saved by name; a name this program does not know lists the known ones.
        ("model", "\"gpt\"", "the saved model is 'gpt'; it must be one of mlp, cnn, lstm, rnn"),
        ("optimizer", "\"rmsprop\"", "the saved optimizer is 'rmsprop'; it must be one of sgd, momentum, adagrad, adadelta, adam"),
        ("dataset", "\"cifar\"", "the saved dataset is 'cifar'; it must be one of digits, spiral, mnist, sincurve"),
        ("activation", "\"gelu\"", "the saved activation is 'gelu'; it must be one of relu, sigmoid, tanh"),
        ("activation", "3", "activation is not text"),
    ]

    /// Other metadata fields out of range.
    static let damagedCounters = [
        ("dezero.optimizer_iteration", "9223372036854775807"), ("dezero.optimizer_iteration", "-1"), ("dezero.epoch", "5"),
        ("dezero.epoch", "x"), ("dezero.loader_state", "1,2,3"), ("dezero.noise_state", "0,0,0,0"),
    ]

    @Test("--resume refuses a checkpoint whose saved numbers are out of range, with one line naming the field and value")
    func damagedCheckpoints() throws {
        let dir = try makeTemporaryDirectory()
        let run = dir.appendingPathComponent("run")
        let first = try runDezero(["train", "--epochs", "1", "--hidden", "16", "--output", "run"], in: dir)
        try #require(first.status == 0, "\(first.stderr)")
        let checkpoint = run.appendingPathComponent("checkpoint.safetensors")
        let good = try Data(contentsOf: checkpoint)
        func resume(_ what: String) throws -> String {
            let result = try runDezero(["train", "--resume", "run", "--epochs", "2"], in: dir)
            #expect(result.status == 1, "\(what): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(what): \(result.stderr)")
            #expect(result.stderr.contains("without --resume"), "\(what): \(result.stderr)")
            try good.write(to: checkpoint)
            return result.stderr
        }
        for (field, literal, mention) in Self.damagedFields {
            try tamperCheckpoint(in: run, configField: field, literal: literal)
            let stderr = try resume("\(field) \(literal)")
            #expect(stderr.contains("checkpoint.safetensors: dezero.config: ") && stderr.contains(mention), "\(stderr)")
        }
        for (key, value) in Self.damagedCounters {
            try tamperCheckpoint(in: run, metadataKey: key, value: value)
            let stderr = try resume("\(key) \(value)")
            #expect(stderr.contains("\(key) is '\(value)'"), "\(stderr)")
        }
        // The untouched checkpoint still resumes.
        let fine = try runDezero(["train", "--resume", "run", "--epochs", "2"], in: dir)
        #expect(fine.status == 0, "\(fine.stderr)")

        // dezero eval reads the same configuration with the same checks.
        try tamperCheckpoint(in: run, file: "model.safetensors", configField: "hidden", literal: "[1000000000]")
        let eval = try runDezero(["eval", "--weights", "run/model.safetensors"], in: dir)
        #expect(eval.status == 1, "\(eval.stderr)")
        #expect(eval.stderr.split(separator: "\n").count == 1, "\(eval.stderr)")
        #expect(eval.stderr.contains("model.safetensors: dezero.config: the saved hidden is 1000000000; it needs "), "\(eval.stderr)")
    }
}
