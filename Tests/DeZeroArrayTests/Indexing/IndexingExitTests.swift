import Testing
import DeZeroArray

// Each exit test runs in its own process, so there are only a few, one per kind of message.
@Suite struct IndexingExitTests {
    @Test func integerOutOfBoundsNamesAxisAndSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
            _ = x[1, -4]
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("index: index -4 is out of bounds for axis 1 with size 3"))
    }

    @Test func indexArrayOutOfBounds() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = NDArray([1, 2, 3] as [Double])
            _ = x[NDArray([0, 3])]
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("index: index 3 is out of bounds for axis 0 with size 3"))
    }

    @Test func tooManyIndices() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([1, 2] as [Double])[0, 0]
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("index: too many indices for array: array of shape (2,) is 1-dimensional, but 2 were indexed"))
    }

    @Test func addAtValuesThatDoNotBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = NDArray([0, 0, 0, 0] as [Double], shape: [2, 2])
            g.addAt(NDArray([0, 1]), NDArray([1, 2, 3] as [Double]))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("addAt: value array of shape (3,) could not be broadcast to indexing result of shape (2, 2)"))
    }
}
