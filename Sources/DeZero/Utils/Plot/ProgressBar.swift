import Foundation

/// Where progress text goes, and whether it is a terminal (which decides live bar or plain lines).
public struct ProgressOutput: Sendable {
    /// True when the destination is an interactive terminal that understands `\r`.
    public let isTerminal: Bool
    /// The terminal's width, when known: a live line longer than that would wrap and break
    /// the redraw, so it is cut to fit.
    public let columns: Int?
    let write: @Sendable (String) -> Void

    /// Any destination, e.g. a string collector in tests.
    public init(isTerminal: Bool, columns: Int? = nil, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.columns = columns
        self.write = write
    }

    /// Standard output; live when it is a terminal (`isatty`), plain lines when redirected.
    public static var standardOutput: ProgressOutput {
        ProgressOutput(isTerminal: isatty(STDOUT_FILENO) == 1, columns: terminalColumns(STDOUT_FILENO)) {
            FileHandle.standardOutput.write(Data($0.utf8))
        }
    }

    /// Standard error, likewise.
    public static var standardError: ProgressOutput {
        ProgressOutput(isTerminal: isatty(STDERR_FILENO) == 1, columns: terminalColumns(STDERR_FILENO)) {
            FileHandle.standardError.write(Data($0.utf8))
        }
    }

    /// The width of the terminal on `fd`, or nil when it is not a terminal or does not say.
    static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        #if os(Linux)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        guard ioctl(fd, request, &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// A one-line progress bar for a loop of known length (an epoch of batches): batches done,
/// current loss, elapsed time and an estimate of the time left.
///
/// On a terminal the line is redrawn in place (`\r`), at most ten times a second, and
/// ``finish(summary:)`` replaces it with a summary line. When the output is not a terminal
/// (a log file, a pipe, CI) nothing is drawn while running and only the summary line is
/// written, so logs hold one plain line per epoch.
///
/// ```swift
/// let bar = ProgressBar(total: loader.batchCount, label: "epoch 1/5")
/// for (i, (x, t)) in loader.nextEpoch().enumerated() {
///     let loss = trainStep(x, t)
///     bar.update(done: i + 1, loss: loss)
/// }
/// bar.finish(summary: "epoch 1/5  train loss 0.4312  test accuracy 0.9120  3.2s")
/// ```
public final class ProgressBar {
    /// Steps in the loop (batches in the epoch).
    public let total: Int
    /// Text before the bar, like `epoch 1/5`.
    public let label: String
    private let output: ProgressOutput
    private let clock: () -> Double
    private let start: Double
    private var lastDraw = -Double.infinity
    private var drewSomething = false

    /// Width of the bar itself, in characters.
    static let barWidth = 20
    /// Seconds between redraws: ten a second is smooth and costs nothing.
    static let redrawInterval = 0.1

    /// - Parameters:
    ///   - total: the number of steps (batches) in the loop.
    ///   - label: shown before the bar, e.g. `"epoch 3/10"`.
    ///   - output: where the bar is drawn.
    ///   - clock: seconds from any fixed origin (tests pass a fake one).
    public init(total: Int, label: String = "", output: ProgressOutput = .standardOutput,
                clock: @escaping () -> Double = ProgressBar.monotonicSeconds) {
        self.total = max(total, 0)
        self.label = label
        self.output = output
        self.clock = clock
        start = clock()
    }

    /// Records that `done` steps are finished; `loss` is the latest (or running mean) loss.
    /// Redraws on a terminal when the last redraw is 0.1 s old, or at the last step.
    public func update(done: Int, loss: Double? = nil) {
        guard output.isTerminal else { return }
        let now = clock()
        guard now - lastDraw >= ProgressBar.redrawInterval || done >= total else { return }
        lastDraw = now
        drewSomething = true
        var text = ProgressBar.line(label: label, done: done, total: total, loss: loss, elapsed: now - start)
        if let columns = output.columns, text.count >= columns { text = String(text.prefix(max(columns - 1, 0))) }
        output.write("\r" + text + "\u{1B}[K")
    }

    /// Ends the bar: on a terminal, the bar is replaced by `summary`; otherwise `summary` is
    /// written as a plain line. An empty summary just ends the line.
    public func finish(summary: String) {
        let clear = output.isTerminal && drewSomething ? "\r\u{1B}[K" : ""
        output.write(clear + summary + "\n")
    }

    /// The bar's text: `epoch 2/5 [██████░░░░]  30/100  loss 0.4321  elapsed 0:03  ETA 0:07`.
    static func line(label: String, done: Int, total: Int, loss: Double?, elapsed: Double) -> String {
        let d = min(max(done, 0), total)
        let fraction = total > 0 ? Double(d) / Double(total) : 1
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        let width = String(total).count
        let count = String(repeating: " ", count: width - String(d).count) + "\(d)/\(total)"
        var parts = [(label.isEmpty ? "" : label + " ") + "[" + bar + "]", count]
        if let loss { parts.append("loss " + formatLoss(loss)) }
        let eta = d > 0 ? duration(elapsed / Double(d) * Double(total - d)) : "--:--"
        parts.append("elapsed \(duration(elapsed))  ETA \(eta)")
        return parts.joined(separator: "  ")
    }

    /// Four decimals for ordinary losses, scientific notation for tiny or huge ones.
    static func formatLoss(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v != 0 && (abs(v) < 1e-3 || abs(v) >= 1e5) { return String(format: "%.3e", v) }
        return String(format: "%.4f", v)
    }

    /// `m:ss`, or `h:mm:ss` from an hour up.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let s = Int(max(seconds, 0).rounded())
        let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60)
        let mm = h > 0 ? String(format: "%02d", m) : "\(m)"
        return (h > 0 ? "\(h):" : "") + mm + String(format: ":%02d", sec)
    }

    /// Seconds on a monotonic clock (never jumps with the wall clock).
    public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
