import Foundation
import Testing
import DeZero

@Suite("model zoo: weights from the user's files")
struct ZooWeightsTests {
    @Test("a model saved to .safetensors and .npz loads into a zero-initialised one, same outputs")
    func roundTrip() throws {
        let saved = withRandomSource(seed: 0) { SqueezeNet(classes: 5) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = zooImages([1, 3, 35, 35], seed: 9)
        let expected = withTestMode { saved(x) }.data
        for ext in ["safetensors", "npz"] {
            let url = dir.appendingPathComponent("squeezenet.\(ext)")
            try saved.saveWeights(to: url)
            let loaded = SqueezeNet(classes: 5, initialization: .zeros)
            try loaded.loadWeights(from: url)
            #expect(zip(saved.params, loaded.params).allSatisfy { $0.data == $1.data }, "\(ext)")
            #expect(withTestMode { loaded(x) }.data == expected, "\(ext)")
        }
    }

    @Test("ResNet's conv1 bias must match the file: DeZero's files need conv1Bias: true")
    func conv1BiasMismatch() throws {
        let biased = ResNet50(conv1Bias: true, initialization: .zeros)
        biased.fc6.b!.data = NDArray.full([1000], value: 0.25, dtype: .float32)
        let tensors = Dictionary(uniqueKeysWithValues: biased.namedParams.map { ($0.key, $0.parameter.data) })
        let plain = ResNet50(initialization: .zeros)
        #expect {
            try plain.loadWeights(tensors, path: "resnet50.npz")
        } throws: { error in
            String(describing: error).contains("unexpected keys conv1/b;")
        }
        #expect(plain.fc6.b!.data.scalars(as: Float.self).allSatisfy { $0 == 0 })   // nothing loaded
        let matching = ResNet50(conv1Bias: true, initialization: .zeros)
        try matching.loadWeights(tensors, path: "resnet50.npz")
        #expect(matching.fc6.b!.data.scalars(as: Float.self).allSatisfy { $0 == 0.25 })
    }

    @Test("ResNet-50 loads the Python DeZero's parameters under its keys and computes the same scores",
          .enabled(if: pythonHasDeZero() || toolsRequired))
    func pythonDeZeroResNet() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // DeZero 0.0.13's ResNet calls Conv2d Chainer-style, (in, out, k, stride, pad), which its
        // own Conv2d does not take; the script translates those calls. Its parameters are created
        // by a first forward pass; they are stored as float32 (DeZero makes float64 weights under
        // NumPy 2) without compression, with DeZero's own key flattening.
        let script = dezeroPythonPrelude + """
        import sys
        import dezero.models as M
        import dezero.layers as L
        out = sys.argv[1]
        np.random.seed(0)
        x = (np.arange(2 * 3 * 32 * 32, dtype=np.float32) % 97 / 48 - 1).reshape(2, 3, 32, 32)
        conv = L.Conv2d
        M.L.Conv2d = lambda i, o, k, s=1, p=0, nobias=False: conv(o, kernel_size=k, stride=s, pad=p,
                                                                   nobias=nobias, in_channels=i)
        model = M.ResNet50()
        M.L.Conv2d = conv
        model(x)
        params = {}
        model._flatten_params(params)
        np.savez(out + '/resnet50.npz', **{k: p.data.astype(np.float32) for k, p in params.items()})
        with dezero.test_mode():
            y = model(x)
        np.save(out + '/x.npy', x)
        np.save(out + '/y.npy', y.data.astype(np.float32))
        """
        let (status, output) = try runPython(script, arguments: [dir.path])
        try #require(status == 0, "\(output)")
        // Strict loading: every key and shape must match DeZero's (conv1 has a bias there).
        let model = ResNet50(conv1Bias: true, initialization: .zeros)
        try model.loadWeights(from: dir.appendingPathComponent("resnet50.npz"))
        let x = try NPY.read(from: dir.appendingPathComponent("x.npy"))
        let expected = try NPY.read(from: dir.appendingPathComponent("y.npy"))
        let y = withTestMode { model(Variable(x)) }.data
        #expect(y.shape == [2, 1000])
        let scale = expected.scalars(as: Float.self).map { abs(Double($0)) }.max() ?? 1
        #expect(y.allClose(expected, rtol: 1e-4, atol: 1e-4 * scale))
    }
}
