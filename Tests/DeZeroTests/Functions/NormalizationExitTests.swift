import Testing
import DeZero

// Each exit test runs in its own process, so there are only a few, one per kind of message.
@Suite struct NormalizationExitTests {
    @Test func dropoutRejectsARatioOfOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = dropout(Variable(NDArray.ones([2])), dropoutRatio: 1)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("dropout: dropoutRatio must be in [0, 1), got 1.0"))
    }

    @Test func batchNormNamesTheMismatchedShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var mean = NDArray.zeros([3]), variance = NDArray.ones([3])
            _ = batchNorm(Variable(NDArray.zeros([4, 3])), Variable(NDArray.ones([2])), Variable(NDArray.zeros([3])),
                          runningMean: &mean, runningVar: &variance)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("batchNorm: gamma of shape (2,) does not match the 3 channels of input (4, 3)"))
    }

    @Test func batchNormRejectsRankThree() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm()(Variable(NDArray.zeros([2, 3, 4])))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("BatchNorm: input must have shape (N, C) or (N, C, H, W), got (2, 3, 4)"))
    }
}
