import Foundation

extension Layer {
    /// Saves every parameter under its DeZero key (`l1/W`, …) to `url`, atomically; the format
    /// follows the extension: `.safetensors` (with `metadata` in its header) or `.npz` (the
    /// format of DeZero's own `save_weights`, readable by NumPy and the Python DeZero).
    ///
    /// ```swift
    /// try model.saveWeights(to: URL(fileURLWithPath: "mlp.safetensors"))
    /// ```
    public func saveWeights(to url: URL, metadata: [String: String] = [:]) throws {
        let tensors = namedParams.map { (key: $0.key, value: $0.parameter.data) }
        switch url.pathExtension.lowercased() {
        case "safetensors": try Safetensors.write(tensors, metadata: metadata, to: url)
        case "npz": try NPZ.write(tensors, to: url)
        default: throw WeightFileError.unsupportedFormat(path: url.path, fileExtension: url.pathExtension)
        }
    }

    /// Loads parameters saved by ``saveWeights(to:metadata:)``, by NumPy or by the Python DeZero.
    ///
    /// Loading is strict: missing keys, unexpected keys, and shape or dtype mismatches are all
    /// reported in one ``WeightFileError/mismatch(path:missing:unexpected:wrongShape:)`` error,
    /// and then nothing is changed. A parameter not created yet (a lazy `Linear` before its
    /// first call) takes the file's shape.
    ///
    /// ```swift
    /// let model = MLP([100, 10])
    /// try model.loadWeights(from: URL(fileURLWithPath: "mlp.npz"))
    /// ```
    public func loadWeights(from url: URL) throws {
        let tensors: [String: NDArray]
        switch url.pathExtension.lowercased() {
        case "safetensors": tensors = try Safetensors.read(from: url).tensors
        case "npz": tensors = try NPZ.read(from: url)
        default: throw WeightFileError.unsupportedFormat(path: url.path, fileExtension: url.pathExtension)
        }
        try loadWeights(tensors, path: url.path)
    }

    /// Loads parameters from arrays keyed as in ``namedParams``; strict as ``loadWeights(from:)``.
    /// `path` names where the arrays came from in errors, like the `path` of ``WeightFileError``.
    public func loadWeights(_ tensors: [String: NDArray], path: String = "weights") throws {
        let params = namedParams
        var missing: [String] = [], wrong: [String] = []
        for (key, parameter) in params {
            guard let array = tensors[key] else { missing.append(key); continue }
            let notCreated = parameter.shape == [0]
            if !notCreated && array.shape != parameter.shape {
                wrong.append("\(key): file has shape \(shapeDescription(array.shape)), the model \(shapeDescription(parameter.shape))")
            } else if array.dtype != parameter.dtype {
                wrong.append("\(key): file has dtype \(array.dtype), the model \(parameter.dtype)")
            }
        }
        let known = Set(params.map(\.key))
        let unexpected = tensors.keys.filter { !known.contains($0) }.sorted()
        guard missing.isEmpty, unexpected.isEmpty, wrong.isEmpty else {
            throw WeightFileError.mismatch(path: path, missing: missing, unexpected: unexpected, wrongShape: wrong)
        }
        for (key, parameter) in params { parameter.data = tensors[key]! }
    }
}
