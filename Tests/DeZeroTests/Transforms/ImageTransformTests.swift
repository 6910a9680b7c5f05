import Testing
import DeZero

@Suite("transforms: CenterCrop, Resize, Flip")
struct ImageTransformTests {
    @Test("CenterCrop takes the middle window; an odd margin leaves the extra at bottom and right")
    func centerCrop() {
        let x = transformRamp([5, 5])
        let y = CenterCrop(3)(x)
        #expect(y.shape == [3, 3])
        #expect(y.scalars(as: Double.self) == [6, 7, 8, 11, 12, 13, 16, 17, 18])

        // 4 x 5 to 1 x 2: top = (4 - 1) / 2 = 1, left = (5 - 2) / 2 = 1 → row 1, columns 1 and 2.
        let z = CenterCrop(height: 1, width: 2)(transformRamp([4, 5]))
        #expect(z.shape == [1, 2])
        #expect(z.scalars(as: Double.self) == [6, 7])
    }

    @Test("CenterCrop crops every channel of a (C, H, W) array the same way")
    func centerCropChannels() {
        let y = CenterCrop(1)(transformRamp([2, 3, 3]))
        #expect(y.shape == [2, 1, 1])
        #expect(y.scalars(as: Double.self) == [4, 13])
    }

    @Test("CenterCrop larger than the image pads with zeros, as PIL's crop does")
    func centerCropPads() {
        // 2 x 2 to 3 x 4: top = ⌊-1 / 2⌋ = -1, left = ⌊-2 / 2⌋ = -1.
        let x = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
        let y = CenterCrop(height: 3, width: 4)(x)
        #expect(y.shape == [3, 4])
        #expect(y.dtype == .float32)
        #expect(y.scalars(as: Float.self) == [0, 0, 0, 0,
                                              0, 1, 2, 0,
                                              0, 3, 4, 0])
    }

    @Test("nearest resize picks the pixel under each output centre and keeps the dtype")
    func resizeNearest() {
        // 2 → 4: ⌊(i + 0.5) · 2 / 4⌋ = 0, 0, 1, 1.
        let x = NDArray([1, 2, 3, 4], shape: [2, 2])
        let y = Resize(4, mode: .nearest)(x)
        #expect(y.dtype == .int64)
        #expect(y.scalars(as: Int64.self) == [1, 1, 2, 2,
                                              1, 1, 2, 2,
                                              3, 3, 4, 4,
                                              3, 3, 4, 4])
        // 5 → 2: ⌊0.5 · 5 / 2⌋ = 1, ⌊1.5 · 5 / 2⌋ = 3.  3 → 2: ⌊0.75⌋ = 0, ⌊2.25⌋ = 2.
        let r = Resize(height: 2, width: 2, mode: .nearest)(transformRamp([3, 5]).astype(.float32))
        #expect(r.dtype == .float32)
        #expect(r.scalars(as: Float.self) == [1, 3, 11, 13])
    }

    @Test("bilinear enlarging interpolates between the two nearest pixels, edges repeated")
    func resizeBilinearUp() {
        // Centres of 4 outputs over 2 inputs: 0.25, 0.75, 1.25, 1.75 → pixel centres 0.5 and 1.5:
        // weights (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1).
        let x = NDArray([0, 4, 8, 12] as [Float], shape: [2, 2])
        let y = Resize(4)(x)
        #expect(y.dtype == .float32)
        #expect(y.scalars(as: Float.self) == [0, 1, 3, 4,
                                              2, 3, 5, 6,
                                              6, 7, 9, 10,
                                              8, 9, 11, 12])
        // Only the width changes: rows stay as they are.
        let row = Resize(height: 1, width: 4)(NDArray([0.0, 4.0], shape: [1, 2]))
        #expect(row.scalars(as: Double.self) == [0, 1, 3, 4])
    }

    @Test("bilinear shrinking stretches the triangle (PIL's antialiasing)")
    func resizeBilinearDown() {
        // 4 → 2: scale 2, triangle 1 - |d| / 2. Output 0 centred at 1.0 reads pixels 0, 1, 2
        // (centres 0.5, 1.5, 2.5) with weights 0.75, 0.75, 0.25 → /1.75 = 3/7, 3/7, 1/7.
        // Output 1 centred at 3.0 reads pixels 1, 2, 3 with 0.25, 0.75, 0.75 → 1/7, 3/7, 3/7.
        let x = NDArray([0, 4, 8, 12] as [Double], shape: [1, 4])
        let y = Resize(height: 1, width: 2)(x)
        let expected = NDArray([(4.0 * 3 + 8) / 7, (4.0 + 8 * 3 + 12 * 3) / 7], shape: [1, 2])
        #expect(y.allClose(expected, rtol: 1e-14, atol: 0))
        // The same along the height.
        let t = Resize(height: 2, width: 1)(x.reshape([4, 1]))
        #expect(t.allClose(expected.reshape([2, 1]), rtol: 1e-14, atol: 0))
    }

    @Test("bilinear resize of a (C, H, W) array resizes each channel; integers give float64")
    func resizeChannels() {
        let x = NDArray([0, 4, 1, 1], shape: [2, 1, 2])
        let y = Resize(height: 2, width: 4)(x)
        #expect(y.shape == [2, 2, 4])
        #expect(y.dtype == .float64)
        #expect(y.scalars(as: Double.self) == [0, 1, 3, 4, 0, 1, 3, 4,
                                               1, 1, 1, 1, 1, 1, 1, 1])
        // The same size leaves the image as it is.
        #expect(Resize(height: 1, width: 2)(x).scalars(as: Double.self) == [0, 4, 1, 1])
    }

    @Test("Flip mirrors the width or the height axis")
    func flip() {
        let x = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(Flip()(x).scalars(as: Float.self) == [3, 2, 1, 6, 5, 4])
        #expect(Flip(.vertical)(x).scalars(as: Float.self) == [4, 5, 6, 1, 2, 3])
        #expect(Flip()(Flip()(x)).scalars(as: Float.self) == [1, 2, 3, 4, 5, 6])
        let c = Flip()(transformRamp([2, 1, 2]))
        #expect(c.shape == [2, 1, 2])
        #expect(c.scalars(as: Double.self) == [1, 0, 3, 2])
        // A flipped view goes through the other transforms like any array.
        #expect(CenterCrop(height: 1, width: 2)(Flip()(transformRamp([1, 3]))).scalars(as: Double.self) == [2, 1])
        #expect(Resize(height: 1, width: 6, mode: .nearest)(Flip()(transformRamp([1, 3]))).scalars(as: Double.self)
                == [2, 2, 1, 1, 0, 0])
    }

    @Test("RandomHorizontalFlip flips exactly when the generator's draw is below p")
    func randomFlip() {
        let x = NDArray([1, 2], shape: [1, 2])
        #expect(RandomHorizontalFlip(p: 1, seed: 3)(x).scalars(as: Int64.self) == [2, 1])
        #expect(RandomHorizontalFlip(p: 0, seed: 3)(x).scalars(as: Int64.self) == [1, 2])

        let flip = RandomHorizontalFlip(p: 0.5, seed: 7)
        var g = RandomGenerator(seed: 7)
        var flips = 0
        for _ in 0..<64 {
            let flipped = flip(x).scalars(as: Int64.self) == [2, 1]
            #expect(flipped == (g.nextDouble() < 0.5))
            if flipped { flips += 1 }
        }
        #expect(flips > 0 && flips < 64)
    }
}

@Suite struct TransformExitTests {
    @Test func normalizeNamesChannelsAndShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Normalize(mean: [0, 0, 0], std: [1])(NDArray.zeros([2, 4, 4]))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("Normalize: 3 channel statistics for an array of shape (2, 4, 4); its first axis must have 3 entries"))
    }

    @Test func imageTransformsNeedTwoAxes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Resize(4)(NDArray.zeros([5]))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("Resize: expected an image array of shape (H, W) or (C, H, W), got shape (5,)"))
    }
}
