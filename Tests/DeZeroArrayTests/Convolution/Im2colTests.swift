import Testing
import DeZeroArray

/// One sliding-window setting: input (N, C, H, W), kernel, stride, pad.
struct WindowCase: CustomStringConvertible, Sendable {
    let n: Int, c: Int, h: Int, w: Int
    let kernel: (Int, Int), stride: (Int, Int), pad: (Int, Int)
    var shape: [Int] { [n, c, h, w] }
    var outHeight: Int { (h + 2 * pad.0 - kernel.0) / stride.0 + 1 }
    var outWidth: Int { (w + 2 * pad.1 - kernel.1) / stride.1 + 1 }
    var description: String { "x\(shape) k\(kernel) s\(stride) p\(pad)" }

    /// Square and non-square kernels, strides and pads; windows wholly in the padding;
    /// a stride larger than the kernel; one batch big enough to run on several threads.
    static let all: [WindowCase] = [
        WindowCase(n: 2, c: 3, h: 5, w: 5, kernel: (3, 3), stride: (1, 1), pad: (0, 0)),
        WindowCase(n: 2, c: 3, h: 5, w: 5, kernel: (3, 3), stride: (1, 1), pad: (1, 1)),
        WindowCase(n: 2, c: 2, h: 7, w: 6, kernel: (3, 3), stride: (2, 2), pad: (1, 1)),
        WindowCase(n: 1, c: 2, h: 5, w: 7, kernel: (2, 3), stride: (2, 1), pad: (0, 1)),
        WindowCase(n: 3, c: 1, h: 4, w: 4, kernel: (1, 1), stride: (1, 1), pad: (0, 0)),
        WindowCase(n: 1, c: 1, h: 3, w: 3, kernel: (2, 2), stride: (1, 1), pad: (3, 3)),
        WindowCase(n: 1, c: 2, h: 7, w: 7, kernel: (2, 2), stride: (3, 3), pad: (0, 0)),
        WindowCase(n: 2, c: 1, h: 6, w: 4, kernel: (4, 1), stride: (1, 2), pad: (2, 0)),
        WindowCase(n: 16, c: 4, h: 16, w: 16, kernel: (3, 3), stride: (1, 1), pad: (1, 1)),
        // The usual 2×2 pooling (a vector path for float32), with an odd width and a row
        // of windows that is not a multiple of four.
        WindowCase(n: 2, c: 3, h: 8, w: 9, kernel: (2, 2), stride: (2, 2), pad: (0, 0)),
        WindowCase(n: 1, c: 2, h: 5, w: 22, kernel: (2, 2), stride: (2, 2), pad: (0, 0)),
    ]
}

/// Uniform random float64 values in [-2, 2), reproducible by seed.
func im2colSample(_ shape: [Int], seed: UInt64) -> NDArray {
    var rng = RandomGenerator(seed: seed)
    return rng.uniform(shape, low: -2, high: 2, dtype: .float64)
}

/// Σ aᵢ·bᵢ over all elements, in float64.
func im2colInner(_ a: NDArray, _ b: NDArray) -> Double {
    zip(a.astype(.float64).scalars(as: Double.self), b.astype(.float64).scalars(as: Double.self))
        .reduce(0) { $0 + $1.0 * $1.1 }
}

/// The patch tensor (N, C, KH, KW, OH, OW) written straight from its definition.
func referencePatches(_ x: [Double], _ t: WindowCase) -> [Double] {
    var out: [Double] = []
    for n in 0..<t.n { for c in 0..<t.c { for kh in 0..<t.kernel.0 { for kw in 0..<t.kernel.1 {
        for oh in 0..<t.outHeight { for ow in 0..<t.outWidth {
            let ih = oh * t.stride.0 + kh - t.pad.0, iw = ow * t.stride.1 + kw - t.pad.1
            let inside = ih >= 0 && ih < t.h && iw >= 0 && iw < t.w
            out.append(inside ? x[((n * t.c + c) * t.h + ih) * t.w + iw] : 0)
        } }
    } } } }
    return out
}

@Suite struct Im2colTests {
    @Test func matrixRowsAreWindowsByHand() {
        // x = [[1 2 3], [4 5 6], [7 8 9]]: the four 2×2 windows, one per row.
        let x = NDArray((1...9).map(Double.init), shape: [1, 1, 3, 3])
        let col = im2col(x, kernelSize: (2, 2))
        #expect(col.shape == [4, 4])
        #expect(col.scalars(as: Double.self) == [1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9])
    }

    @Test func paddingGivesZerosByHand() {
        // pad 1, kernel 3: the top-left window is [0 0 0; 0 1 2; 0 4 5].
        let x = NDArray((1...9).map(Float.init), shape: [1, 1, 3, 3])
        let col = im2col(x, kernelSize: (3, 3), pad: (1, 1))
        #expect(col.shape == [9, 9])
        #expect(col.dtype == .float32)
        #expect(Array(col.scalars(as: Float.self).prefix(9)) == [0, 0, 0, 0, 1, 2, 0, 4, 5])
        // The centre window (row 4) is the whole image.
        #expect(Array(col.scalars(as: Float.self)[36..<45]) == (1...9).map(Float.init))
    }

