// Step 59: a simple recurrent network (RNN) learns a noisy sine wave, one sample at a time,
// with truncated backpropagation through time every 30 steps.
//
// Run: swift run -c release step59 [--epochs N]
//   --epochs N   train for N epochs instead of the book's 100 (a quicker look)
//
// Swift differences:
// - The book plots the prediction of cos(x) with matplotlib's window; here the same
//   predictions are drawn to step59.svg in the working directory (named on standard error).
// - DeZero stores the sine curve in float64 and its weights in float32, so NumPy computes in
//   float64; here data and weights are both float64.
// - Python's weights and noise come from NumPy's unseeded generator. Here the library-wide
//   generator (weights) and the dataset (noise) are seeded with 0, so every run prints the same
//   losses; they are not the book's numbers, which change from run to run in Python too.
// - The book's `mean_squared_error` broadcasts a (1,) target against a (1, 1) prediction;
//   the Swift loss wants equal shapes, so the target is reshaped like the input.
import DeZero
import Foundation

/// `--name N` from the command line, else `fallback`.
func intOption(_ name: String, default fallback: Int) -> Int {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name) else { return fallback }
    guard i + 1 < args.count, let value = Int(args[i + 1]), value > 0 else {
        FileHandle.standardError.write(Data("step59: \(name) needs a positive whole number\n".utf8))
        exit(2)
    }
    return value
}

RandomGenerator.seedDefault(0)

// Hyperparameters
let maxEpoch = intOption("--epochs", default: 100)
let hiddenSize = 100
let bpttLength = 30

let trainSet = SinCurve(train: true, dtype: .float64, seed: 0)
let seqlen = trainSet.count

final class SimpleRNN: Model {
    let rnn: RNN
    let fc: Linear

    init(hiddenSize: Int, outSize: Int) {
        rnn = RNN(hiddenSize: hiddenSize, dtype: .float64)
        fc = Linear(outSize: outSize, dtype: .float64)
        super.init()
    }

    func resetState() { rnn.resetState() }

    override func forward(_ x: Variable) -> Variable { fc(rnn(x)) }
}

let model = SimpleRNN(hiddenSize: hiddenSize, outSize: 1)
let optimizer = Adam().setup(model)

// Start training.
for epoch in 0..<maxEpoch {
    model.resetState()
    // Python starts from the integer 0; a float64 zero is the same start for the sum.
    var loss = Variable(0.0)
    var count = 0

    for i in 0..<trainSet.count {
        let (x, t) = trainSet[i]
        let y = model(x.reshape([1, 1]))
        loss = loss + meanSquaredError(y, Variable(t.reshape([1, 1])))
        count += 1

        if count % bpttLength == 0 || count == seqlen {
            model.clearGrads()
            loss.backward()
            loss.unchainBackward()
            optimizer.update()
        }
    }

    let avgLoss = loss.item() / Double(count)
    print(String(format: "| epoch %d | loss %f", epoch + 1, avgLoss))
}

// Plot: predict cos(x) over two periods, one sample at a time, without building a graph.
// np.cos(np.linspace(0, 4π, 1000)): index × step, the last point exactly 4π.
let step = 4 * Double.pi / 999
let xs = (0..<1000).map { cos($0 == 999 ? 4 * Double.pi : Double($0) * step) }
model.resetState()
let predictions = withNoGrad {
    xs.map { x in model(NDArray([x], shape: [1, 1])).item() }
}

let svg = epochCurvesSVG(panels: [PlotPanel(title: "SimpleRNN on cos(x)", yLabel: "y", series: [
    PlotSeries("y=cos(x)", xs), PlotSeries("predict", predictions),
])], xLabel: "x")
do {
    try svg.write(to: URL(fileURLWithPath: "step59.svg"), atomically: true, encoding: .utf8)
    FileHandle.standardError.write(Data("step59: plot written to step59.svg\n".utf8))
} catch {
    FileHandle.standardError.write(Data("step59: could not write step59.svg: \(error)\n".utf8))
}
