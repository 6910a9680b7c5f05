import Foundation

/// The computational graph behind `output` in Graphviz's DOT language (the book's Steps 25–26):
/// variables as orange ellipses, functions as blue boxes, edges in the direction of the data.
///
/// With `verbose`, each variable's label adds its shape and dtype (`x: (2, 3) float64`).
/// Graphs built by `backward(createGraph: true)` are drawn the same way.
///
/// ```swift
/// let x = Variable(1.0, name: "x")
/// let y = tanh(x)
/// print(dotGraph(y))     // digraph g { … }
/// ```
public func dotGraph(_ output: Variable, verbose: Bool = true) -> String {
    var lines = ["digraph g {"]
    var seenFunctions = Set<ObjectIdentifier>()
    var seenVariables = Set<ObjectIdentifier>()
    var stack: [Function] = []

    func node(_ v: Variable) {
        guard seenVariables.insert(ObjectIdentifier(v)).inserted else { return }
        lines.append("\(dotID(v)) [label=\"\(dotEscape(variableLabel(v, verbose: verbose)))\", color=orange, style=filled]")
    }
    func push(_ f: Function?) {
        guard let f, seenFunctions.insert(ObjectIdentifier(f)).inserted else { return }
        stack.append(f)
    }

    node(output)
    push(output.creator)
    while let f = stack.popLast() {
        lines.append("\(dotID(f)) [label=\"\(dotEscape(String(describing: type(of: f))))\", color=lightblue, style=filled, shape=box]")
        for x in f.inputs {
            node(x)
            lines.append("\(dotID(x)) -> \(dotID(f))")
            push(x.creator)
        }
        for case let y? in f.outputs {
            node(y)
            lines.append("\(dotID(f)) -> \(dotID(y))")
        }
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
}

/// An error from rendering a graph picture.
public enum GraphRenderError: Error, CustomStringConvertible {
    /// Graphviz's `dot` is not on PATH.
    case dotNotFound
    /// `dot` ran and failed.
    case dotFailed(status: Int32, message: String)

    /// One line saying what failed and what to do.
    public var description: String {
        switch self {
        case .dotNotFound:
            "plotDotGraph: Graphviz's `dot` program was not found on PATH; install Graphviz (for example `apt-get install graphviz`), or write the text of dotGraph(_:) to a file and render it elsewhere"
        case let .dotFailed(status, message):
            "plotDotGraph: `dot` exited with status \(status): \(message)"
        }
    }
}

/// Renders the graph behind `output` to a picture with Graphviz's `dot`; the format comes
/// from the file extension (`.png`, `.svg`, `.pdf`, …; `.dot` writes the DOT text itself).
///
/// ```swift
/// try plotDotGraph(y, to: URL(fileURLWithPath: "graph.png"))
/// ```
///
/// - Throws: ``GraphRenderError/dotNotFound`` when Graphviz is not installed.
public func plotDotGraph(_ output: Variable, verbose: Bool = true, to url: URL) throws {
    let text = dotGraph(output, verbose: verbose)
    let format = url.pathExtension.isEmpty ? "png" : url.pathExtension.lowercased()
    if format == "dot" || format == "gv" {
        try Data(text.utf8).write(to: url, options: .atomic)
        return
    }
    guard let dot = findExecutable("dot") else { throw GraphRenderError.dotNotFound }
    let process = Process()
    process.executableURL = dot
    process.arguments = ["-T\(format)", "-o", url.path]
    let input = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
        throw GraphRenderError.dotFailed(status: process.terminationStatus,
                                         message: String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Looks a program up on PATH.
func findExecutable(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

private func dotID(_ object: AnyObject) -> String {
    String(UInt(bitPattern: ObjectIdentifier(object).hashValue))
}

private func variableLabel(_ v: Variable, verbose: Bool) -> String {
    var label = v.name ?? ""
    if verbose {
        if !label.isEmpty { label += ": " }
        label += shapeDescription(v.shape) + " " + v.dtype.description
    }
    return label
}

private func dotEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
}
