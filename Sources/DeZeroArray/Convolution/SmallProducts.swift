// Matrix products too thin for the GEMM: a convolution with few input channels (the first
// layer of a network: C·KH·KW = 9 for a 3×3 filter on grey images) multiplies by a weight
// matrix of a few hundred elements. A blocked GEMM then spends its time packing operands
// into tiles it mostly leaves empty, so these loops run over the long dimension directly,
// image by image, writing NCHW output without a transposing copy. Float32 runs in C kernels
// with AVX2+FMA where the CPU has them (dz_conv.h): Swift code here is built for the baseline
// vector width, and these loops are bound by arithmetic.

import CDeZeroKernels

enum SmallProducts {
    /// Whether a weight matrix of `outChannels × patchSize` is small enough for these loops.
    static func suits(outChannels: Int, patchSize: Int) -> Bool { outChannels * patchSize <= 512 }

    /// `out[i, j] = bias[i] + Σ_p a[i, p]·b[p, j]` for `i < m`, `j < l`, with `a` read through
    /// element strides, `b` rows `ldb` apart and `out` rows `ldo` apart. Four rows of `b`
    /// are folded into each pass over an output row, which stays in L1.
    static func product<T: NDFloat>(m: Int, k: Int, l: Int, a: UnsafePointer<T>, aRowStride: Int, aColStride: Int,
                                    b: UnsafePointer<T>, ldb: Int, out: UnsafeMutablePointer<T>, ldo: Int,
                                    bias: UnsafePointer<T>?) {
        if T.self == Float.self {
            dz_conv_small_product_f32(m, k, l, cast(a), aRowStride, aColStride, cast(b), ldb,
                                      UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self), ldo,
                                      bias.map { cast($0) })
            return
        }
        for i in 0..<m {
            let o = out + i * ldo, ai = a + i * aRowStride
            o.update(repeating: bias?[i] ?? 0, count: l)
            var p = 0
            while p + 4 <= k {
                let (s0, s1, s2, s3) = (ai[p * aColStride], ai[(p + 1) * aColStride],
                                        ai[(p + 2) * aColStride], ai[(p + 3) * aColStride])
                let r0 = b + p * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb
                for j in 0..<l { o[j] += s0 * r0[j] + s1 * r1[j] + s2 * r2[j] + s3 * r3[j] }
                p += 4
            }
            while p < k {
                let s = ai[p * aColStride], r = b + p * ldb
                for j in 0..<l { o[j] += s * r[j] }
                p += 1
            }
        }
    }

    /// `out[i, r] += Σ_j x[i, j]·y[r, j]` over `j < length`: every row of `x` (`xRows` rows,
    /// `xStride` apart) against every row of `y` (`yRows`, `yStride` apart), `out` row-major.
    static func accumulateDots<T: NDFloat & SIMDScalar>(x: UnsafePointer<T>, xRows: Int, xStride: Int,
                                                        y: UnsafePointer<T>, yRows: Int, yStride: Int,
                                                        length: Int, out: UnsafeMutablePointer<T>) {
        if T.self == Float.self {
            dz_conv_accumulate_dots_f32(cast(x), xRows, xStride, cast(y), yRows, yStride, length,
                                        UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self))
            return
        }
        for i in 0..<xRows {
            let xi = x + i * xStride
            for r in 0..<yRows {
                out[i * yRows + r] += dot(xi, y + r * yStride, length)
            }
        }
    }

    /// `Σ a[j]·b[j]`, eight lanes at a time in two accumulators (Swift does not reorder a
    /// floating-point sum by itself, so the vector lanes are explicit).
    @inline(__always)
    static func dot<T: NDFloat & SIMDScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ n: Int) -> T {
        var acc0 = SIMD8<T>(repeating: 0), acc1 = SIMD8<T>(repeating: 0)
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), size = MemoryLayout<T>.stride
        var j = 0
        while j + 16 <= n {
            acc0 += ra.loadUnaligned(fromByteOffset: j * size, as: SIMD8<T>.self)
                * rb.loadUnaligned(fromByteOffset: j * size, as: SIMD8<T>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (j + 8) * size, as: SIMD8<T>.self)
                * rb.loadUnaligned(fromByteOffset: (j + 8) * size, as: SIMD8<T>.self)
            j += 16
        }
        var sum = (acc0 + acc1).sum()
        while j < n {
            sum += a[j] * b[j]
            j += 1
        }
        return sum
    }

    /// `p` as a pointer to float32, for the C kernels (called only when `T` is `Float`).
    @inline(__always)
    private static func cast<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Float> {
        UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
    }
}
