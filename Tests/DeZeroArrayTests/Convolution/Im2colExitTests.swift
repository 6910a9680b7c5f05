import Testing
import DeZeroArray

// Each exit test runs in its own process, so there are only a few.
@Suite struct Im2colExitTests {
    @Test func windowLargerThanThePaddedImage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = im2col(NDArray.zeros([1, 1, 2, 2]), kernelSize: (3, 3))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("im2col: kernel (3, 3) with pad (0, 0) does not fit input of shape (1, 1, 2, 2)"))
    }

    @Test func col2imOfTheWrongShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            // A 4×4 image has 2·2 windows of 3×3: the matrix must be (4, 9).
            _ = col2im(NDArray.zeros([5, 9]), inputShape: [1, 1, 4, 4], kernelSize: (3, 3), toMatrix: true)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("col2im: col of shape (5, 9) does not match (4, 9) for input shape (1, 1, 4, 4)"))
    }

    @Test func argmaxOutsideTheWindow() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let g = ConvGeometry(op: "t", inputShape: [1, 1, 4, 4], kernelSize: (2, 2), stride: (2, 2), pad: (0, 0))
            _ = PoolingKernels.maxPoolBackward(NDArray.ones([1, 1, 2, 2]), argmax: NDArray([0, 1, 4, 2], shape: [1, 1, 2, 2]),
                                               geometry: g)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("pooling: argmax holds indices outside 0..<4 for a 2×2 window"))
    }
}
