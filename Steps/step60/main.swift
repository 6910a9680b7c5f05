// Step 60: an LSTM learns the noisy sine wave from mini-batches of 30 sequences at a time
// (SeqDataLoader), with truncated backpropagation through time every 30 batches.
//
// Run: swift run -c release step60 [--epochs N]
//   --epochs N   train for N epochs instead of the book's 100 (a quicker look)
//
// Swift differences:
// - The book plots the prediction of cos(x) with matplotlib's window; here the same
//   predictions are drawn to step60.svg in the working directory (named on standard error).
// - DeZero stores the sine curve in float64 and its weights in float32, so NumPy computes in
//   float64; here data and weights are both float64.
// - Python's weights and noise come from NumPy's unseeded generator. Here the library-wide
//   generator (weights) and the dataset (noise) are seeded with 0, so every run prints the same
//   losses; they are not the book's numbers, which change from run to run in Python too.
// - As in the book, `count` counts batches (34 an epoch) and never reaches `seqlen` (999), so
//   the last 4 batches of an epoch add to the printed loss but are never backpropagated.
import DeZero
import Foundation

/// `--name N` from the command line, else `fallback`.
func intOption(_ name: String, default fallback: Int) -> Int {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name) else { return fallback }
    guard i + 1 < args.count, let value = Int(args[i + 1]), value > 0 else {
        FileHandle.standardError.write(Data("step60: \(name) needs a positive whole number\n".utf8))
        exit(2)
    }
    return value
}

RandomGenerator.seedDefault(0)

let maxEpoch = intOption("--epochs", default: 100)
let batchSize = 30
let hiddenSize = 100
let bpttLength = 30

let trainSet = SinCurve(train: true, dtype: .float64, seed: 0)
let dataloader = SeqDataLoader(trainSet, batchSize: batchSize)
let seqlen = trainSet.count

final class BetterRNN: Model {
    let rnn: LSTM
    let fc: Linear

    init(hiddenSize: Int, outSize: Int) {
        rnn = LSTM(hiddenSize: hiddenSize, dtype: .float64)
        fc = Linear(outSize: outSize, dtype: .float64)
        super.init()
    }

    func resetState() { rnn.resetState() }

    override func forward(_ x: Variable) -> Variable { fc(rnn(x)) }
}

let model = BetterRNN(hiddenSize: hiddenSize, outSize: 1)
let optimizer = Adam().setup(model)

for epoch in 0..<maxEpoch {
    model.resetState()
    // Python starts from the integer 0; a float64 zero is the same start for the sum.
    var loss = Variable(0.0)
    var count = 0

    for (x, t) in dataloader {          // x, t: (30, 1)
        let y = model(x)
        loss = loss + meanSquaredError(y, Variable(t))
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

let svg = epochCurvesSVG(panels: [PlotPanel(title: "BetterRNN (LSTM) on cos(x)", yLabel: "y", series: [
    PlotSeries("y=cos(x)", xs), PlotSeries("predict", predictions),
])], xLabel: "x")
do {
    try svg.write(to: URL(fileURLWithPath: "step60.svg"), atomically: true, encoding: .utf8)
    FileHandle.standardError.write(Data("step60: plot written to step60.svg\n".utf8))
} catch {
    FileHandle.standardError.write(Data("step60: could not write step60.svg: \(error)\n".utf8))
}
