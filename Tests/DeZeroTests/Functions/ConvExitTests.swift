import Foundation
import Testing
import DeZero

// Each exit test runs in its own process, so there are only a few.
@Suite struct ConvExitTests {
    @Test func conv2dChannelMismatchNamesShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Variable(NDArray.zeros([1, 3, 5, 5])), Variable(NDArray.zeros([2, 4, 3, 3])))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("conv2d: input of shape (1, 3, 5, 5) has 3 channels, but W of shape (2, 4, 3, 3) expects 4"))
    }

    @Test func deconv2dOutsizeThatDoesNotFit() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DeZero.deconv2d(Variable(NDArray.zeros([1, 2, 3, 3])), Variable(NDArray.zeros([2, 1, 3, 3])), nil,
                                stride: 2, pad: 0, outsize: (10, 7))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("deconv2d: outsize (10, 7) does not match input of shape (1, 2, 3, 3)"))
    }

    @Test func poolingNeedsFourDimensions() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = pooling(Variable(NDArray.zeros([3, 5, 5])), kernelSize: 2, stride: 2)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("pooling: input must be 4-d (N, C, H, W), got shape (3, 5, 5)"))
    }
}
