import DeZero
@testable import DeZeroCLI
import Foundation
import Testing

/// Rewrites a run's checkpoint (or another of its weight files) with one field of its saved
/// configuration changed (a raw JSON literal), or one other metadata field replaced; returns
/// the file's URL.
@discardableResult
func tamperCheckpoint(in run: URL, file: String = Checkpoint.fileName, configField: String? = nil, literal: String = "",
                      metadataKey: String? = nil, value: String = "") throws -> URL {
    let url = run.appendingPathComponent(file)
    var (tensors, metadata) = try Safetensors.read(from: url)
    if let configField {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(metadata["dezero.config"]!.utf8)) as? [String: Any])
        json[configField] = "@@"  // a placeholder replaced by the raw literal (which may be invalid JSON)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        metadata["dezero.config"] = text.replacingOccurrences(of: "\"@@\"", with: literal)
    }
    if let metadataKey { metadata[metadataKey] = value }
    try Safetensors.write(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metadata: metadata, to: url)
    return url
}

@Suite("diverging runs are reported, not fatal")
struct DivergenceTests {
    @Test("--lr 1e308 and --weight-decay 1e308: exit 1 naming the epoch and batch, valid metrics.jsonl with null, no checkpoint",
          arguments: [["--lr", "1e308"], ["--weight-decay", "1e308"], ["--dataset", "sincurve", "--lr", "1e308"]])
    func divergesInFirstEpoch(flags: [String]) throws {
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--epochs", "3", "--output", "run"] + flags, in: dir)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("diverged at epoch 1, batch "))
        #expect(result.stderr.contains("start again with a lower learning rate"))
        #expect(result.stderr.contains("no checkpoint was written"))
        // The one line of metrics.jsonl parses; its loss is null and it names the batch.
        let metrics = try readMetrics(dir.appendingPathComponent("run/metrics.jsonl"))
        #expect(metrics.count == 1)
        #expect(metrics[0]["train_loss"] is NSNull)
        #expect(metrics[0]["test_loss"] is NSNull)
        let batch = try #require(metrics[0]["diverged_at_batch"] as? Int)
        #expect(result.stderr.contains("batch \(batch) of"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("run/\(Checkpoint.fileName)").path))
    }

    @Test("weights broken by an epoch's last update are caught by its test loss: exit 1, that epoch's line with null")
    func divergesOnLastUpdate() throws {
        // One batch an epoch: its loss is finite (the initial weights), its update is not.
        let dir = try makeTemporaryDirectory()
        let result = try runDezero(["train", "--epochs", "2", "--batch-size", "100000", "--lr", "1e308", "--output", "run"], in: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("diverged at epoch 1, batch 1 of 1 (the epoch's last update): the test loss is nan"), "\(result.stderr)")
        let metrics = try readMetrics(dir.appendingPathComponent("run/metrics.jsonl"))
        #expect(metrics.count == 1)
        #expect(metrics[0]["train_loss"] is Double && metrics[0]["test_loss"] is NSNull)
        #expect(metrics[0]["diverged_at_batch"] as? Int == 1)
    }

    @Test("a run that diverges after good epochs keeps their checkpoint and weights unchanged and loadable")
    func keepsLastGoodEpoch() throws {
        let dir = try makeTemporaryDirectory()
        let run = dir.appendingPathComponent("run")
        let first = try runDezero(["train", "--epochs", "2", "--hidden", "32", "--output", "run"], in: dir)
        try #require(first.status == 0, "\(first.stderr)")
        // The saved learning rate made huge: the resumed run diverges in epoch 3.
        let checkpointURL = try tamperCheckpoint(in: run, configField: "lr", literal: "1e308")
        let checkpointBefore = try Data(contentsOf: checkpointURL)
        let modelBefore = try Data(contentsOf: run.appendingPathComponent("model.safetensors"))
        let metricsBefore = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)

        let resumed = try runDezero(["train", "--resume", "run", "--epochs", "4"], in: dir)
        #expect(resumed.status == 1, "\(resumed.stderr)")
        #expect(resumed.stderr.split(separator: "\n").count == 1, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("diverged at epoch 3, batch "), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("epoch 2's checkpoint is kept unchanged"), "\(resumed.stderr)")

        #expect(try Data(contentsOf: checkpointURL) == checkpointBefore)
        #expect(try Data(contentsOf: run.appendingPathComponent("model.safetensors")) == modelBefore)
        let metricsAfter = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(metricsAfter.hasPrefix(metricsBefore))
        let metrics = try readMetrics(run.appendingPathComponent("metrics.jsonl"))
        #expect(metrics.map { $0["epoch"] as? Int } == [1, 2, 3])
        #expect(metrics[2]["train_loss"] is NSNull && metrics[2]["diverged_at_batch"] is Int)

        // The kept checkpoint still evaluates to epoch 2's test accuracy.
        let eval = try runDezero(["eval", "--weights", "run/\(Checkpoint.fileName)"], in: dir)
        #expect(eval.status == 0, "\(eval.stderr)")
        let accuracy = String(format: "accuracy %.4f", try #require(metrics[1]["test_accuracy"] as? Double))
        #expect(eval.stdout.contains(accuracy), "\(eval.stdout)")
    }

    @Test("metrics lines write null for figures that are not finite and read them back as NaN")
    func nullForNonFinite() throws {
        let line = EpochMetrics(epoch: 4, trainLoss: .nan, trainAccuracy: .nan, testLoss: .infinity, testAccuracy: 0.5,
                                seconds: 1.5, divergedAtBatch: 7).jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["train_loss"] is NSNull && object["train_accuracy"] is NSNull && object["test_loss"] is NSNull)
        #expect(object["test_accuracy"] as? Double == 0.5 && object["diverged_at_batch"] as? Int == 7)
        let back = try JSONDecoder().decode(EpochMetrics.self, from: Data(line.utf8))
        #expect(back.trainLoss.isNaN && back.testLoss.isNaN && back.testAccuracy == 0.5 && !back.isFinite)
        // A regression line still has no accuracy keys.
        let regression = EpochMetrics(epoch: 1, trainLoss: 0.25, trainAccuracy: nil, testLoss: 0.5, testAccuracy: nil, seconds: 1).jsonLine()
        #expect(regression == #"{"epoch":1,"seconds":1,"test_loss":0.5,"train_loss":0.25}"#)
    }
}
