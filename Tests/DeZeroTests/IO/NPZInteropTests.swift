import Foundation
import Testing
@testable import DeZero

/// Our archives against NumPy's own reader and writer (`python3` with NumPy on the PATH;
/// with DEZERO_REQUIRE_TOOLS=1, as in CI, a missing NumPy fails these tests).
@Suite("npz interoperability with NumPy")
struct NPZInteropTests {
    @Test("np.load reads our archive: keys, dtypes, shapes and values, and zipfile's CRC check passes",
          .enabled(if: pythonHas("numpy") || toolsRequired),
          arguments: [false, true], [false, true])
    func numpyLoadsOurFile(compressed: Bool, zip64: Bool) throws {
        let url = try temporaryDirectory().appendingPathComponent("w.npz")
        try NPZ.write(NPZTests.tensors, to: url, compressed: compressed, zip64: zip64 ? .always : .whenNeeded)
        // The Python DeZero's load_weights does `npz = np.load(path); param.data = npz[key]`.
        let script = """
        import sys, json, zipfile, numpy as np
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None, "CRC check failed"
            names = z.namelist()
        npz = np.load(sys.argv[1])
        out = {k: {"dtype": str(npz[k].dtype), "shape": list(npz[k].shape), "values": npz[k].ravel().tolist()} for k in npz.files}
        print(json.dumps({"names": names, "arrays": out}))
        """
        let (status, output) = try runPython(script, arguments: [url.path])
        #expect(status == 0, "\(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(json["names"] as? [String] == NPZTests.tensors.map { $0.key + ".npy" })
        let arrays = try #require(json["arrays"] as? [String: [String: Any]])
        #expect(arrays.count == NPZTests.tensors.count)
        let numpyNames: [DType: String] = [.float32: "float32", .float64: "float64", .int64: "int64", .bool: "bool"]
        for (key, value) in NPZTests.tensors {
            let entry = try #require(arrays[key], "\(key)")
            #expect(entry["dtype"] as? String == numpyNames[value.dtype], "\(key)")
            #expect(entry["shape"] as? [Int] == value.shape, "\(key)")
            switch value.dtype {
            case .float32, .float64: #expect(entry["values"] as? [Double] == value.scalars(as: Double.self), "\(key)")
            case .int64: #expect((entry["values"] as? [NSNumber])?.map(\.int64Value) == value.scalars(as: Int64.self), "\(key)")
            case .bool: #expect(entry["values"] as? [Bool] == value.scalars(as: Bool.self), "\(key)")
            }
        }
    }

