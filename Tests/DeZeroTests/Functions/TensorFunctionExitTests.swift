import Testing
import DeZero

// Each exit test runs in its own process, so there are only a few, one per kind of message.
@Suite struct FunctionsExitTests {
    @Test func softmaxCrossEntropyRejectsFloatLabels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmaxCrossEntropy(Variable(NDArray.zeros([3, 4])), Variable(NDArray([0.0, 1.0, 2.0])))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("softmaxCrossEntropy: labels must be int64, got float64 (logits of shape (3, 4), labels of shape (3,))"))
    }

    @Test func softmaxCrossEntropyRejectsWrongLabelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmaxCrossEntropy(Variable(NDArray.zeros([3, 4])), Variable(NDArray([0, 1])))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("softmaxCrossEntropy: need one label per row, (3,) or (3, 1); got logits of shape (3, 4), labels of shape (2,)"))
    }

    @Test func linearNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = linear(Variable(NDArray.zeros([2, 3])), Variable(NDArray.zeros([4, 5])))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("linear: x of shape (2, 3) and W of shape (4, 5) do not align"))
    }

    @Test func meanSquaredErrorRejectsShapesThatDoNotBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = meanSquaredError(Variable(NDArray.zeros([4, 2])), Variable(NDArray.zeros([3])))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("meanSquaredError: operands could not be broadcast together with shapes (4, 2) (3,)"))
    }

    @Test func maxNamesTheAxisAndShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = max(Variable(NDArray.zeros([2, 3])), axis: -3)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("max: axis -3 is out of bounds for array of dimension 2 with shape (2, 3)"))
    }
}
