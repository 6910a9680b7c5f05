// Thin-weight convolution products (see dz_conv.h). The bodies are written once with
// 8-float vector types and inlined into two wrappers: one compiled for AVX2+FMA (one ymm
// register per vector, fused multiply-adds) and one for the baseline (two xmm registers).
#include "CDeZeroKernels.h"
#include "dz_conv.h"

typedef float v8f __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));  // for unaligned loads and stores

#define ALWAYS_INLINE static inline __attribute__((always_inline))
// Macros, not functions: a function taking or returning a 32-byte vector has a different
// calling convention with and without AVX, which the compiler warns about.
#define load8(p) (*(const v8u *)(p))
#define store8(p, v) (*(v8u *)(p) = (v))
#define splat8(s) ((v8f){(s), (s), (s), (s), (s), (s), (s), (s)})
#define sum8(v) ((((v)[0] + (v)[4]) + ((v)[1] + (v)[5])) + (((v)[2] + (v)[6]) + ((v)[3] + (v)[7])))

// Blocks of 32 output columns: four accumulators stay in registers while the k rows of b
// stream past (they stay in L1: k is small), so each multiply-add costs one load.
ALWAYS_INLINE void product_body(ptrdiff_t m, ptrdiff_t k, ptrdiff_t l, const float *a, ptrdiff_t a_rs,
                                ptrdiff_t a_cs, const float *b, ptrdiff_t ldb, float *out, ptrdiff_t ldo,
                                const float *bias) {
    ptrdiff_t j0 = 0;
    for (; j0 + 32 <= l; j0 += 32) {
        for (ptrdiff_t i = 0; i < m; i++) {
            const float *ai = a + i * a_rs;
            v8f c0 = splat8(bias ? bias[i] : 0.0f), c1 = c0, c2 = c0, c3 = c0;
            for (ptrdiff_t p = 0; p < k; p++) {
                v8f s = splat8(ai[p * a_cs]);
                const float *bp = b + p * ldb + j0;
                c0 += s * load8(bp);
                c1 += s * load8(bp + 8);
                c2 += s * load8(bp + 16);
                c3 += s * load8(bp + 24);
            }
            float *o = out + i * ldo + j0;
            store8(o, c0); store8(o + 8, c1); store8(o + 16, c2); store8(o + 24, c3);
        }
    }
    for (; j0 + 8 <= l; j0 += 8) {
        for (ptrdiff_t i = 0; i < m; i++) {
            const float *ai = a + i * a_rs;
            v8f c = splat8(bias ? bias[i] : 0.0f);
            for (ptrdiff_t p = 0; p < k; p++) c += splat8(ai[p * a_cs]) * load8(b + p * ldb + j0);
            store8(out + i * ldo + j0, c);
        }
    }
    for (ptrdiff_t i = 0; i < m; i++) {
        const float *ai = a + i * a_rs;
        for (ptrdiff_t j = j0; j < l; j++) {
            float c = bias ? bias[i] : 0.0f;
            for (ptrdiff_t p = 0; p < k; p++) c += ai[p * a_cs] * b[p * ldb + j];
            out[i * ldo + j] = c;
        }
    }
}

// Four rows of y at a time against one row of x: the x vector is loaded once for four
// multiply-adds, and four independent accumulators keep the adder busy.
ALWAYS_INLINE void dots_body(const float *x, ptrdiff_t x_rows, ptrdiff_t x_stride, const float *y,
                             ptrdiff_t y_rows, ptrdiff_t y_stride, ptrdiff_t length, float *out) {
    ptrdiff_t n8 = length - length % 8;
    for (ptrdiff_t i = 0; i < x_rows; i++) {
        const float *xi = x + i * x_stride;
        float *oi = out + i * y_rows;
        ptrdiff_t r = 0;
        for (; r + 4 <= y_rows; r += 4) {
            const float *y0 = y + r * y_stride, *y1 = y0 + y_stride, *y2 = y1 + y_stride, *y3 = y2 + y_stride;
            v8f s0 = splat8(0), s1 = s0, s2 = s0, s3 = s0;
            for (ptrdiff_t j = 0; j < n8; j += 8) {
                v8f xv = load8(xi + j);
                s0 += xv * load8(y0 + j);
                s1 += xv * load8(y1 + j);
                s2 += xv * load8(y2 + j);
                s3 += xv * load8(y3 + j);
            }
            float t0 = sum8(s0), t1 = sum8(s1), t2 = sum8(s2), t3 = sum8(s3);
            for (ptrdiff_t j = n8; j < length; j++) {
                t0 += xi[j] * y0[j]; t1 += xi[j] * y1[j]; t2 += xi[j] * y2[j]; t3 += xi[j] * y3[j];
            }
            oi[r] += t0; oi[r + 1] += t1; oi[r + 2] += t2; oi[r + 3] += t3;
        }
        for (; r < y_rows; r++) {
            const float *yr = y + r * y_stride;
            v8f s = splat8(0);
            for (ptrdiff_t j = 0; j < n8; j += 8) s += load8(xi + j) * load8(yr + j);
            float t = sum8(s);
            for (ptrdiff_t j = n8; j < length; j++) t += xi[j] * yr[j];
            oi[r] += t;
        }
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void product_avx2(ptrdiff_t m, ptrdiff_t k, ptrdiff_t l, const float *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
                         const float *b, ptrdiff_t ldb, float *out, ptrdiff_t ldo, const float *bias) {
    product_body(m, k, l, a, a_rs, a_cs, b, ldb, out, ldo, bias);
}

__attribute__((target("avx2,fma")))
static void dots_avx2(const float *x, ptrdiff_t x_rows, ptrdiff_t x_stride, const float *y, ptrdiff_t y_rows,
                      ptrdiff_t y_stride, ptrdiff_t length, float *out) {
    dots_body(x, x_rows, x_stride, y, y_rows, y_stride, length, out);
}
#endif

static int use_avx2(void) {
#if defined(__x86_64__)
    return dz_cpu_level() >= 1;
#else
    return 0;
#endif
}

void dz_conv_small_product_f32(ptrdiff_t m, ptrdiff_t k, ptrdiff_t l, const float *a, ptrdiff_t a_rs,
                               ptrdiff_t a_cs, const float *b, ptrdiff_t ldb, float *out, ptrdiff_t ldo,
                               const float *bias) {
#if defined(__x86_64__)
    if (use_avx2()) { product_avx2(m, k, l, a, a_rs, a_cs, b, ldb, out, ldo, bias); return; }
#endif
    product_body(m, k, l, a, a_rs, a_cs, b, ldb, out, ldo, bias);
}

void dz_conv_accumulate_dots_f32(const float *x, ptrdiff_t x_rows, ptrdiff_t x_stride, const float *y,
                                 ptrdiff_t y_rows, ptrdiff_t y_stride, ptrdiff_t length, float *out) {
#if defined(__x86_64__)
    if (use_avx2()) { dots_avx2(x, x_rows, x_stride, y, y_rows, y_stride, length, out); return; }
#endif
    dots_body(x, x_rows, x_stride, y, y_rows, y_stride, length, out);
}
