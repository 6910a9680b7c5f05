import Foundation
import Testing
import DeZero

/// DeZero 0.0.13 refers to `np.int`, which NumPy 1.24 removed; this alias lets it import.
let dezeroPythonPrelude = "import numpy as np\nnp.int = int\nimport dezero\n"

func pythonHasDeZero() -> Bool {
    guard programOnPath("python3") else { return false }
    return (try? runPython(dezeroPythonPrelude).status) == 0
}

@Suite("saving and loading model weights")
struct LayerWeightsTests {
    static func trainedMLP(seed: UInt64) -> MLP {
        let model = withRandomSource(seed: seed) { MLP([5, 3], activation: relu) }
        withRandomSource(seed: seed) { _ = model(Variable(NDArray.ones([1, 4], dtype: .float32))) }
        return model
    }

    static let input = NDArray((0..<8).map { Float($0) / 7 - 0.5 }, shape: [2, 4])

    @Test("a model saved as safetensors or npz loads into a fresh lazy model and computes the same", arguments: ["safetensors", "npz"])
    func roundTrip(format: String) throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("mlp.\(format)")
        let model = Self.trainedMLP(seed: 3)
        try model.saveWeights(to: url)
        let fresh = MLP([5, 3], activation: relu)
        #expect(fresh.namedParams.map(\.key) == ["l0/W", "l0/b", "l1/W", "l1/b"])
        try fresh.loadWeights(from: url)
        #expect(fresh.namedParams.map(\.parameter.shape) == [[4, 5], [5], [5, 3], [3]])
        #expect(fresh(Self.input).data == model(Self.input).data)
    }

    @Test("loading is strict: every problem is reported at once and nothing changes")
    func strict() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("bad.safetensors")
        try Safetensors.write([
            ("l0/W", NDArray.zeros([4, 6], dtype: .float32)),          // wrong shape
            ("l0/b", NDArray.zeros([5], dtype: .float64)),             // wrong dtype
            ("l1/W", NDArray.zeros([5, 3], dtype: .float32)),
            ("extra", NDArray.zeros([1], dtype: .float32)),            // unexpected; l1/b missing
        ], to: url)
        let model = Self.trainedMLP(seed: 1)
        let before = model.params.map(\.data)
        do {
            try model.loadWeights(from: url)
            Issue.record("no error")
        } catch let error as WeightFileError {
            let text = error.description
            #expect(text.contains("missing keys l1/b"))
            #expect(text.contains("unexpected keys extra"))
            #expect(text.contains("l0/W: file has shape (4, 6), the model (4, 5)"))
            #expect(text.contains("l0/b: file has dtype float64, the model float32"))
            #expect(text.contains("nothing was loaded"))
        }
        #expect(model.params.map(\.data) == before)
    }

    @Test("an unknown extension is an error naming the formats")
    func unknownFormat() throws {
        let url = try temporaryDirectory().appendingPathComponent("w.pt")
        #expect(throws: WeightFileError.unsupportedFormat(path: url.path, fileExtension: "pt")) {
            try Self.trainedMLP(seed: 0).saveWeights(to: url)
        }
    }

    @Test("a model saved here loads into the Python DeZero, computes the same, and comes back",
          .enabled(if: pythonHasDeZero() || toolsRequired))
    func pythonDeZero() throws {
        let dir = try temporaryDirectory()
        let ours = dir.appendingPathComponent("ours.npz"), theirs = dir.appendingPathComponent("theirs.npz")
        let model = Self.trainedMLP(seed: 7)
        try model.saveWeights(to: ours)
        let script = dezeroPythonPrelude + """
        import sys, json
        import dezero.functions as F
        from dezero.models import MLP
        model = MLP((5, 3), activation=F.relu)
        model.load_weights(sys.argv[1])
        x = (np.arange(8, dtype=np.float32) / 7 - 0.5).reshape(2, 4)
        y = model(x)
        model.save_weights(sys.argv[2])
        print(json.dumps(y.data.astype(np.float64).ravel().tolist()))
        """
        let (status, output) = try runPython(script, arguments: [ours.path, theirs.path])
        #expect(status == 0, "\(output)")
        let theirOutput = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Double] ?? []
        let ourOutput = model(Self.input).data.scalars(as: Double.self)
        #expect(theirOutput.count == ourOutput.count)
        for (a, b) in zip(theirOutput, ourOutput) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
        let back = MLP([5, 3], activation: relu)
        try back.loadWeights(from: theirs)
        #expect(back(Self.input).data == model(Self.input).data)
    }
}