    /// `savez_stream` writes through an unseekable file object, so zipfile puts each member's
    /// sizes and CRC in a data descriptor after its data and zeros in its local header.
    @Test("archives written by np.savez and np.savez_compressed load here",
          .enabled(if: pythonHas("numpy") || toolsRequired),
          arguments: ["savez", "savez_compressed", "savez_stream"])
    func weLoadNumPyFiles(function: String) throws {
        let url = try temporaryDirectory().appendingPathComponent("py.npz")
        let script = """
        import sys, numpy as np
        class Unseekable:
            def __init__(self, f): self.f = f
            def read(self, n=-1): raise OSError("write only")
            def write(self, b): return self.f.write(b)
            def flush(self): self.f.flush()
        def savez_stream(path, **arrays):
            with open(path, "wb") as f:
                np.savez(Unseekable(f), **arrays)
        save = savez_stream if "\(function)" == "savez_stream" else np.\(function)
        save(sys.argv[1], **{
            "l0/W": np.arange(6, dtype=np.float32).reshape(2, 3),
            "l0/b": np.array([0.5, -1.25]),
            "fortran": np.asfortranarray(np.arange(24, dtype=np.float64).reshape(2, 3, 4)),
            "big_endian": np.array([1.5, -2.0], dtype=">f4"),
            "int32": np.array([-1, 2**31 - 1], dtype=np.int32),
            "uint8": np.array([0, 255], dtype=np.uint8),
            "int64": np.array([2**62, -7], dtype=np.int64),
            "mask": np.array([[True, False]]),
            "scalar": np.float64(3.0),
            "empty": np.zeros((0, 3), dtype=np.float32),
            "long": np.arange(100000, dtype=np.float32),
        })
        assert np.load(sys.argv[1])["fortran"].flags.f_contiguous
        import zipfile
        flags = {i.flag_bits & 8 for i in zipfile.ZipFile(sys.argv[1]).infolist()}
        assert flags == ({8} if "\(function)" == "savez_stream" else {0}), flags
        """
        let (status, output) = try runPython(script, arguments: [url.path])
        try #require(status == 0, "\(output)")
        let read = try NPZ.read(from: url)
        #expect(read.count == 11)
        #expect(read["l0/W"] == NDArray([0, 1, 2, 3, 4, 5] as [Float], shape: [2, 3]))
        #expect(read["l0/b"] == NDArray([0.5, -1.25] as [Double], shape: [2]))
        #expect(read["fortran"] == NDArray((0 ..< 24).map(Double.init), shape: [2, 3, 4]))
        #expect(read["big_endian"] == NDArray([1.5, -2] as [Float], shape: [2]))
        #expect(read["int32"] == NDArray([-1, 2_147_483_647], shape: [2]))
        #expect(read["uint8"] == NDArray([0, 255], shape: [2]))
        #expect(read["int64"] == NDArray([1 << 62, -7], shape: [2]))
        #expect(read["mask"] == NDArray([true, false], shape: [1, 2]))
        #expect(read["scalar"] == NDArray(3.0))
        #expect(read["empty"] == NDArray([] as [Float], shape: [0, 3]))
        #expect(read["long"] == NDArray((0 ..< 100_000).map(Float.init), shape: [100_000]))
    }

    @Test("np.load reads large arrays, compressed in parallel parts, unchanged",
          .enabled(if: pythonHas("numpy") || toolsRequired))
    func numpyLoadsLargeCompressed() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("big.npz")
        let arrays = NPZTests.largeArrays()
        try NPZ.write(arrays, to: url, compressed: true)
        for (key, value) in arrays { try NPY.write(value, to: dir.appendingPathComponent("\(key).npy")) }
        let script = """
        import sys, os, numpy as np
        npz = np.load(sys.argv[1])
        for k in npz.files:
            assert np.array_equal(npz[k], np.load(os.path.join(sys.argv[2], k + ".npy"))), k
        print(sorted(npz.files))
        """
        let (status, output) = try runPython(script, arguments: [url.path, dir.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("['x', 'y']"), "\(output)")
    }

    @Test("a model's weights go to NumPy and back unchanged",
          .enabled(if: pythonHas("numpy") || toolsRequired))
    func roundTripThroughNumPy() throws {
        let dir = try temporaryDirectory()
        let ours = dir.appendingPathComponent("ours.npz")
        let theirs = dir.appendingPathComponent("theirs.npz")
        var generator = RandomGenerator(seed: 7)
        let weights: [(key: String, value: NDArray)] = [
            ("l0/W", NDArray((0 ..< 12).map { _ in Float(generator.nextNormal()) }, shape: [3, 4])),
            ("l0/b", NDArray([Float](repeating: 0, count: 4), shape: [4])),
            ("l1/W", NDArray((0 ..< 8).map { _ in generator.nextNormal() }, shape: [4, 2])),
        ]
        try NPZ.write(weights, to: ours, compressed: true)
        // What the Python DeZero does: load_weights, then save_weights (savez_compressed).
        let script = """
        import sys, numpy as np
        npz = np.load(sys.argv[1])
        np.savez_compressed(sys.argv[2], **{k: npz[k] for k in npz.files})
        """
        let (status, output) = try runPython(script, arguments: [ours.path, theirs.path])
        try #require(status == 0, "\(output)")
        let back = try NPZ.read(from: theirs)
        #expect(back.count == weights.count)
        for (key, value) in weights { #expect(back[key] == value, "\(key)") }
    }
}
