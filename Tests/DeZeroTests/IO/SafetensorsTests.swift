import Foundation
import Testing
@testable import DeZero

@Suite("safetensors files")
struct SafetensorsTests {
    static let tensors: [(key: String, value: NDArray)] = [
        ("l0/W", NDArray([1.5, -2, 3.25, 4, 5, 6] as [Float], shape: [2, 3])),
        ("l0/b", NDArray([0.1, 0.2, 0.3] as [Double], shape: [3])),
        ("steps", NDArray([7, -1], shape: [2])),
        ("mask", NDArray([true, false, true], shape: [3])),
        ("scalar", NDArray(2.5)),
        ("empty", NDArray([] as [Float], shape: [0, 4])),
    ]

    @Test("write then read gives the same tensors, dtypes and metadata")
    func roundTrip() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("w.safetensors")
        try Safetensors.write(Self.tensors, metadata: ["model": "mlp", "hidden": "100,100"], to: url)
        let (read, metadata) = try Safetensors.read(from: url)
        #expect(metadata == ["model": "mlp", "hidden": "100,100"])
        #expect(read.count == Self.tensors.count)
        for (key, value) in Self.tensors { #expect(read[key] == value, "\(key)") }
        let bytes = try Data(contentsOf: url)
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect((8 + headerLength) % 8 == 0)
    }

    @Test("the Python safetensors package loads our file with the same values",
          .enabled(if: pythonHas("safetensors", "numpy") || toolsRequired))
    func loadsInPython() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("w.safetensors")
        try Safetensors.write(Self.tensors, metadata: ["model": "mlp"], to: url)
        let script = """
        import sys, json, numpy as np
        from safetensors.numpy import load_file
        from safetensors import safe_open
        t = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as f:
            meta = f.metadata()
        out = {k: {"dtype": str(v.dtype), "shape": list(v.shape), "values": v.astype(np.float64).ravel().tolist()} for k, v in t.items()}
        print(json.dumps({"tensors": out, "meta": meta}))
        """
        let (status, output) = try runPython(script, arguments: [url.path])
        #expect(status == 0, "\(output)")
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        #expect(json["meta"] as? [String: String] == ["model": "mlp"])
        let loaded = json["tensors"] as! [String: [String: Any]]
        let numpyDTypes: [DType: String] = [.float32: "float32", .float64: "float64", .int64: "int64", .bool: "bool"]
        for (key, value) in Self.tensors {
            let entry = try #require(loaded[key])
            #expect(entry["dtype"] as? String == numpyDTypes[value.dtype])
            #expect(entry["shape"] as? [Int] == value.shape)
            #expect(entry["values"] as? [Double] == value.scalars(as: Double.self))
        }
    }

    @Test("a file written by the Python safetensors package loads here",
          .enabled(if: pythonHas("safetensors", "numpy") || toolsRequired))
    func readsPythonFile() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("py.safetensors")
        let script = """
        import sys, numpy as np
        from safetensors.numpy import save_file
        save_file({"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.array([1, 2], dtype=np.int64)}, sys.argv[1], metadata={"k": "v"})
        """
        let (status, output) = try runPython(script, arguments: [url.path])
        #expect(status == 0, "\(output)")
        let (read, metadata) = try Safetensors.read(from: url)
        #expect(metadata == ["k": "v"])
        #expect(read["a"] == NDArray([0, 1, 2, 3, 4, 5] as [Float], shape: [2, 3]))
        #expect(read["b"] == NDArray([1, 2], shape: [2]))
    }

    /// Builds a file from a header string and a data length.
    static func file(header: String, data: Int) -> Data {
        var bytes = Data()
        var n = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &n) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(Data(count: data))
        return bytes
    }

    @Test("corrupt files give a typed error naming the problem", arguments: [
        ("truncated length", Data([1, 2, 3]), "truncated"),
        ("header length beyond the file", file(header: "{}", data: 0).prefix(9), "truncated"),
        ("lying header length", { var d = file(header: "{}", data: 0); d[0] = 0xFF; d[1] = 0xFF; return d }(), "truncated"),
        ("absurd header length", { var d = file(header: "{}", data: 0); d[7] = 0x7F; return d }(), "limit"),
        ("not JSON", file(header: "not json", data: 0), "not a JSON object"),
        ("wrong dtype", file(header: #"{"a":{"dtype":"F17","shape":[1],"data_offsets":[0,4]}}"#, data: 4), "F17"),
        ("duplicate key", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: 8), "more than once"),
        ("offsets past the data", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, data: 8), "outside"),
        ("shape disagrees with offsets", file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: 8), "needs 8 bytes"),
        ("absurd shape", file(header: #"{"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, data: 8), "more bytes than the file"),
        ("negative dimension", file(header: #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: 4), "non-negative"),
        ("overlapping tensors", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 4), "overlap"),
        ("unused bytes", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 12), "holds 12"),
    ] as [(String, Data, String)])
    func corrupt(name: String, bytes: Data, expected: String) throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("bad.safetensors")
        try bytes.write(to: url)
        do {
            _ = try Safetensors.read(from: url)
            Issue.record("\(name): no error")
        } catch let error as WeightFileError {
            #expect(error.description.contains(expected), "\(name): \(error)")
            #expect(error.description.contains(url.path))
        }
    }

    @Test("a save that fails midway leaves the old file whole")
    func atomicSave() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("w.safetensors")
        try Safetensors.write(Self.tensors, to: url)
        let before = try Data(contentsOf: url)
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try atomicWrite(to: url) { out in
                try out.write([UInt8](repeating: 0xAB, count: 3 << 20))  // several MB reach the disk
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: url) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["w.safetensors"])
    }
}
