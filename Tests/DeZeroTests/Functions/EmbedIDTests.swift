import Testing
import DeZero

@Suite("embedID")
struct EmbedIDTests {
    static let table = NDArray([[0, 1], [10, 11], [20, 21]] as [[Double]])

    @Test func picksRowsAndRepeatedIdsAccumulate() {
        let W = Variable(Self.table)
        let y = embedID(Variable(NDArray([2, 0, 2], shape: [3])), W)
        #expect(y.shape == [3, 2])
        #expect(y.scalars(as: Double.self) == [20, 21, 0, 1, 20, 21])
        sum(y * NDArray([[1, 2], [3, 4], [5, 6]] as [[Double]])).backward()
        // Row 0 gets [3, 4]; row 1 nothing; row 2 the sum [1, 2] + [5, 6].
        #expect(W.grad!.scalars(as: Double.self) == [3, 4, 0, 0, 6, 8])
    }

    @Test func idsOfAnyShape() {
        let y = embedID(Variable(NDArray([0, 1, 2, 1, 1, 0], shape: [2, 3])), Variable(Self.table))
        #expect(y.shape == [2, 3, 2])
        #expect(y.scalars(as: Double.self) == [0, 1, 10, 11, 20, 21, 10, 11, 10, 11, 0, 1])
    }

    @Test func gradientCheckForTheTable() {
        let ids = Variable(NDArray([3, 1, 3, 0, 3, 4], shape: [2, 3]))
        let result = gradientCheck(weightedOutput { embedID(ids, $0) }, sampleArray([5, 4], seed: 90))
        #expect(result.passed, "\(result)")
    }

    @Test func layerKeyShapeAndSeededWeights() {
        let a = withRandomSource(seed: 1) { EmbedID(inSize: 7, outSize: 3) }
        let b = withRandomSource(seed: 1) { EmbedID(inSize: 7, outSize: 3) }
        #expect(a.namedParams.map(\.key) == ["W"])
        #expect(a.W.shape == [7, 3] && a.W.dtype == .float32)
        #expect(a.W.scalars(as: Float.self) == b.W.scalars(as: Float.self))
        let y = a(Variable(NDArray([6, 0], shape: [2])))
        #expect(y.shape == [2, 3])
        let rows = a.W.scalars(as: Float.self)
        #expect(y.scalars(as: Float.self) == Array(rows[18..<21] + rows[0..<3]))
    }
}
