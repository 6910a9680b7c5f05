// Step 27: differentiate sin, first as a Function of its own, then through its Taylor series
// (a loop of ordinary operations, differentiated as it runs). Writes the Taylor graph to
// my_sin.png (or my_sin.dot without Graphviz, said on standard error).
import DeZero
import Foundation

// The book's own Sin class. Inside the step it shadows the framework's Sin and sin.
final class Sin: UnaryFunction {
    override func forward(_ x: NDArray) -> NDArray {
        let y = DeZeroArray.sin(x)
        return y
    }

    override func backward(_ gy: Variable) -> Variable {
        let x = input.data
        let gx = gy * DeZeroArray.cos(x)
        return gx
    }
}

func sin(_ x: Variable) -> Variable {
    Sin()(x)
}

var x = Variable(Double.pi / 4)
var y = sin(x)
y.backward()
print("--- original sin ---")
print(y.data.strDescription)  // NumPy's str(); an NDArray's description is NumPy's repr()
print(x.grad!)

func mySin(_ x: Variable, threshold: Double = 0.0001) -> Variable {
    var y = Variable(0.0)  // Python starts from the integer 0; 0 + t is t either way
    var factorial = 1.0  // (2i + 1)!, exact in a Double for the terms this loop reaches
    for i in 0..<100000 {
        if i > 0 { factorial *= Double(2 * i) * Double(2 * i + 1) }
        let c = (i % 2 == 0 ? 1.0 : -1.0) / factorial
        let t = c * x ** (2 * i + 1)
        y = y + t
        if abs(t.item()) < threshold {
            break
        }
    }
    return y
}

x = Variable(Double.pi / 4)
y = mySin(x)  // , threshold: 1e-150
y.backward()
print("--- approximate sin ---")
print(y.data.strDescription)
print(x.grad!)

x.name = "x"
y.name = "y"
plotDotGraph(y, verbose: false, toFile: "my_sin.png")

/// The book's `plot_dot_graph(output, verbose, to_file)`, falling back to the DOT text when
/// Graphviz is missing. Messages go to standard error, so standard output stays the book's.
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
