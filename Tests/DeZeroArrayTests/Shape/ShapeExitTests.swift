import Testing
import DeZeroArray

// Each exit test runs in its own process, so there are only a few, one per kind of message.
@Suite struct ShapeExitTests {
    @Test func reshapeNamesSizeAndShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
            _ = x.reshape(4, -1)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("reshape: cannot reshape array of size 6 into shape (4, -1)"))
    }

    @Test func squeezeOfANonUnitAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([1, 2] as [Double], shape: [1, 2]).squeeze(axis: 1)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("squeeze: cannot select an axis to squeeze out which has size not equal to one"))
    }

    @Test func concatenateMismatchNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let a = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
            let b = NDArray([1, 2, 3] as [Double], shape: [1, 3])
            _ = concatenate([a, b])
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("concatenate: sizes must match except on axis 0, array 0 has shape (2, 2) and array 1 has shape (1, 3)"))
    }
}
