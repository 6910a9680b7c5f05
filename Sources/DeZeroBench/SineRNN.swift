import Foundation
import DeZero

/// Workload "sine-rnn": the book's Steps 59 and 60 at full length — predicting the next value
/// of the noisy sine wave (`SinCurve`, float32) with truncated BPTT (windows of 30 steps, Adam
/// lr 0.001, 100 epochs, hidden size 100):
/// - `rnn` (Step 59): an `RNN` and a `Linear(1)` head, the series fed one value at a time;
/// - `lstm` (Step 60): an `LSTM` and a `Linear(1)` head, batches of 30 from `SeqDataLoader`.
/// Prints, per model and seed, the final average loss as the book computes it (the epoch's
/// summed loss over its step count; the book prints about 0.004 for the RNN and 0.011 for
/// the LSTM), the best epoch's, and the time per epoch. `DEZERO_SINE_SEEDS` (comma-separated)
/// chooses the weight seeds, default `0`; `DEZERO_SINE_EPOCHS` the epochs, default 100.
func runSineRNN() {
    let env = ProcessInfo.processInfo.environment
    let seeds = (env["DEZERO_SINE_SEEDS"] ?? "0").split(separator: ",").compactMap { UInt64($0) }
    let epochs = env["DEZERO_SINE_EPOCHS"].flatMap { Int($0) } ?? 100
    for seed in seeds {
        for (name, train) in [("rnn", sineStep59), ("lstm", sineStep60)] {
            let t0 = now()
            let losses = train(epochs, seed)
            let seconds = now() - t0
            emit(["workload": "sine-rnn", "case": name, "seed": Int(seed), "epochs": epochs,
                  "final_loss": losses.last ?? .nan, "min_loss": losses.min() ?? .nan,
                  "loss_at_epoch": Dictionary(uniqueKeysWithValues: [1, 10, 25, 50, 75, 100]
                      .filter { $0 <= losses.count }.map { (String($0), losses[$0 - 1]) }),
                  "seconds": seconds, "ms_per_epoch": seconds / Double(epochs) * 1e3])
        }
    }
}

private let bpttLength = 30

/// A recurrent layer followed by a linear head (the book's SimpleRNN and BetterRNN).
private final class SineModel: Model {
    let rnn: Layer
    let fc = Linear(outSize: 1)
    private let reset: () -> Void
    init(lstm: Bool) {
        if lstm {
            let layer = LSTM(hiddenSize: 100)
            rnn = layer
            reset = layer.resetState
        } else {
            let layer = RNN(hiddenSize: 100)
            rnn = layer
            reset = layer.resetState
        }
    }
    func resetState() { reset() }
    override func forward(_ x: Variable) -> Variable { fc(rnn(x)) }
}

/// Trains over the (x, t) batches of each epoch with truncated BPTT; returns the epochs' losses.
private func trainSine(lstm: Bool, epochs: Int, seed: UInt64, batches: () -> AnySequence<(x: NDArray, t: NDArray)>,
                       seqlen: Int) -> [Double] {
    let model = withRandomSource(seed: seed) { SineModel(lstm: lstm) }
    let optimizer = Adam(lr: 0.001).setup(model)
    return (0..<epochs).map { _ in
        model.resetState()
        var loss: Variable?
        var count = 0
        for (x, t) in batches() {
            let step = meanSquaredError(model(Variable(x)), Variable(t))
            loss = loss.map { $0 + step } ?? step
            count += 1
            if count % bpttLength == 0 || count == seqlen {
                model.clearGrads()
                loss!.backward()
                loss!.unchainBackward()
                optimizer.update()
            }
        }
        return loss!.item() / Double(count)
    }
}

/// Step 59: one value at a time, in order, as (1, 1) arrays.
private func sineStep59(_ epochs: Int, _ seed: UInt64) -> [Double] {
    let train = SinCurve(train: true)
    let steps = (0..<train.count).map { i in
        let (x, t) = train[i]
        return (x: x.reshape(1, 1), t: t.reshape(1, 1))
    }
    return trainSine(lstm: false, epochs: epochs, seed: seed, batches: { AnySequence(steps) }, seqlen: train.count)
}

/// Step 60: batches of 30 from SeqDataLoader.
private func sineStep60(_ epochs: Int, _ seed: UInt64) -> [Double] {
    let train = SinCurve(train: true)
    let loader = SeqDataLoader(train, batchSize: 30)
    return trainSine(lstm: true, epochs: epochs, seed: seed, batches: { AnySequence(loader) }, seqlen: train.count)
}
