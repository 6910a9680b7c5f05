import Testing
import DeZero

@Suite struct DataLoaderTests {
    /// Ten examples: x_i = [3i, 3i+1, 3i+2] (float32), t_i = i (int64).
    static let ten = ArrayDataset(data: NDArray((0..<30).map { Float($0) }, shape: [10, 3]),
                                  label: NDArray(Array(0..<10)))

    /// Labels of each batch of the loader's next epoch.
    static func epochLabels(_ loader: DataLoader) -> [[Int64]] {
        labels(loader.nextEpoch())
    }

    /// Labels of each batch of an epoch.
    static func labels(_ batches: some Sequence<(x: NDArray, t: NDArray)>) -> [[Int64]] {
        batches.map { $0.t.scalars(as: Int64.self) }
    }

    @Test func batchesInOrderKeepTheLastPartialBatch() {
        let loader = DataLoader(Self.ten, batchSize: 4, shuffle: false)
        #expect(loader.batchCount == 3)
        let batches = Array(loader.nextEpoch())
        #expect(batches.map(\.x.shape) == [[4, 3], [4, 3], [2, 3]])
        #expect(batches.map(\.t.shape) == [[4], [4], [2]])
        #expect(batches[2].x.scalars(as: Float.self) == [24, 25, 26, 27, 28, 29])
        #expect(batches[1].t.scalars(as: Int64.self) == [4, 5, 6, 7])
        #expect(batches[0].x.dtype == .float32 && batches[0].t.dtype == .int64)
    }

    @Test func shuffledEpochHoldsEveryExampleOnceWithItsTarget() {
        let loader = DataLoader(Self.ten, batchSize: 3, seed: 5)
        var seen: [Int64] = []
        for (x, t) in loader.nextEpoch() {
            let labels = t.scalars(as: Int64.self)
            // Each row still belongs with its label: x = [3t, 3t+1, 3t+2].
            let expected: [Float] = labels.flatMap { (t: Int64) -> [Float] in
                let base = Float(3 * t)
                return [base, base + 1, base + 2]
            }
            #expect(x.scalars(as: Float.self) == expected)
            seen += labels
        }
        #expect(seen.sorted() == Array(0..<10))
        #expect(seen != Array(0..<10))
    }

    @Test func sameSeedSameEpochsAndEachEpochReshuffles() {
        let big = ArrayDataset(data: NDArray((0..<100).map { Float($0) }, shape: [100, 1]), label: NDArray(Array(0..<100)))
        let a = DataLoader(big, batchSize: 32, seed: 42), b = DataLoader(big, batchSize: 32, seed: 42)
        let a1 = Self.epochLabels(a), a2 = Self.epochLabels(a)
        #expect(a1 == Self.epochLabels(b))
        #expect(a2 == Self.epochLabels(b))
        #expect(a1 != a2)
        #expect(a.epoch == 2)
        #expect(a1.map(\.count) == [32, 32, 32, 4])
        #expect(Self.epochLabels(DataLoader(big, batchSize: 32, seed: 43)) != a1)
    }

    @Test func restoringTheGeneratorStateResumesTheSequenceOfOrders() {
        let first = DataLoader(Self.ten, batchSize: 10, seed: 9)
        _ = Self.epochLabels(first)
        let saved = first.generator.state
        let second = Self.epochLabels(first)
        let resumed = DataLoader(Self.ten, batchSize: 10, seed: 1234)
        resumed.generator.state = saved
        #expect(Self.epochLabels(resumed) == second)
    }

    @Test func inspectingALoaderOrAnEpochDoesNotAdvanceIt() {
        let loader = DataLoader(Self.ten, batchSize: 4, seed: 7)
        let twin = DataLoader(Self.ten, batchSize: 4, seed: 7)
        let state = loader.generator.state
        #expect(loader.batchCount == 3 && loader.epoch == 0)
        #expect(loader.generator.state == state)   // counting batches draws nothing

        let epoch = loader.nextEpoch()
        #expect(loader.epoch == 1 && epoch.number == 1)
        let afterStart = loader.generator.state
        #expect(afterStart != state)                // starting an epoch draws its order
        // Everything one can ask of an epoch value gives the same batches and draws nothing.
        let once = Self.labels(epoch)
        #expect(Self.labels(epoch) == once)
        #expect(Array(epoch.prefix(1)).map { $0.t.scalars(as: Int64.self) } == Array(once.prefix(1)))
        #expect(Array(epoch).count == 3 && epoch.underestimatedCount == 3 && epoch.batchCount == 3)
        #expect(Self.labels(epoch.enumerated().map(\.element)) == once)
        #expect(loader.epoch == 1 && loader.generator.state == afterStart)

        // The loader moved on exactly one epoch: its twin, asked once, agrees.
        #expect(Self.epochLabels(twin) == once)
        #expect(Self.epochLabels(loader) == Self.epochLabels(twin))
        #expect(loader.epoch == 2 && twin.epoch == 2)
    }

    /// A dataset that only knows single examples: batches go through the default stacking.
    struct Squares: Dataset {
        var count: Int { 5 }
        subscript(i: Int) -> (x: NDArray, t: NDArray) {
            (NDArray([Double(i), -Double(i)]), NDArray(Double(i * i)))
        }
    }

    @Test func datasetsWithOnlyASubscriptAreStacked() {
        let batches = Array(DataLoader(Squares(), batchSize: 2, shuffle: false).nextEpoch())
        #expect(batches.count == 3)
        #expect(batches[1].x.shape == [2, 2])
        #expect(batches[1].x.scalars(as: Double.self) == [2, -2, 3, -3])
        #expect(batches[2].t.scalars(as: Double.self) == [16])
        #expect(batches[2].t.shape == [1])
    }

    @Test func gatherCopiesRowsInTheRequestedOrder() {
        let (x, t) = Self.ten.batch([9, 0, 1, 2, 5])  // a run (0, 1, 2) between single rows
        #expect(x.scalars(as: Float.self) == [27, 28, 29, 0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17])
        #expect(t.scalars(as: Int64.self) == [9, 0, 1, 2, 5])
        #expect(Self.ten.batch([]).x.shape == [0, 3])
        #expect(Self.ten[7].x.scalars(as: Float.self) == [21, 22, 23])
        #expect(Self.ten[7].t.shape == [])
    }

    @Test func seqLoaderWalksParallelPositions() {
        let loader = SeqDataLoader(Self.ten, batchSize: 3)   // jump 10 / 3 = 3
        let batches = loader.map { $0.t.scalars(as: Int64.self) }
        #expect(loader.batchCount == 4)
        #expect(batches == [[0, 3, 6], [1, 4, 7], [2, 5, 8], [3, 6, 9]])
        #expect(Array(loader).count == 4)  // every iteration is a full epoch again
        #expect(loader.map { $0.t.scalars(as: Int64.self) } == batches)  // and the same one
        var it = loader.makeIterator()
        #expect(it.next()?.x.shape == [3, 3])
    }
}
