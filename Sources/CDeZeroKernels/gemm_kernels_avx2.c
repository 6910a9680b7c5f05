// AVX2+FMA micro-kernels: 6 rows × 2 vectors of C in 12 ymm accumulators (the classic
// Haswell shape), leaving registers for the two B vectors and the A broadcast.
#include "gemm_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define DZ_AVX2 __attribute__((target("avx2,fma")))
#define MR 6

DZ_AVX2
void dz_sgemm_ukr_avx2(ptrdiff_t kc, const float *a, const float *b,
                       float *c, ptrdiff_t ldc, int accumulate) {
    __m256 acc[MR][2];
    for (int i = 0; i < MR; i++) { acc[i][0] = _mm256_setzero_ps(); acc[i][1] = _mm256_setzero_ps(); }
    for (ptrdiff_t p = 0; p < kc; p++) {
        __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
        for (int i = 0; i < MR; i++) {
            __m256 ai = _mm256_broadcast_ss(a + i);
            acc[i][0] = _mm256_fmadd_ps(ai, b0, acc[i][0]);
            acc[i][1] = _mm256_fmadd_ps(ai, b1, acc[i][1]);
        }
        a += MR;
        b += 16;
    }
    for (int i = 0; i < MR; i++) {
        float *row = c + i * ldc;
        if (accumulate) {
            acc[i][0] = _mm256_add_ps(acc[i][0], _mm256_loadu_ps(row));
            acc[i][1] = _mm256_add_ps(acc[i][1], _mm256_loadu_ps(row + 8));
        }
        _mm256_storeu_ps(row, acc[i][0]);
        _mm256_storeu_ps(row + 8, acc[i][1]);
    }
}

DZ_AVX2
void dz_dgemm_ukr_avx2(ptrdiff_t kc, const double *a, const double *b,
                       double *c, ptrdiff_t ldc, int accumulate) {
    __m256d acc[MR][2];
    for (int i = 0; i < MR; i++) { acc[i][0] = _mm256_setzero_pd(); acc[i][1] = _mm256_setzero_pd(); }
    for (ptrdiff_t p = 0; p < kc; p++) {
        __m256d b0 = _mm256_load_pd(b), b1 = _mm256_load_pd(b + 4);
        for (int i = 0; i < MR; i++) {
            __m256d ai = _mm256_broadcast_sd(a + i);
            acc[i][0] = _mm256_fmadd_pd(ai, b0, acc[i][0]);
            acc[i][1] = _mm256_fmadd_pd(ai, b1, acc[i][1]);
        }
        a += MR;
        b += 8;
    }
    for (int i = 0; i < MR; i++) {
        double *row = c + i * ldc;
        if (accumulate) {
            acc[i][0] = _mm256_add_pd(acc[i][0], _mm256_loadu_pd(row));
            acc[i][1] = _mm256_add_pd(acc[i][1], _mm256_loadu_pd(row + 4));
        }
        _mm256_storeu_pd(row, acc[i][0]);
        _mm256_storeu_pd(row + 4, acc[i][1]);
    }
}

#else
void dz_sgemm_ukr_avx2(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate) {
    (void)kc; (void)a; (void)b; (void)c; (void)ldc; (void)accumulate;
}
void dz_dgemm_ukr_avx2(ptrdiff_t kc, const double *a, const double *b, double *c, ptrdiff_t ldc, int accumulate) {
    (void)kc; (void)a; (void)b; (void)c; (void)ldc; (void)accumulate;
}
#endif
