// Step 35: the graph of tanh's second derivative, built by backward(createGraph: true).
// Writes tanh.png with Graphviz's `dot` (or tanh.dot without it, said on standard error).
// Raise `iters` for higher derivatives, as the book does.
import DeZero
import Foundation

let x = Variable(1.0)
let y = tanh(x)
x.name = "x"
y.name = "y"
y.backward(createGraph: true)

let iters = 1

for _ in 0..<iters {
    let gx = x.grad!
    x.clearGrad()
    gx.backward(createGraph: true)
}

let gx = x.grad!
gx.name = "gx" + String(iters + 1)
plotDotGraph(gx, verbose: false, toFile: "tanh.png")

/// The book's `plot_dot_graph(output, verbose, to_file)`, falling back to the DOT text when
/// Graphviz is missing. Messages go to standard error: the book's step prints nothing.
func plotDotGraph(_ output: Variable, verbose: Bool, toFile file: String) {
    let picture = URL(fileURLWithPath: file)
    do {
        try DeZero.plotDotGraph(output, verbose: verbose, to: picture)
    } catch GraphRenderError.dotNotFound {
        let text = picture.deletingPathExtension().appendingPathExtension("dot")
        do {
            try dotGraph(output, verbose: verbose).write(to: text, atomically: true, encoding: .utf8)
            FileHandle.standardError.write(Data("Graphviz's dot was not found: wrote the DOT text to \(text.lastPathComponent) instead of \(file) (render it with `dot -Tpng \(text.lastPathComponent) -o \(file)`)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("could not write \(text.path): \(error)\n".utf8))
            exit(1)
        }
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
