import Foundation

/// One line of `metrics.jsonl`: the figures of one epoch (accuracies as fractions 0–1).
struct EpochMetrics: Codable, Equatable {
    let epoch: Int
    let trainLoss: Double
    let trainAccuracy: Double?
    let testLoss: Double
    let testAccuracy: Double?
    let seconds: Double

    enum CodingKeys: String, CodingKey {
        case epoch, seconds
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy"
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

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
