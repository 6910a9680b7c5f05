import Foundation

/// One line of `metrics.jsonl`: the figures of one epoch (accuracies as fractions 0–1).
///
/// JSON has no NaN or infinity, so a figure that is not a finite number — a diverged run's
/// loss, or a figure not measured because training stopped at a diverged batch — is written
/// as `null` (and read back as NaN). The epoch a run diverged in gets a line too, with
/// `diverged_at_batch`, the 1-based batch whose loss was not finite. A regression run has no
/// accuracy keys at all.
struct EpochMetrics: Codable, Equatable {
    let epoch: Int
    let trainLoss: Double
    /// nil: no accuracy for this kind of run (regression); NaN: not measured or not finite.
    let trainAccuracy: Double?
    let testLoss: Double
    let testAccuracy: Double?
    let seconds: Double
    /// Set on the line of the epoch training stopped in.
    var divergedAtBatch: Int? = nil

    enum CodingKeys: String, CodingKey {
        case epoch, seconds
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy"
        case divergedAtBatch = "diverged_at_batch"
    }

    init(epoch: Int, trainLoss: Double, trainAccuracy: Double?, testLoss: Double, testAccuracy: Double?, seconds: Double,
         divergedAtBatch: Int? = nil) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.seconds = seconds
        self.divergedAtBatch = divergedAtBatch
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func number(_ key: CodingKeys) throws -> Double { try c.decodeNil(forKey: key) ? .nan : c.decode(Double.self, forKey: key) }
        func optionalNumber(_ key: CodingKeys) throws -> Double? { c.contains(key) ? try number(key) : nil }
        epoch = try c.decode(Int.self, forKey: .epoch)
        trainLoss = try number(.trainLoss)
        trainAccuracy = try optionalNumber(.trainAccuracy)
        testLoss = try number(.testLoss)
        testAccuracy = try optionalNumber(.testAccuracy)
        seconds = try number(.seconds)
        divergedAtBatch = try c.decodeIfPresent(Int.self, forKey: .divergedAtBatch)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ value: Double, _ key: CodingKeys) throws {
            if value.isFinite { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try c.encode(epoch, forKey: .epoch)
        try put(trainLoss, .trainLoss)
        if let trainAccuracy { try put(trainAccuracy, .trainAccuracy) }
        try put(testLoss, .testLoss)
        if let testAccuracy { try put(testAccuracy, .testAccuracy) }
        try put(seconds, .seconds)
        try c.encodeIfPresent(divergedAtBatch, forKey: .divergedAtBatch)
    }

    /// True when every figure is a finite number: the epoch trained normally.
    var isFinite: Bool {
        [trainLoss, testLoss, seconds].allSatisfy(\.isFinite)
            && [trainAccuracy, testAccuracy].allSatisfy { $0?.isFinite ?? true } && divergedAtBatch == nil
    }

    /// The lines of a metrics file; none when it does not exist yet.
    static func read(from url: URL) throws -> [EpochMetrics] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            do { return try JSONDecoder().decode(EpochMetrics.self, from: Data($0.utf8)) } catch {
                throw CLIFailure("\(url.path): a line is not valid metrics JSON; the run folder is damaged, start again without --resume")
            }
        }
    }

    /// The JSON line (sorted keys). Encoding cannot fail: non-finite figures become `null`.
    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The line shown on the terminal.
    func summary(of epochs: Int) -> String {
        var s = "epoch \(epoch)/\(epochs)  train loss \(format(trainLoss))"
        if let a = trainAccuracy { s += " acc \(format(a))" }
        s += "  test loss \(format(testLoss))"
        if let a = testAccuracy { s += " acc \(format(a))" }
        return s + "  " + String(format: "%.1fs", seconds)
    }

    private func format(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : TrainingDiverged.text(x) }
}
