// Step 34: sin and its first three derivatives over [-7, 7], each found by differentiating the
// previous one. The book shows them in a matplotlib window; here they go to step34.svg (the
// step prints nothing, as the book's does; the file name goes to standard error).
import DeZero
import Foundation

let x = Variable(NDArray.linspace(-7, 7, count: 200))
let y = sin(x)
y.backward(createGraph: true)

var logs = [y.data]

for _ in 0..<3 {
    logs.append(x.grad!.data)
    let gx = x.grad!
    x.clearGrad()
    gx.backward(createGraph: true)
}

let labels = ["y=sin(x)", "y'", "y''", "y'''"]
let svg = linePlotSVG(x: x.data.scalars(as: Double.self),
                      curves: zip(labels, logs).map { ($0, $1.scalars(as: Double.self)) })
do {
    try svg.write(toFile: "step34.svg", atomically: true, encoding: .utf8)
    FileHandle.standardError.write(Data("wrote step34.svg\n".utf8))
} catch {
    FileHandle.standardError.write(Data("could not write step34.svg: \(error)\n".utf8))
    exit(1)
}

/// A small stand-in for matplotlib's `plt.plot` + `plt.legend`: the curves over a shared x in
/// one SVG picture, with a frame, tick labels and a legend in the lower right.
func linePlotSVG(x: [Double], curves: [(label: String, y: [Double])]) -> String {
    let (width, height, margin) = (640.0, 420.0, 48.0)
    let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
    let ys = curves.flatMap(\.y)
    let (x0, x1) = (x.min()!, x.max()!)
    let (y0, y1) = (ys.min()! - 0.1, ys.max()! + 0.1)
    func px(_ v: Double) -> Double { margin + (v - x0) / (x1 - x0) * (width - 2 * margin) }
    func py(_ v: Double) -> Double { height - margin - (v - y0) / (y1 - y0) * (height - 2 * margin) }
    func f(_ v: Double) -> String { String(format: "%.1f", v) }

    var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
               "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
               "<rect x=\"\(f(margin))\" y=\"\(f(margin))\" width=\"\(f(width - 2 * margin))\" height=\"\(f(height - 2 * margin))\" fill=\"none\" stroke=\"black\"/>"]
    for tick in stride(from: -6.0, through: 6.0, by: 2.0) {
        out.append("<text x=\"\(f(px(tick)))\" y=\"\(f(height - margin + 16))\" text-anchor=\"middle\">\(Int(tick))</text>")
    }
    for tick in stride(from: -1.0, through: 1.0, by: 0.5) {
        out.append("<text x=\"\(f(margin - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(tick)</text>")
    }
    for (k, curve) in curves.enumerated() {
        let points = zip(x, curve.y).map { "\(f(px($0))),\(f(py($1)))" }.joined(separator: " ")
        out.append("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colors[k % colors.count])\" stroke-width=\"1.5\"/>")
        let ly = height - margin - 16 * Double(curves.count - k) - 4
        out.append("<line x1=\"\(f(width - margin - 90))\" y1=\"\(f(ly))\" x2=\"\(f(width - margin - 66))\" y2=\"\(f(ly))\" stroke=\"\(colors[k % colors.count])\" stroke-width=\"1.5\"/>")
        out.append("<text x=\"\(f(width - margin - 60))\" y=\"\(f(ly + 4))\">\(curve.label)</text>")
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
}
