import Foundation

/// Training stopped because a loss stopped being a finite number (the learning rate or the
/// weight decay is too large for the data). It says where, what to change, and which epoch's
/// checkpoint is still good; the command exits with status 1.
struct TrainingDiverged: Error, CustomStringConvertible {
    let epoch: Int
    /// The 1-based batch (a BPTT step for a time series) whose loss was not finite.
    let batch: Int
    let batches: Int
    /// What was not finite: `loss`, `test loss`, `mean train loss`.
    let quantity: String
    let value: Double
    let optimizer: OptimizerChoice
    let lr: Double
    let weightDecay: Double
    /// The last epoch whose checkpoint was written (0: none).
    let lastGoodEpoch: Int
    let checkpoint: URL

    var description: String {
        var s = "training diverged at epoch \(epoch), batch \(batch) of \(batches)"
        // A figure measured after the epoch: the last update broke the weights.
        if quantity != "loss" { s += " (the epoch's last update)" }
        s += ": the \(quantity) is \(Self.text(value))"
        // What to lower: the learning rate (if the optimizer has one), and the weight decay when it
        // is at least 1, a rate that by itself overturns the weights each step.
        var knobs: [(name: String, setting: String)] = []
        if optimizer.hasLearningRate { knobs.append(("learning rate", "--lr \(lr)")) }
        if weightDecay >= 1 || knobs.isEmpty { knobs.append(("weight decay", "--weight-decay \(weightDecay)")) }
        s += "; start again with a lower \(knobs.map(\.name).joined(separator: " or "))"
        s += " (this run: \(knobs.map(\.setting).joined(separator: ", ")))"
        if lastGoodEpoch > 0 {
            s += "; epoch \(lastGoodEpoch)'s checkpoint is kept unchanged in \(checkpoint.path)"
        } else {
            s += "; no epoch finished, so no checkpoint was written"
        }
        return s
    }

    /// `nan`, `inf`, `-inf` (Swift prints a NaN with its sign bit set as `-nan`).
    static func text(_ value: Double) -> String {
        value.isNaN ? "nan" : value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(value)"
    }
}
