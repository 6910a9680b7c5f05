import Foundation

/// A grid of points over a 2-D box, for drawing what a classifier predicts everywhere (the
/// book's spiral plot): classify ``inputs`` with the model, then draw with ``svg(predictions:data:labels:)-(NDArray,_,_)``.
///
/// ```swift
/// let grid = DecisionGrid(covering: spiral.data)
/// let scores = withNoGrad { model(Variable(grid.inputs)) }       // [rows·columns, 3]
/// let classes = scores.data.argmax(axis: 1)                     // one class per grid point
/// try grid.svg(predictions: classes, data: spiral.data, labels: spiral.label)
///     .write(to: dir.appendingPathComponent("decision.svg"), atomically: true, encoding: .utf8)
/// ```
public struct DecisionGrid: Sendable {
    /// The box's extent along the first input.
    public let xRange: ClosedRange<Double>
    /// The box's extent along the second input.
    public let yRange: ClosedRange<Double>
    /// Grid points across, along x.
    public let columns: Int
    /// Grid points down, along y.
    public let rows: Int

    /// A `columns` × `rows` grid over the box.
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int = 200, rows: Int = 200) {
        dezeroCheck(columns > 0 && rows > 0, "DecisionGrid: needs at least one column and row, got \(columns)×\(rows)")
        dezeroCheck(xRange.upperBound > xRange.lowerBound && yRange.upperBound > yRange.lowerBound,
                    "DecisionGrid: the box \(xRange) × \(yRange) is empty")
        self.xRange = xRange
        self.yRange = yRange
        self.columns = columns
        self.rows = rows
    }

    /// A grid over the bounding box of `data` (shape `[n, 2]`), widened by `margin` of its size
    /// on each side.
    public init(covering data: NDArray, margin: Double = 0.05, resolution: Int = 200) {
        dezeroCheck(data.ndim == 2 && data.shape[1] == 2 && data.shape[0] > 0,
                    "DecisionGrid: data must have shape (n, 2) with n > 0, got \(shapeDescription(data.shape))")
        let v = data.scalars(as: Double.self)
        let xs = stride(from: 0, to: v.count, by: 2).map { v[$0] }
        let ys = stride(from: 1, to: v.count, by: 2).map { v[$0] }
        func widened(_ a: [Double]) -> ClosedRange<Double> {
            let lo = a.min()!, hi = a.max()!
            let pad = max((hi - lo) * margin, 1e-6)
            return (lo - pad)...(hi + pad)
        }
        self.init(xRange: widened(xs), yRange: widened(ys), columns: resolution, rows: resolution)
    }

    /// The centres of the cells, shape `[rows · columns, 2]` float32, row by row from the top
    /// (largest y) down, left to right within a row — the order ``svg(predictions:data:labels:)-(NDArray,_,_)`` reads.
    public var inputs: NDArray {
        let dx = (xRange.upperBound - xRange.lowerBound) / Double(columns)
        let dy = (yRange.upperBound - yRange.lowerBound) / Double(rows)
        return NDArray.make(Float.self, shape: [rows * columns, 2]) { out in
            for r in 0..<rows {
                let y = Float(yRange.upperBound - (Double(r) + 0.5) * dy)
                for c in 0..<columns {
                    out[2 * (r * columns + c)] = Float(xRange.lowerBound + (Double(c) + 0.5) * dx)
                    out[2 * (r * columns + c) + 1] = y
                }
            }
        }
    }

    /// The predicted class of every cell (an int64 array of `rows · columns` values, in the
    /// order of ``inputs``) as colored regions, with the data points (`[n, 2]`) colored by
    /// their labels (`[n]`) on top: a standalone SVG.
    public func svg(predictions: NDArray, data: NDArray, labels: NDArray) -> String {
        svg(predictions: predictions.scalars(as: Int64.self).map { Int($0) }, data: data, labels: labels)
    }

    /// Same, with the predictions as Swift integers.
    public func svg(predictions: [Int], data: NDArray, labels: NDArray) -> String {
        dezeroCheck(predictions.count == rows * columns,
                    "DecisionGrid.svg: \(predictions.count) predictions for a grid of \(rows)×\(columns) = \(rows * columns) cells")
        dezeroCheck(data.ndim == 2 && data.shape[1] == 2 && labels.count == data.shape[0],
                    "DecisionGrid.svg: data \(shapeDescription(data.shape)) and labels \(shapeDescription(labels.shape)) must be (n, 2) and (n,)")
        let size = 460.0
        let frame = PlotFrame(left: 66, top: 48, width: size, height: size,
                              x: AxisScale(exactly: xRange), y: AxisScale(exactly: yRange))
        var svg = SVGDocument(width: frame.left + size + 24, height: frame.top + size + 56)
        drawRegions(predictions, frame: frame, in: &svg)
        let points = data.scalars(as: Double.self)
        let classes = labels.scalars(as: Int64.self).map { Int($0) }
        for (i, label) in classes.enumerated() {
            svg.circle(frame.px(points[2 * i]), frame.py(points[2 * i + 1]), r: 3.5,
                       fill: color(label), stroke: "#222", extra: " stroke-width=\"0.6\" class=\"point\"")
        }
        frame.draw(in: &svg, title: "Decision regions", xLabel: "x₀", yLabel: "x₁", grid: false)
        let present = Set(classes).union(predictions).sorted()
        frame.legend(in: &svg, entries: present.map { ("class \($0)", color($0), false) }, dots: true)
        return svg.text
    }

    /// Cells of one row with the same class become one rectangle, so a 200×200 grid takes a few
    /// hundred elements, not 40,000.
    private func drawRegions(_ predictions: [Int], frame: PlotFrame, in svg: inout SVGDocument) {
        let x0 = frame.px(xRange.lowerBound), x1 = frame.px(xRange.upperBound)
        let yTop = frame.py(yRange.upperBound), yBottom = frame.py(yRange.lowerBound)
        let cellW = (x1 - x0) / Double(columns), cellH = (yBottom - yTop) / Double(rows)
        svg.raw("<g shape-rendering=\"crispEdges\">")
        for r in 0..<rows {
            var c = 0
            while c < columns {
                let cls = predictions[r * columns + c]
                var end = c + 1
                while end < columns && predictions[r * columns + end] == cls { end += 1 }
                // Slightly overlapping cells hide anti-aliasing seams between neighbours.
                svg.rect(x0 + Double(c) * cellW, yTop + Double(r) * cellH, Double(end - c) * cellW + 0.3, cellH + 0.3,
                         fill: tint(color(cls)), extra: " class=\"region\"")
                c = end
            }
        }
        svg.raw("</g>")
    }

    /// The class color mixed with white: opaque, so overlapping cells show no seams.
    private func tint(_ hex: String) -> String {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        let parts = [v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff].map { 255 - (255 - $0) * 3 / 10 }
        return "#" + parts.map { String(format: "%02x", $0) }.joined()
    }

    private func color(_ cls: Int) -> String { plotPalette[((cls % plotPalette.count) + plotPalette.count) % plotPalette.count] }
}
