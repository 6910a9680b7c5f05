import DeZero

/// The small convolutional network of `dezero train --model cnn`: two 3×3 convolutions
/// (`channels`, ReLU, 2×2 max pooling after each), then optional hidden linear layers with
/// ReLU, dropout, and a linear classifier. Inputs arrive flattened, shape (N, H·W), and are
/// reshaped to (N, 1, H, W) here.
final class SmallCNN: Model {
    let height: Int
    let width: Int
    let conv1: Conv2d
    let conv2: Conv2d
    let hidden: [Linear]
    let fc: Linear
    let dropoutRatio: Double

    init(height: Int, width: Int, channels: [Int], hidden: [Int], classes: Int, dropoutRatio: Double) {
        self.height = height
        self.width = width
        conv1 = Conv2d(outChannels: channels[0], kernelSize: 3, pad: 1)
        conv2 = Conv2d(outChannels: channels[1], kernelSize: 3, pad: 1)
        self.hidden = hidden.map { Linear(outSize: $0) }
        fc = Linear(outSize: classes)
        self.dropoutRatio = dropoutRatio
        super.init()
    }

    override func forward(_ x: Variable) -> Variable {
        var h = x.reshape([x.shape[0], 1, height, width])
        h = pooling(relu(conv1(h)), kernelSize: 2, stride: 2)
        h = pooling(relu(conv2(h)), kernelSize: 2, stride: 2)
        h = flatten(h)
        for layer in hidden { h = relu(layer(h)) }
        return fc(dropout(h, dropoutRatio: dropoutRatio))
    }
}

/// The book's Steps 59–60 models for time series (`--model lstm` or `rnn`): a recurrent layer (LSTM, or the simple RNN)
/// followed by a linear read-out.
final class SequenceModel: Model {
    enum Recurrent { case lstm, rnn }
    let lstm: LSTM?
    let rnn: RNN?
    let fc: Linear

    init(hiddenSize: Int, outSize: Int, recurrent: Recurrent) {
        lstm = recurrent == .lstm ? LSTM(hiddenSize: hiddenSize) : nil
        rnn = recurrent == .rnn ? RNN(hiddenSize: hiddenSize) : nil
        fc = Linear(outSize: outSize)
        super.init()
    }

    func resetState() {
        lstm?.resetState()
        rnn?.resetState()
    }

    override func forward(_ x: Variable) -> Variable { fc(lstm.map { $0(x) } ?? rnn!(x)) }
}
