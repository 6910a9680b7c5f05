// Step 26: draw the computational graph of the Goldstein-Price function.
// Writes goldstein.png with Graphviz's `dot`, as the book does. Without Graphviz it writes
// the DOT text to goldstein.dot instead and says so on standard error.
import DeZero
import Foundation

func goldstein(_ x: Variable, _ y: Variable) -> Variable {
    let z = (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) *
        (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
    return z
}

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

let x = Variable(1.0)
let y = Variable(1.0)
let z = goldstein(x, y)
z.backward()

x.name = "x"
y.name = "y"
z.name = "z"
plotDotGraph(z, verbose: false, toFile: "goldstein.png")
