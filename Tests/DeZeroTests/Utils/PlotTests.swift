import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DeZero

/// Parses an SVG as XML and counts its elements by name and by `class` attribute.
final class SVGCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var classes: [String: Int] = [:]
    var texts: [String] = []
    var root: String?
    private var inText = false

    /// nil when the text is not well-formed XML.
    static func parse(_ svg: String) -> SVGCounter? {
        let counter = SVGCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        return parser.parse() ? counter : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        if root == nil { root = name }
        elements[name, default: 0] += 1
        if let c = attributes["class"] { classes[c, default: 0] += 1 }
        inText = name == "text"
        if inText { texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        inText = false
    }
}

/// Collects what a progress bar writes.
final class TextCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
    var writes: [String] { lock.lock(); defer { lock.unlock() }; return parts }
}

@Suite struct PlotTests {
    @Test func trainingCurvesAreWellFormedWithOneLinePerSeries() throws {
        let svg = trainingCurvesSVG(trainLoss: [1.2, 0.6, 0.45, 0.4], testLoss: [1.1, 0.7, 0.55, 0.5],
                                    trainAccuracy: [0.6, 0.8, 0.88, 0.95], testAccuracy: [0.55, 0.75, 0.8, 0.85])
        let parsed = try #require(SVGCounter.parse(svg))
        #expect(parsed.root == "svg")
        // 4 data lines + 4 legend swatches, one dot per epoch per series.
        #expect(parsed.elements["polyline"] == 8)
        #expect(parsed.classes["marker"] == 16)
        for label in ["Loss", "Accuracy", "epoch", "loss", "accuracy", "train", "test"] {
            #expect(parsed.texts.contains(label), "missing text \(label)")
        }
        // Accuracy ticks stop at 1 (the axis is limited to 0…1): 0.5 … 1.0 in steps of 0.1.
        #expect(parsed.texts.contains("1.0") && !parsed.texts.contains("1.1"))
        // Epoch ticks are whole numbers 1…4.
        #expect(parsed.texts.filter { $0 == "4" }.count == 2)
    }

    @Test func regressionCurvesHaveOnePanelAndNaNLeavesAGap() throws {
        let svg = trainingCurvesSVG(trainLoss: [0.5, .nan, 0.3, 0.2, 0.1])
        let parsed = try #require(SVGCounter.parse(svg))
        #expect(!parsed.texts.contains("Accuracy"))
        // One swatch; the line split in two at the NaN; the lone first point has only its dot.
        #expect(parsed.elements["polyline"] == 2)
        #expect(parsed.classes["marker"] == 4)
        #expect(svg.contains("width=\"460\""))
    }

    @Test func textIsEscaped() throws {
        let panel = PlotPanel(title: "a < b & \"c\"", yLabel: "y", series: [PlotSeries("x>y", [1, 2])])
        let parsed = try #require(SVGCounter.parse(epochCurvesSVG(panels: [panel])))
        #expect(parsed.texts.contains("a < b & \"c\""))
        #expect(parsed.texts.contains("x>y"))
    }

    @Test func niceTicksCoverTheData() {
        let s = AxisScale(covering: [0.13, 0.87])
        #expect(s.lower == 0 && s.upper == 1)
        #expect(s.ticks.map(s.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let epochs = AxisScale(covering: [1, 30], integer: true)
        #expect(epochs.ticks.allSatisfy { $0 == $0.rounded() })
        #expect(epochs.lower <= 1 && epochs.upper >= 30)
        let single = AxisScale(covering: [1, 1], integer: true)
        #expect(single.lower <= 0 && single.upper >= 2)
        #expect(AxisScale.niceStep(0.3) == 0.2 && AxisScale.niceStep(0.4) == 0.5 && AxisScale.niceStep(7) == 5)
        #expect(AxisScale.niceStep(8) == 10 && AxisScale.niceStep(0.02) == 0.02)
    }

