import Testing
import DeZeroArray

/// Max and average pooling written from DeZero's definition: the max (or mean) over each
/// window of the zero-padded image, the argmax the first maximal position in the window
/// (−1 when that is a padding zero).
func referencePool(_ x: NDArray, _ t: WindowCase) -> (max: [Double], argmax: [Int64], mean: [Double]) {
    let xs = x.scalars(as: Double.self)
    var mx: [Double] = [], am: [Int64] = [], mean: [Double] = []
    for p in 0..<(t.n * t.c) { for i in 0..<t.outHeight { for j in 0..<t.outWidth {
        var best = -Double.infinity, arg: Int64 = -2, sum = 0.0
        for kh in 0..<t.kernel.0 { for kw in 0..<t.kernel.1 {
            let ih = i * t.stride.0 + kh - t.pad.0, iw = j * t.stride.1 + kw - t.pad.1
            let inside = ih >= 0 && ih < t.h && iw >= 0 && iw < t.w
            let v = inside ? xs[p * t.h * t.w + ih * t.w + iw] : 0
            if arg == -2 || v > best { best = v; arg = inside ? Int64(kh * t.kernel.1 + kw) : -1 }
            sum += v
        } }
        mx.append(best); am.append(arg); mean.append(sum / Double(t.kernel.0 * t.kernel.1))
    } } }
    return (mx, am, mean)
}

@Suite struct Im2colPoolingTests {
    func geometry(_ t: WindowCase) -> ConvGeometry {
        ConvGeometry(op: "test", inputShape: t.shape, kernelSize: t.kernel, stride: t.stride, pad: t.pad)
    }

    @Test func maxAndMeanByHand() {
        // 0…15 in a 4×4 image; 2×2 windows with stride 2.
        let x = NDArray((0..<16).map(Float.init), shape: [1, 1, 4, 4])
        #expect(pooling(x, kernelSize: (2, 2), stride: (2, 2)).scalars(as: Float.self) == [5, 7, 13, 15])
        #expect(averagePooling(x, kernelSize: (2, 2), stride: (2, 2)).scalars(as: Float.self) == [2.5, 4.5, 10.5, 12.5])
        // Non-square window (1, 4), stride 1: one window per row, means 1.5, 5.5, 9.5, 13.5.
        let rows = averagePooling(x, kernelSize: (1, 4))
        #expect(rows.shape == [1, 1, 4, 1])
        #expect(rows.scalars(as: Float.self) == [1.5, 5.5, 9.5, 13.5])
        #expect(pooling(x, kernelSize: (4, 1)).scalars(as: Float.self) == [12, 13, 14, 15])
    }

    @Test func paddingZerosTakePartAsInDeZero() {
        // All −1 with pad 1, kernel 2, stride 2: the corner windows hold three padding zeros.
        let x = NDArray.full([1, 1, 2, 2], value: -1.0)
        let g = ConvGeometry(op: "t", inputShape: [1, 1, 2, 2], kernelSize: (2, 2), stride: (2, 2), pad: (1, 1))
        let (y, argmax) = PoolingKernels.maxPool(x, g)
        #expect(y.scalars(as: Double.self) == [0, 0, 0, 0])
        #expect(argmax.scalars(as: Int64.self) == [-1, -1, -1, -1])
        // The gradient of a padding maximum goes nowhere.
        let gx = PoolingKernels.maxPoolBackward(NDArray.ones([1, 1, 2, 2]), argmax: argmax, geometry: g)
        #expect(gx.scalars(as: Double.self) == [0, 0, 0, 0])
        // Average: each window holds one −1 and three zeros.
        #expect(PoolingKernels.averagePool(x, g).scalars(as: Double.self) == [-0.25, -0.25, -0.25, -0.25])
    }

    @Test func tiesGoToTheFirstAndNaNWins() {
        let x = NDArray([3, 3, 1, 3, 2, .nan, 1, 4] as [Double], shape: [1, 2, 2, 2])
        let g = ConvGeometry(op: "t", inputShape: [1, 2, 2, 2], kernelSize: (2, 2), stride: (2, 2), pad: (0, 0))
        let (y, argmax) = PoolingKernels.maxPool(x, g)
        #expect(argmax.scalars(as: Int64.self) == [0, 1])
        #expect(y.scalars(as: Double.self)[0] == 3)
        #expect(y.scalars(as: Double.self)[1].isNaN)
    }

