/// One rectangular plot area inside an ``SVGDocument``: grid, axes, tick labels, axis titles
/// and a title, and the mapping from data to pixels.
struct PlotFrame {
    /// Plot area in pixels (left, top, width, height).
    let left: Double, top: Double, width: Double, height: Double
    let x: AxisScale
    let y: AxisScale

    func px(_ v: Double) -> Double { x.position(v, from: left, to: left + width) }
    func py(_ v: Double) -> Double { y.position(v, from: top + height, to: top) }

    /// Draws the frame; `grid` adds light lines at the ticks (line charts want them, maps don't).
    func draw(in svg: inout SVGDocument, title: String, xLabel: String, yLabel: String, grid: Bool = true) {
        let bottom = top + height, right = left + width
        for t in x.ticks {
            let p = px(t)
            if grid { svg.line(p, top, p, bottom, stroke: "#e6e6e6") }
            svg.line(p, bottom, p, bottom + 5, stroke: "#444")
            svg.text(x.label(t), x: p, y: bottom + 18, anchor: "middle", size: 11)
        }
        for t in y.ticks {
            let p = py(t)
            if grid { svg.line(left, p, right, p, stroke: "#e6e6e6") }
            svg.line(left - 5, p, left, p, stroke: "#444")
            svg.text(y.label(t), x: left - 8, y: p + 4, anchor: "end", size: 11)
        }
        svg.rect(left, top, width, height, fill: "none", stroke: "#444")
        svg.text(xLabel, x: left + width / 2, y: bottom + 38, anchor: "middle", size: 13)
        svg.text(yLabel, x: left - 48, y: top + height / 2, anchor: "middle", size: 13, rotate: -90)
        svg.text(title, x: left, y: top - 26, size: 15, weight: "bold")
    }

    /// A one-row legend above the plot area, right-aligned: a swatch (line or dot) and a name each.
    func legend(in svg: inout SVGDocument, entries: [(name: String, color: String, dashed: Bool)], dots: Bool = false) {
        var xEnd = left + width
        let y = top - 10
        for entry in entries.reversed() {
            let textWidth = Double(entry.name.count) * 6.6
            svg.text(entry.name, x: xEnd, y: y + 4, anchor: "end", size: 12)
            let swatchEnd = xEnd - textWidth - 5
            if dots {
                svg.circle(swatchEnd - 6, y, r: 4, fill: entry.color, stroke: "#333")
            } else {
                svg.polyline([(swatchEnd - 22, y), (swatchEnd, y)], stroke: entry.color, width: 2.5, dashed: entry.dashed)
            }
            xEnd = swatchEnd - 34
        }
    }
}
