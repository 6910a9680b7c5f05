import Testing
import DeZero

/// Datasets are sequences of their examples (Step 59's `for x, t in train_set`), and the book's
/// `get_spiral` (Step 48) returns the spiral's two arrays.
@Suite struct DataIterationTests {
    struct Squares: Dataset {
        var count: Int { 4 }
        subscript(i: Int) -> (x: NDArray, t: NDArray) { (NDArray(Double(i)), NDArray(i * i)) }
    }

    @Test func forInVisitsEveryExampleInOrder() {
        var xs: [Double] = [], ts: [Int64] = []
        for (x, t) in Squares() {
            xs.append(x.item())
            ts.append(t.scalars(as: Int64.self)[0])
        }
        #expect(xs == [0, 1, 2, 3] && ts == [0, 1, 4, 9])
        #expect(Squares().underestimatedCount == 4)
        #expect(Array(Squares()).count == 4)
    }

    @Test func arrayBackedDatasetsIterateTheirRowsWithTransforms() {
        let spiral = Spiral(train: true)
        var count = 0
        for (k, (x, t)) in spiral.enumerated() {
            #expect(x == spiral.data[k] && t == spiral.label[k])
            count += 1
        }
        #expect(count == 300)
        // A transform applies to each example read by iteration, as by index.
        let doubled = Spiral(train: true, transform: { $0 * 2 })
        let first = doubled.first { _ in true }!
        #expect(first.x == spiral.data[0] * 2)
        // Through an existential too, as the CLI holds its datasets.
        let any: any Dataset = SinCurve(train: false)
        var n = 0
        for _ in any { n += 1 }
        #expect(n == any.count)
    }

    @Test func getSpiralReturnsTheSpiralArrays() {
        let (x, t) = getSpiral(train: true)
        let spiral = Spiral(train: true)
        #expect(x == spiral.data && t == spiral.label)
        #expect(x.shape == [300, 2] && x.dtype == .float32 && t.shape == [300] && t.dtype == .int64)
        #expect(getSpiral(train: false).x == Spiral(train: false).data)
    }
}
