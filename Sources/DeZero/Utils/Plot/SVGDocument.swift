import Foundation

/// A minimal SVG text builder: elements appended in order, numbers with two decimals,
/// text escaped for XML. Used by the plots; standalone files a browser opens directly.
struct SVGDocument {
    private(set) var body: [String] = []
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished document with its XML declaration and white background.
    var text: String {
        let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(svgNumber(width))" height="\(svgNumber(height))" \
        viewBox="0 0 \(svgNumber(width)) \(svgNumber(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect x="0" y="0" width="\(svgNumber(width))" height="\(svgNumber(height))" fill="white"/>
        """
        return ([head] + body + ["</svg>", ""]).joined(separator: "\n")
    }

    mutating func raw(_ element: String) { body.append(element) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1) {
        raw("<line x1=\"\(svgNumber(x1))\" y1=\"\(svgNumber(y1))\" x2=\"\(svgNumber(x2))\" y2=\"\(svgNumber(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(width))\"/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, extra: String = "") {
        let s = stroke.map { " stroke=\"\($0)\"" } ?? ""
        raw("<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(w))\" height=\"\(svgNumber(h))\" fill=\"\(fill)\"\(s)\(extra)/>")
    }

    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String = "none", extra: String = "") {
        raw("<circle cx=\"\(svgNumber(cx))\" cy=\"\(svgNumber(cy))\" r=\"\(svgNumber(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(extra)/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dashed: Bool = false) {
        let coords = points.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
        let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
        raw("<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(width))\" stroke-linejoin=\"round\"\(dash)/>")
    }

    /// `anchor`: start, middle or end. `rotate`: degrees about the anchor point.
    mutating func text(_ string: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
                       weight: String? = nil, rotate: Double? = nil, fill: String = "#222") {
        var attributes = "x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let size { attributes += " font-size=\"\(svgNumber(size))\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotate { attributes += " transform=\"rotate(\(svgNumber(rotate)) \(svgNumber(x)) \(svgNumber(y)))\"" }
        raw("<text \(attributes)>\(SVGDocument.escape(string))</text>")
    }

    /// Escapes the five XML special characters.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// A coordinate with at most two decimals and no trailing zeros ("12", "3.5", "-0.25").
func svgNumber(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    var s = String(format: "%.2f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
}

/// The categorical palette of the plots (matplotlib's "tab10"), one color per series or class.
let plotPalette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                   "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