    @Test func tiesAndNaNInTheFloat32VectorPath() {
        // One row of eight 2×2 windows (two vector steps). Window by window, corners in
        // row-major order (a b / c d): all equal → a; b = c largest → b; NaN in c → NaN at c;
        // d largest; −0 and +0 tie → a; NaN in a and d → a; c largest; all −∞ → a.
        let nan = Float.nan, inf = Float.infinity
        let top: [Float] = [1, 1, 0, 5, 1, 2, 0, 1, -0.0, 0, nan, 3, 0, 1, -inf, -inf]
        let bottom: [Float] = [1, 1, 5, 0, nan, 9, 2, 7, 0, 0, 4, nan, 8, 2, -inf, -inf]
        let x = NDArray(top + bottom, shape: [1, 1, 2, 16])
        let g = ConvGeometry(op: "t", inputShape: [1, 1, 2, 16], kernelSize: (2, 2), stride: (2, 2), pad: (0, 0))
        let (y, argmax) = PoolingKernels.maxPool(x, g)
        #expect(argmax.scalars(as: Int64.self) == [0, 1, 2, 3, 0, 0, 2, 0])  // corners: 0 1 / 2 3
        let v = y.scalars(as: Float.self)
        #expect(v[0] == 1 && v[1] == 5 && v[2].isNaN && v[3] == 7 && v[5].isNaN && v[6] == 8 && v[7] == -inf)
        #expect(v[4] == 0 && v[4].sign == .minus)
    }

    @Test(arguments: WindowCase.all)
    func matchesTheDefinition(_ t: WindowCase) {
        let x = im2colSample(t.shape, seed: 71)
        let ref = referencePool(x, t)
        let (y, argmax) = PoolingKernels.maxPool(x, geometry(t))
        #expect(y.scalars(as: Double.self) == ref.max)
        #expect(argmax.scalars(as: Int64.self) == ref.argmax)
        #expect(pooling(x.astype(.float32), kernelSize: t.kernel, stride: t.stride, pad: t.pad).scalars(as: Float.self)
                == ref.max.map { Float($0) })
        expectClose(averagePooling(x, kernelSize: t.kernel, stride: t.stride, pad: t.pad),
                    NDArray(ref.mean, shape: y.shape))
    }

    @Test(arguments: WindowCase.all)
    func backwardKernelsAreAdjoints(_ t: WindowCase) {
        let g = geometry(t)
        let x = im2colSample(t.shape, seed: 81)
        let gy = im2colSample([t.n, t.c, t.outHeight, t.outWidth], seed: 82)
        // Scatter to the argmax and gather from it are adjoint: ⟨gather(z), gy⟩ = ⟨z, scatter(gy)⟩.
        let argmax = PoolingKernels.maxPool(x, g).argmax
        let z = im2colSample(t.shape, seed: 83)
        let scattered = PoolingKernels.maxPoolBackward(gy, argmax: argmax, geometry: g)
        let gathered = PoolingKernels.gatherAtArgmax(z, argmax: argmax, geometry: g)
        #expect(abs(im2colInner(gathered, gy) - im2colInner(z, scattered)) <= 1e-10 * Swift.max(1, abs(im2colInner(gathered, gy))))
        // Gathering x at its own argmax gives the maxima back (a padding maximum is 0 both ways).
        #expect(PoolingKernels.gatherAtArgmax(x, argmax: argmax, geometry: g) == PoolingKernels.maxPool(x, g).output)
        // Average pooling is linear; its backward kernel is its adjoint.
        let spread = PoolingKernels.averagePoolBackward(gy, geometry: g)
        let lhs = im2colInner(PoolingKernels.averagePool(z, g), gy), rhs = im2colInner(z, spread)
        #expect(abs(lhs - rhs) <= 1e-10 * Swift.max(1, abs(lhs)), "\(lhs) vs \(rhs)")
    }
}
