/// One line of an epoch plot: `values[i]` is the value after epoch `i + 1`.
///
/// ```swift
/// let train = PlotSeries("train", [0.9, 0.5, 0.3])
/// let test = PlotSeries("test", [1.0, 0.6, 0.4], dashed: true)
/// ```
public struct PlotSeries: Sendable {
    /// The name in the legend.
    public var name: String
    /// One value per epoch.
    public var values: [Double]
    /// An SVG color; empty takes the next one of the default palette.
    public var color: String
    /// Drawn dashed (test figures beside solid training ones).
    public var dashed: Bool

    /// `color` is any SVG color; `nil` takes the next one of the default palette.
    public init(_ name: String, _ values: [Double], color: String? = nil, dashed: Bool = false) {
        self.name = name
        self.values = values
        self.color = color ?? ""
        self.dashed = dashed
    }
}

/// One panel of an epoch plot: a title, a y-axis label and its lines.
///
/// ```swift
/// let loss = PlotPanel(title: "Loss", yLabel: "loss", series: [train, test])
/// let accuracy = PlotPanel(title: "Accuracy", yLabel: "accuracy", series: [trainAcc], yLimits: 0...1)
/// ```
public struct PlotPanel: Sendable {
    /// The heading above the panel.
    public var title: String
    /// The label of the y-axis.
    public var yLabel: String
    /// The lines drawn, in legend order.
    public var series: [PlotSeries]
    /// Limits the y-axis (accuracy: `0...1`), so rounding never shows impossible values.
    public var yLimits: ClosedRange<Double>?

    /// A panel; `yLimits` clamps its y-axis (nil: fitted to the values).
    public init(title: String, yLabel: String, series: [PlotSeries], yLimits: ClosedRange<Double>? = nil) {
        self.title = title
        self.yLabel = yLabel
        self.series = series
        self.yLimits = yLimits
    }
}

/// The training curves the CLI writes to `curves.svg`: loss on the left, accuracy on the right
/// (omitted for regression, where there is none), train and test in each, against epoch.
///
/// ```swift
/// let svg = trainingCurvesSVG(trainLoss: [1.2, 0.6, 0.4], testLoss: [1.1, 0.7, 0.5],
///                             trainAccuracy: [0.6, 0.8, 0.9], testAccuracy: [0.6, 0.75, 0.85])
/// try svg.write(to: runDirectory.appendingPathComponent("curves.svg"), atomically: true, encoding: .utf8)
/// ```
public func trainingCurvesSVG(trainLoss: [Double], testLoss: [Double]? = nil,
                              trainAccuracy: [Double]? = nil, testAccuracy: [Double]? = nil) -> String {
    func pair(_ train: [Double]?, _ test: [Double]?) -> [PlotSeries] {
        (train.map { [PlotSeries("train", $0, color: plotPalette[0])] } ?? [])
            + (test.map { [PlotSeries("test", $0, color: plotPalette[1], dashed: true)] } ?? [])
    }
    var panels = [PlotPanel(title: "Loss", yLabel: "loss", series: pair(trainLoss, testLoss))]
    if trainAccuracy != nil || testAccuracy != nil {
        panels.append(PlotPanel(title: "Accuracy", yLabel: "accuracy", series: pair(trainAccuracy, testAccuracy),
                                yLimits: 0...1))
    }
    return epochCurvesSVG(panels: panels)
}

/// Panels side by side, each a line chart of values against epoch 1, 2, …, as a standalone SVG.
/// Non-finite values (a diverged loss) leave a gap in their line.
public func epochCurvesSVG(panels: [PlotPanel], xLabel: String = "epoch") -> String {
    let panelWidth = 460.0, panelHeight = 340.0
    let margin = (left: 72.0, right: 24.0, top: 58.0, bottom: 56.0)
    var svg = SVGDocument(width: Double(max(panels.count, 1)) * panelWidth, height: panelHeight)
    for (k, panel) in panels.enumerated() {
        let epochs = panel.series.map(\.values.count).max() ?? 0
        let frame = PlotFrame(
            left: Double(k) * panelWidth + margin.left, top: margin.top,
            width: panelWidth - margin.left - margin.right, height: panelHeight - margin.top - margin.bottom,
            x: AxisScale(covering: [1, Double(max(epochs, 1))], integer: true),
            y: AxisScale(covering: panel.series.flatMap(\.values), clamp: panel.yLimits))
        frame.draw(in: &svg, title: panel.title, xLabel: xLabel, yLabel: panel.yLabel)
        var legend: [(name: String, color: String, dashed: Bool)] = []
        for (i, series) in panel.series.enumerated() {
            let color = series.color.isEmpty ? plotPalette[i % plotPalette.count] : series.color
            drawSeries(series.values, color: color, dashed: series.dashed, frame: frame, in: &svg)
            legend.append((series.name, color, series.dashed))
        }
        frame.legend(in: &svg, entries: legend)
    }
    return svg.text
}

/// A line through the finite values, broken where a value is not finite, with a dot per epoch
/// when there are few enough to tell apart.
private func drawSeries(_ values: [Double], color: String, dashed: Bool, frame: PlotFrame, in svg: inout SVGDocument) {
    var run: [(Double, Double)] = []
    func flush() {
        if run.count > 1 { svg.polyline(run, stroke: color, dashed: dashed) }
        run = []
    }
    for (i, v) in values.enumerated() {
        if v.isFinite { run.append((frame.px(Double(i + 1)), frame.py(v))) } else { flush() }
    }
    flush()
    guard values.count <= 40 else { return }
    for (i, v) in values.enumerated() where v.isFinite {
        svg.circle(frame.px(Double(i + 1)), frame.py(v), r: 3, fill: color, extra: " class=\"marker\"")
    }
}
