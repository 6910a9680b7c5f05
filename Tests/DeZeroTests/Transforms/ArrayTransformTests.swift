import Testing
import DeZero

/// 0, 1, 2, … as float64 in `shape`, row-major.
func transformRamp(_ shape: [Int]) -> NDArray {
    NDArray((0..<shape.reduce(1, *)).map(Double.init), shape: shape)
}

@Suite("transforms: Compose, Normalize, Flatten, AsType")
struct ArrayTransformTests {
    @Test("Compose runs its steps in order; an empty Compose is the identity")
    func composeOrder() {
        let x = NDArray([1, 3, 5, 7], shape: [2, 2])
        let y = Compose([AsType(.float64), Normalize(mean: 1, std: 2), Flatten()])(x)
        #expect(y.shape == [4])
        #expect(y.dtype == .float64)
        #expect(y.scalars(as: Double.self) == [0, 1, 2, 3])

        let v = NDArray([1.0, 2.0])
        // (v + 1) * 2, not v * 2 + 1.
        let f = Compose(functions: [{ $0 + 1.0 }, { $0 * 2.0 }])
        #expect(f(v).scalars(as: Double.self) == [4, 6])
        #expect(Compose([] as [any ArrayTransform])(v).scalars(as: Double.self) == [1, 2])
    }

    @Test("asTransform plugs a transform into a dataset, for single examples and batches")
    func datasetTransform() {
        let data = NDArray([0, 2, 4, 6, 8, 10, 12, 14] as [Float], shape: [2, 1, 2, 2])
        let label = NDArray([3.0, 4.0])
        let ds = ArrayDataset(data: data, label: label,
                              transform: Compose([Normalize(mean: 2, std: 2), Flatten()]).asTransform,
                              targetTransform: ToInt().asTransform)
        #expect(ds[1].x.shape == [4])
        #expect(ds[1].x.scalars(as: Float.self) == [3, 4, 5, 6])
        #expect(ds[1].t.scalars(as: Int64.self) == [4])
        let (x, t) = ds.batch([1, 0])
        #expect(x.shape == [2, 4])
        #expect(x.scalars(as: Float.self) == [3, 4, 5, 6, -1, 0, 1, 2])
        #expect(t.scalars(as: Int64.self) == [4, 3])
    }

    @Test("Normalize with scalars keeps float32")
    func normalizeScalar() {
        let x = NDArray([0, 255, 127.5] as [Float], shape: [3])
        let y = Normalize(mean: 127.5, std: 127.5)(x)
        #expect(y.dtype == .float32)
        #expect(y.scalars(as: Float.self) == [-1, 1, 0])
        // Defaults are mean 0, std 1: the identity.
        #expect(Normalize()(x).scalars(as: Float.self) == [0, 255, 127.5])
    }

    @Test("Normalize per channel along the first axis")
    func normalizePerChannel() {
        // Two channels of a (2, 1, 2) image: [1, 3] and [10, 20].
        let x = NDArray([1, 3, 10, 20] as [Double], shape: [2, 1, 2])
        let y = Normalize(mean: [1, 10], std: [2, 5])(x)
        #expect(y.shape == [2, 1, 2])
        #expect(y.scalars(as: Double.self) == [0, 1, 0, 2])
        // A one-element std list applies to every channel.
        #expect(Normalize(mean: [1, 10], std: [2])(x).scalars(as: Double.self) == [0, 1, 0, 5])
        // A one-element mean list is a scalar, whatever the first axis.
        #expect(Normalize(mean: [1], std: [1])(x).scalars(as: Double.self) == [0, 2, 9, 19])
    }

    @Test("Normalize rounds the statistics to float32 first, as DeZero does")
    func normalizeRoundsStatistics() {
        // 0.1 as float32 minus 0.1 rounded to float32 is exactly 0; with a float64 mean it is not.
        let x = NDArray([Float(0.1), Float(1.1)], shape: [2])
        let y = Normalize(mean: 0.1, std: 1)(x)
        #expect(y.scalars(as: Float.self)[0] == 0)
        #expect(y.scalars(as: Float.self)[1] == Float(1.1) - Float(0.1))
    }

    @Test("Normalize of integers gives float64; of a strided view reads the logical order")
    func normalizeIntegersAndViews() {
        let x = NDArray([1, 2, 3, 4], shape: [2, 2])
        let y = Normalize(mean: 1, std: 2)(x)
        #expect(y.dtype == .float64)
        #expect(y.scalars(as: Double.self) == [0, 0.5, 1, 1.5])
        // The transpose holds [[1, 3], [2, 4]]; channel 0 is [1, 3].
        let t = Normalize(mean: [1, 2], std: [1, 1])(x.astype(.float64).T)
        #expect(t.scalars(as: Double.self) == [0, 2, 0, 2])
    }

    @Test("Flatten gives the row-major order of the logical array")
    func flatten() {
        let x = transformRamp([1, 2, 3])
        #expect(Flatten()(x).shape == [6])
        #expect(Flatten()(x).scalars(as: Double.self) == [0, 1, 2, 3, 4, 5])
        let t = transformRamp([2, 3]).T      // [[0, 3], [1, 4], [2, 5]]
        #expect(Flatten()(t).scalars(as: Double.self) == [0, 3, 1, 4, 2, 5])
    }

    @Test("AsType, ToFloat and ToInt convert with NumPy's rules")
    func conversions() {
        let f = NDArray([2.9, -2.9, 0.5])
        #expect(ToInt()(f).dtype == .int64)
        #expect(ToInt()(f).scalars(as: Int64.self) == [2, -2, 0])
        let i = NDArray([0, 255], shape: [2])
        #expect(ToFloat()(i).dtype == .float32)
        #expect(ToFloat()(i).scalars(as: Float.self) == [0, 255])
        #expect(ToFloat(.float64)(i).dtype == .float64)
        #expect(AsType()(f).dtype == .float32)
        #expect(AsType(.bool)(f).scalars(as: Bool.self) == [true, true, true])
        #expect(AsType(.int64)(i).scalars(as: Int64.self) == [0, 255])
    }
}
