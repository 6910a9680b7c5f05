import ArgumentParser
import DeZero
import Foundation

/// `dezero graph`: draws the computational graph of one of the book's examples.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the computational graph of a built-in example (the book's Steps 26 and 35).",
        discussion: """
        Examples: `goldstein` is the Goldstein-Price function of Step 26; `tanh` is the n-th \
        derivative of tanh built with createGraph, as in Step 35. The picture format follows the \
        extension of --output (.png, .svg, .pdf through Graphviz's `dot`; .dot writes the text).
        """
    )

    enum Example: String, ExpressibleByArgument, CaseIterable {
        case goldstein, tanh
    }

    @Option(help: "The example to draw: \(Example.allCases.map(\.rawValue).joined(separator: ", ")).")
    var example: Example = .goldstein

    @Option(help: "For tanh: the order of the derivative to draw (1 or more).")
    var order: Int = 2

    @Option(name: .shortAndLong, help: "Where to write the picture (default: <example>.png in the current directory).")
    var output: String?

    @Flag(inversion: .prefixedNo, help: "Label variables with their shape and dtype.")
    var verbose = true

    func validate() throws {
        if order < 1 { throw ValidationError("--order must be 1 or more, got \(order)") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: output ?? "\(example.rawValue).png")
        let graph = build()
        do {
            try plotDotGraph(graph, verbose: verbose, to: url)
        } catch let error as GraphRenderError {
            throw CLIFailure("\(error); or choose a .dot output (--output \(example.rawValue).dot)")
        }
        say("wrote \(url.path)")
    }

    /// Builds the example's graph and returns the variable to draw it from.
    private func build() -> Variable {
        switch example {
        case .goldstein:
            let x = Variable(1.0, name: "x"), y = Variable(1.0, name: "y")
            let z: Variable = (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) *
                (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
            z.name = "z"
            return z
        case .tanh:
            let x = Variable(1.0, name: "x")
            let y = tanh(x)
            y.name = "y"
            y.backward(createGraph: true)
            for _ in 1..<order {
                let gx = x.grad!
                x.clearGrad()
                gx.backward(createGraph: true)
            }
            let gx = x.grad!
            gx.name = "gx\(order)"
            return gx
        }
    }
}
