import Foundation

/// The memory a run's model and its training need, worked out from the configuration before
/// anything is allocated, so that `--hidden 100000000` (or a damaged checkpoint saying so) is
/// refused with a message instead of dying in the allocator. Sizes are multiplied as `Double`,
/// which cannot overflow for any `Int` sizes.
///
/// The estimate: every weight as float32, times (weight + gradient + the optimizer's slots +
/// one temporary), plus the activations of one training batch three times (values, gradients,
/// intermediates). It is meant to catch what cannot fit, not to budget to the byte.
struct ModelMemory {
    /// One weight array the model will create.
    struct Tensor {
        let name: String
        let shape: [Double]
        /// The setting that makes it large (`hidden` or `channels`).
        let setting: String
        var elements: Double { shape.reduce(1, *) }
    }

    let config: RunConfiguration
    let tensors: [Tensor]
    /// Floats held for one training batch's forward pass.
    let activations: Double

    static let bytesPerElement = 4.0

    init(_ config: RunConfiguration) {
        self.config = config
        let batch = Double(config.batchSize)
        let input = Double(config.inputSize), classes = Double(config.classes)
        let hidden = config.hidden.map(Double.init)
        switch config.model {
        case .cnn:
            let (h, w) = config.imageSize.count == 2 ? (Double(config.imageSize[0]), Double(config.imageSize[1])) : (1, 1)
            let (c0, c1) = (Double(config.channels.first ?? 1), Double(config.channels.last ?? 1))
            let (h1, w1) = ((h / 2).rounded(.down), (w / 2).rounded(.down))
            let (h2, w2) = ((h1 / 2).rounded(.down), (w1 / 2).rounded(.down))
            var t = [Tensor(name: "conv1/W", shape: [c0, 1, 3, 3], setting: "channels"),
                     Tensor(name: "conv2/W", shape: [c1, c0, 3, 3], setting: "channels")]
            var width = c1 * h2 * w2
            for (i, size) in hidden.enumerated() {
                t.append(Tensor(name: "hidden/\(i)/W", shape: [width, size], setting: "hidden"))
                width = size
            }
            t.append(Tensor(name: "fc/W", shape: [width, classes], setting: hidden.isEmpty ? "channels" : "hidden"))
            tensors = t
            // Convolution outputs, their im2col matrices (9 taps a pixel) and the pooled maps.
            let perSample = c0 * h * w + 9 * h * w + c0 * h1 * w1 * (1 + 9) + c1 * h1 * w1 + c1 * h2 * w2
            activations = batch * (perSample + hidden.reduce(0, +) + classes)
        case .lstm, .rnn:
            let size = hidden.first ?? 1
            let gates = config.model == .lstm ? ["f", "i", "o", "u"] : ["h"]
            let recurrent = config.model.rawValue
            tensors = gates.map { Tensor(name: "\(recurrent)/x2\($0)/W", shape: [input, size], setting: "hidden") }
                + gates.map { Tensor(name: "\(recurrent)/h2\($0)/W", shape: [size, size], setting: "hidden") }
                + [Tensor(name: "fc/W", shape: [size, input], setting: "hidden")]
            // Each step of the truncated-BPTT window keeps its gates and states.
            activations = batch * Double(config.bpttLength) * size * Double(gates.count * 2 + 2)
        case .mlp:
            let sizes = [input] + hidden + [classes]
            tensors = zip(sizes, sizes.dropFirst()).enumerated().map {
                Tensor(name: "l\($0.offset)/W", shape: [$0.element.0, $0.element.1], setting: "hidden")
            }
            activations = batch * sizes.reduce(0, +)
        }
    }

    /// Bytes of the weights alone (biases are one row each and left out).
    var weightBytes: Double { tensors.reduce(0) { $0 + $1.elements } * Self.bytesPerElement }

    /// Bytes needed to train: weights, gradients, optimizer slots, a temporary, activations.
    var trainingBytes: Double {
        let copies = 3 + Double(config.optimizer.slotCount)
        return weightBytes * copies + activations * 3 * Self.bytesPerElement
    }

    /// Throws when training would need more than `limit` bytes, naming the setting to lower
    /// and the largest array: `--hidden 100000000: needs 25.6 GB for l0/W (64×100000000 float32), …`.
    /// The batch size is blamed only when the run would fit with a batch of one sample.
    func check(limit: Double) throws(SettingError) {
        let total = trainingBytes
        guard total > limit else { return }
        let machine = "this machine has \(Self.gigabytes(limit)) of memory"
        let activationBytes = activations * 3 * Self.bytesPerElement
        let perSample = activationBytes / Double(max(config.batchSize, 1))
        if total - activationBytes + perSample <= limit {
            throw SettingError(
                field: "batchSize", flag: "--batch-size", value: "\(config.batchSize)",
                requirement: "needs \(Self.gigabytes(activationBytes)) for one batch's activations, about \(Self.gigabytes(total)) in all to train; \(machine)")
        }
        guard let largest = tensors.max(by: { $0.elements < $1.elements }) else { return }
        let shape = largest.shape.map(Self.count).joined(separator: "×")
        let sizes = largest.setting == "hidden" ? config.hidden : config.channels
        throw SettingError(
            field: largest.setting, flag: largest.setting == "hidden" ? "--hidden" : nil,
            value: sizes.map(String.init).joined(separator: ","),
            requirement: "needs \(Self.gigabytes(largest.elements * Self.bytesPerElement)) for \(largest.name) (\(shape) float32), about \(Self.gigabytes(total)) in all to train; \(machine)")
    }

    /// `25.6 GB` (decimal gigabytes, one decimal).
    static func gigabytes(_ bytes: Double) -> String {
        bytes >= 1e15 ? String(format: "%.3g GB", bytes / 1e9) : String(format: "%.1f GB", bytes / 1e9)
    }

    private static func count(_ x: Double) -> String {
        x < 1e18 ? String(Int(x)) : String(format: "%.3g", x)
    }
}

/// The memory this process can use: the machine's physical memory, or the container's limit
/// (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`) when that is smaller.
enum MachineMemory {
    static var available: Double {
        var bytes = Double(ProcessInfo.processInfo.physicalMemory)
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
                bytes = min(bytes, limit)
            }
        }
        return bytes
    }
}
