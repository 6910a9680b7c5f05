import Foundation
import Testing
import DeZero

/// True when `python3`-style tool lookups should fail loudly instead of skipping (CI sets it).
let toolsRequired = ProcessInfo.processInfo.environment["DEZERO_REQUIRE_TOOLS"] == "1"

func programOnPath(_ name: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
}

@Suite("DOT graph export")
struct DotGraphTests {
    @Test("variables are ellipses with name, shape and dtype; functions are boxes; edges follow the data")
    func structure() {
        let x = Variable(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]), name: "x")
        let y = Variable(1.0, name: "y")
        let z = exp(x) + y
        z.name = "z"
        let dot = dotGraph(z)
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph g {" && lines.last == "}")
        #expect(lines.contains { $0.contains("label=\"x: (2, 3) float64\", color=orange, style=filled") })
        #expect(lines.contains { $0.contains("label=\"y: () float64\"") })
        #expect(lines.contains { $0.contains("label=\"Exp\", color=lightblue, style=filled, shape=box") })
        #expect(lines.contains { $0.contains("label=\"Add\"") })
        // 4 variables (x, y, exp(x), z), 2 functions, 5 edges.
        #expect(lines.filter { $0.contains("color=orange") }.count == 4)
        #expect(lines.filter { $0.contains("shape=box") }.count == 2)
        #expect(lines.filter { $0.contains(" -> ") }.count == 5)
        let terse = dotGraph(z, verbose: false)
        #expect(terse.contains("label=\"x\"") && !terse.contains("float64"))
    }

    @Test("graphs made by createGraph are drawn too, each node once")
    func higherOrder() {
        let x = Variable(1.0, name: "x")
        tanh(x).backward(createGraph: true)
        let gx = x.grad!
        let dot = dotGraph(gx)
        #expect(dot.contains("label=\"Tanh\""))
        let ids = dot.split(separator: "\n").filter { $0.contains("[label=") }.map { $0.split(separator: " ")[0] }
        #expect(Set(ids).count == ids.count)
    }

    @Test("plotDotGraph renders a PNG with Graphviz", .enabled(if: programOnPath("dot") || toolsRequired))
    func render() throws {
        let x = Variable(1.0, name: "x")
        let y = sin(x) * x
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dezero-graph-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try plotDotGraph(y, to: url)
        let bytes = try Data(contentsOf: url)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))  // PNG signature
    }

    @Test("a .dot destination writes the DOT text without Graphviz")
    func dotFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dezero-graph-\(UUID().uuidString).dot")
        defer { try? FileManager.default.removeItem(at: url) }
        try plotDotGraph(square(Variable(2.0)), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("digraph g {"))
    }
}