    @Test func decisionGridOrdersCellsFromTheTopLeft() {
        let grid = DecisionGrid(xRange: 0...4, yRange: 0...2, columns: 4, rows: 2)
        #expect(grid.inputs.shape == [8, 2])
        // Cell centres: row 0 is y = 1.5 (top), x = 0.5, 1.5, 2.5, 3.5; row 1 is y = 0.5.
        #expect(grid.inputs.scalars(as: Float.self) == [0.5, 1.5, 1.5, 1.5, 2.5, 1.5, 3.5, 1.5,
                                                        0.5, 0.5, 1.5, 0.5, 2.5, 0.5, 3.5, 0.5])
        let around = DecisionGrid(covering: NDArray([[0, 0], [1, 2]] as [[Double]]), margin: 0.1, resolution: 10)
        #expect(around.xRange == -0.1...1.1)
        #expect(abs(around.yRange.lowerBound + 0.2) < 1e-12 && abs(around.yRange.upperBound - 2.2) < 1e-12)
    }

    @Test func decisionSVGMergesRunsAndDrawsEveryPoint() throws {
        let grid = DecisionGrid(xRange: -1...1, yRange: -1...1, columns: 4, rows: 3)
        // Row runs: [0 0 1 1] → 2, [2 2 2 2] → 1, [0 1 0 1] → 4: 7 rectangles.
        let predictions = [0, 0, 1, 1, 2, 2, 2, 2, 0, 1, 0, 1]
        let data = NDArray([[-0.5, 0.5], [0.5, -0.5], [0, 0], [0.9, 0.9], [-0.9, -0.2]] as [[Double]])
        let labels = NDArray([0, 1, 2, 1, 0])
        let svg = grid.svg(predictions: NDArray(predictions), data: data, labels: labels)
        let parsed = try #require(SVGCounter.parse(svg))
        #expect(parsed.classes["region"] == 7)
        #expect(parsed.classes["point"] == 5)
        #expect(parsed.texts.contains("class 2"))
    }

    @Test func progressLineShowsCountsLossAndETA() {
        let line = ProgressBar.line(label: "epoch 2/5", done: 25, total: 100, loss: 0.43214, elapsed: 3)
        #expect(line == "epoch 2/5 [█████░░░░░░░░░░░░░░░]   25/100  loss 0.4321  elapsed 0:03  ETA 0:09")
        let start = ProgressBar.line(label: "", done: 0, total: 10, loss: nil, elapsed: 0)
        #expect(start == "[░░░░░░░░░░░░░░░░░░░░]   0/10  elapsed 0:00  ETA --:--")
        #expect(ProgressBar.duration(3725) == "1:02:05")
        #expect(ProgressBar.duration(59.6) == "1:00")
        #expect(ProgressBar.formatLoss(2.5e-5) == "2.500e-05")
        #expect(ProgressBar.formatLoss(.nan) == "nan")
    }

    @Test func liveBarRedrawsAtMostTenTimesASecond() {
        let out = TextCollector()
        var now = 100.0
        let bar = ProgressBar(total: 50, label: "e", output: ProgressOutput(isTerminal: true) { out.append($0) },
                              clock: { now })
        for i in 1...50 {
            now += 0.01  // 100 steps a second: about one draw in ten
            bar.update(done: i, loss: 1)
        }
        bar.finish(summary: "done")
        let writes = out.writes
        let draws = writes.dropLast()
        #expect(draws.count >= 5 && draws.count <= 7)  // 0.5 s of work: ~5 timed draws plus the last step
        #expect(draws.allSatisfy { $0.hasPrefix("\r") && $0.hasSuffix("\u{1B}[K") })
        #expect(draws.last?.contains("50/50") == true)
        #expect(writes.last == "\r\u{1B}[Kdone\n")
    }

    @Test func liveLineIsCutToTheTerminalWidth() {
        let out = TextCollector()
        let bar = ProgressBar(total: 4, label: "epoch 1/1", output: ProgressOutput(isTerminal: true, columns: 30) { out.append($0) })
        bar.update(done: 4, loss: 0.25)
        // 29 characters: "epoch 1/1 [" (11) and 18 of the 20 bar cells.
        #expect(out.writes == ["\repoch 1/1 [" + String(repeating: "█", count: 18) + "\u{1B}[K"])
    }

    @Test func plainOutputWritesOnlySummaryLines() {
        let out = TextCollector()
        let bar = ProgressBar(total: 3, output: ProgressOutput(isTerminal: false) { out.append($0) })
        for i in 1...3 { bar.update(done: i, loss: 0.5) }
        bar.finish(summary: "epoch 1  loss 0.5000")
        #expect(out.writes == ["epoch 1  loss 0.5000\n"])
    }
}
