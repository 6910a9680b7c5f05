import Foundation
import Testing
import DeZero

/// The embedded digits and the full MNIST from the shared datasets folder.
@Suite struct DataImageDatasetsTests {
    typealias S = DataTestSupport

    /// Examples per class 0…9.
    static func classCounts(_ label: NDArray) -> [Int] {
        var counts = [Int](repeating: 0, count: 10)
        for l in label.scalars(as: Int64.self) { counts[Int(l)] += 1 }
        return counts
    }

    @Test func digitsTrainSplitMatchesItsReadme() {
        let train = Digits()
        #expect(train.count == 1500)
        #expect(train.data.shape == [1500, 64])
        #expect(train.data.dtype == .float32)
        #expect(Self.classCounts(train.label) == [151, 151, 150, 153, 148, 152, 151, 149, 146, 149])
        // Pixels were 0…16 scaled by round(v·255/16): only those 17 byte values occur, 0 and 255 among them.
        let allowed = Set((0...16).map { (v: Int) in Float((v * 255 + 8) / 16) / 255 })
        let values = Set(train.data.scalars(as: Float.self))
        #expect(values.isSubset(of: allowed))
        #expect(values.contains(0) && values.contains(1))
    }

    @Test func digitsTestSplitMatchesItsReadme() {
        let test = Digits(train: false, flatten: false)
        #expect(test.count == 297)
        #expect(test.data.shape == [297, 1, 8, 8])
        #expect(Self.classCounts(test.label) == [27, 31, 27, 30, 33, 30, 30, 30, 28, 31])
        #expect(test[0].x.shape == [1, 8, 8])
        #expect(test[0].t.shape == [])
    }

    @Test func transformsApplyPerExampleAndInBatches() {
        var train = Digits()
        let plain = train.batch([5, 2])
        train.transform = { $0 * 2 }
        train.targetTransform = { $0 + 100 }
        #expect(train[5].x.scalars(as: Float.self) == plain.x.scalars(as: Float.self).prefix(64).map { $0 * 2 })
        let transformed = train.batch([5, 2])
        #expect(transformed.x.shape == [2, 64])
        #expect(transformed.x.scalars(as: Float.self) == plain.x.scalars(as: Float.self).map { $0 * 2 })
        #expect(transformed.t.scalars(as: Int64.self) == plain.t.scalars(as: Int64.self).map { $0 + 100 })
    }

    static let mnist = S.sharedDataset("mnist")
    static let mnistPresent = FileManager.default.fileExists(atPath: mnist.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)

    @Test(.enabled(if: mnistPresent || S.requireTools, "needs ../shared/datasets/mnist beside the repository"))
    func fullMNISTMatchesItsReadme() throws {
        let train = try MNIST(directory: Self.mnist)
        #expect(train.data.shape == [60000, 784])
        #expect(Self.classCounts(train.label) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(Array(train.label.scalars(as: Int64.self).prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        let pixels = train.data.scalars(as: Float.self)
        let mean = pixels.reduce(0.0) { $0 + Double($1) } / Double(pixels.count)
        #expect(abs(mean - 0.1307) < 5e-5)  // the README's mean of the training pixels / 255

        let test = try MNIST(directory: Self.mnist, train: false, flatten: false)
        #expect(test.data.shape == [10000, 1, 28, 28])
        #expect(Self.classCounts(test.label) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        #expect(Array(test.label.scalars(as: Int64.self).prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    @Test(.enabled(if: mnistPresent || S.requireTools, "needs ../shared/datasets/mnist beside the repository"))
    func uncompressedMNISTFilesReadTheSame() throws {
        // The README's raw name spelling, decompressed into a temporary directory.
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            let gz = try [UInt8](Data(contentsOf: Self.mnist.appendingPathComponent(name + ".gz")))
            try S.write(Gzip.decompress(gz, maxOutputBytes: 8_000_000), name, in: dir)
        }
        let raw = try MNIST(directory: dir, train: false)
        let gz = try MNIST(directory: Self.mnist, train: false)
        #expect(raw.data.scalars(as: Float.self) == gz.data.scalars(as: Float.self))
        #expect(raw.label.scalars(as: Int64.self) == gz.label.scalars(as: Int64.self))
    }
}
