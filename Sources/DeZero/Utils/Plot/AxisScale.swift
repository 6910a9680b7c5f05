import Foundation

/// A linear axis: a data interval widened to "nice" round ticks (1, 2 or 5 × 10ᵏ) and mapped
/// onto a pixel interval.
struct AxisScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    /// Decimals that print every tick exactly.
    let decimals: Int

    /// Covers `values` (non-finite ones ignored) with about `targetTicks` ticks. `integer`
    /// keeps steps whole (epochs); `clamp` keeps the axis inside an interval (accuracy: 0…1).
    init(covering values: [Double], targetTicks: Int = 5, integer: Bool = false, clamp: ClosedRange<Double>? = nil) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            // One value: open a small window around it.
            let pad = integer ? 1 : max(abs(lo) * 0.1, 1e-3)
            lo -= pad
            hi += pad
        }
        if let clamp { lo = max(lo, clamp.lowerBound); hi = min(hi, clamp.upperBound) }
        var step = AxisScale.niceStep((hi - lo) / Double(max(targetTicks - 1, 1)))
        if integer { step = max(1, step.rounded()) }
        // The tolerance keeps 0.9 / 0.1 = 9.000000000000002 from adding a needless tick.
        lower = (lo / step + 1e-9).rounded(.down) * step
        upper = (hi / step - 1e-9).rounded(.up) * step
        ticks = stride(from: lower, through: upper + step * 1e-9, by: step).map { abs($0) < step * 1e-9 ? 0 : $0 }
        decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }

    /// An axis over exactly `range`, with nice ticks inside it (maps that fill their box).
    init(exactly range: ClosedRange<Double>, targetTicks: Int = 5) {
        let step = AxisScale.niceStep((range.upperBound - range.lowerBound) / Double(max(targetTicks - 1, 1)))
        lower = range.lowerBound
        upper = range.upperBound
        let first = (lower / step - 1e-9).rounded(.up) * step
        ticks = stride(from: first, through: upper + step * 1e-9, by: step).map { abs($0) < step * 1e-9 ? 0 : $0 }
        decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }

    /// 1, 2 or 5 times a power of ten, the nearest to `raw` on a log scale.
    static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, log10(raw).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * power }.min { abs(log($0 / raw)) < abs(log($1 / raw)) }!
    }

    /// Maps a value to the pixel interval `from`…`to` (`to` may be smaller: SVG's y grows down).
    func position(_ v: Double, from: Double, to: Double) -> Double {
        from + (v - lower) / (upper - lower) * (to - from)
    }

    func label(_ v: Double) -> String { String(format: "%.\(decimals)f", v) }
}