    @Test func tensorLayoutByHand() {
        // Two channels, kernel (1, 2), stride (1, 2): element (n, c, kh, kw, oh, ow) is x[n, c, oh, 2·ow + kw].
        let x = NDArray((0..<8).map(Double.init), shape: [1, 2, 2, 2])
        let col = im2col(x, kernelSize: (1, 2), stride: (1, 2), toMatrix: false)
        #expect(col.shape == [1, 2, 1, 2, 2, 1])
        // c=0: kw=0 → [x00, x10] = [0, 2]; kw=1 → [1, 3]; c=1 adds 4.
        #expect(col.scalars(as: Double.self) == [0, 2, 1, 3, 4, 6, 5, 7])
    }

    @Test(arguments: WindowCase.all)
    func matchesTheDefinition(_ t: WindowCase) {
        let x = im2colSample(t.shape, seed: 3)
        let expected = referencePatches(x.scalars(as: Double.self), t)
        let tensor = im2col(x, kernelSize: t.kernel, stride: t.stride, pad: t.pad, toMatrix: false)
        #expect(tensor.shape == [t.n, t.c, t.kernel.0, t.kernel.1, t.outHeight, t.outWidth])
        #expect(tensor.scalars(as: Double.self) == expected)
        let matrix = im2col(x, kernelSize: t.kernel, stride: t.stride, pad: t.pad)
        #expect(matrix.shape == [t.n * t.outHeight * t.outWidth, t.c * t.kernel.0 * t.kernel.1])
        #expect(matrix == NDArray(expected, shape: tensor.shape).transpose(0, 4, 5, 1, 2, 3).reshape(matrix.shape))
    }

    @Test func copiesIntegersAndFloat32Exactly() {
        let t = WindowCase.all[2]
        let ints = NDArray((0..<(t.n * t.c * t.h * t.w)).map { $0 * 7 - 100 }, shape: t.shape)
        let col = im2col(ints, kernelSize: t.kernel, stride: t.stride, pad: t.pad, toMatrix: false)
        #expect(col.dtype == .int64)
        #expect(col.scalars(as: Double.self) == referencePatches(ints.scalars(as: Double.self), t))
        let floats = im2colSample(t.shape, seed: 4).astype(.float32)
        let colf = im2col(floats, kernelSize: t.kernel, stride: t.stride, pad: t.pad, toMatrix: false)
        #expect(colf.scalars(as: Double.self) == referencePatches(floats.scalars(as: Double.self), t))
    }

    @Test(arguments: WindowCase.all)
    func col2imIsTheAdjoint(_ t: WindowCase) {
        // ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩ for every x and y, in both layouts.
        let x = im2colSample(t.shape, seed: 5)
        for toMatrix in [false, true] {
            let col = im2col(x, kernelSize: t.kernel, stride: t.stride, pad: t.pad, toMatrix: toMatrix)
            let y = im2colSample(col.shape, seed: 6)
            let back = col2im(y, inputShape: t.shape, kernelSize: t.kernel, stride: t.stride, pad: t.pad, toMatrix: toMatrix)
            #expect(back.shape == t.shape)
            let lhs = im2colInner(col, y), rhs = im2colInner(x, back)
            #expect(abs(lhs - rhs) <= 1e-10 * Swift.max(1, abs(lhs)), "\(lhs) vs \(rhs)")
        }
    }

    @Test func col2imCountsOverlapsByHand() {
        // Every entry 1: each pixel of a 4×4 image receives one per 2×2 window covering it.
        let ones = NDArray.ones([1, 1, 2, 2, 3, 3])
        let img = col2im(ones, inputShape: [1, 1, 4, 4], kernelSize: (2, 2), toMatrix: false)
        #expect(img.scalars(as: Double.self) == [1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1])
        // With stride 2 and pad 1 on a 3×3 image (kernel 2): each pixel lies in exactly one window.
        let g = NDArray.ones([1, 1, 2, 2, 2, 2], dtype: .float32)
        let img2 = col2im(g, inputShape: [1, 1, 3, 3], kernelSize: (2, 2), stride: (2, 2), pad: (1, 1), toMatrix: false)
        #expect(img2.scalars(as: Float.self) == [1, 1, 1, 1, 1, 1, 1, 1, 1])
    }

    @Test func geometryFormulas() {
        #expect(convOutputSize(28, kernel: 3, stride: 1, pad: 1) == 28)
        #expect(convOutputSize(28, kernel: 2, stride: 2, pad: 0) == 14)
        #expect(convOutputSize(7, kernel: 3, stride: 2, pad: 1) == 4)   // (7 + 2 − 3) / 2 + 1
        #expect(deconvOutputSize(14, kernel: 4, stride: 2, pad: 1) == 28)  // 2·13 + 4 − 2
        let g = ConvGeometry(op: "t", inputShape: [2, 3, 5, 7], kernelSize: (2, 3), stride: (2, 1), pad: (0, 1))
        #expect((g.outHeight, g.outWidth) == (2, 7))
        #expect(g.patchSize == 18)
    }
}
