// AVX-512 micro-kernels: 12 rows × 2 vectors of C held in 24 zmm accumulators, one
// broadcast of A times two loads of B per step. Compiled for AVX-512 through the target
// attribute only; the driver calls them after checking the CPU.
#include "gemm_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define DZ_AVX512 __attribute__((target("avx512f,avx512dq,fma")))
#define MR 12

DZ_AVX512
void dz_sgemm_ukr_avx512(ptrdiff_t kc, const float *a, const float *b,
                         float *c, ptrdiff_t ldc, int accumulate) {
    __m512 acc[MR][2];
    for (int i = 0; i < MR; i++) {
        acc[i][0] = _mm512_setzero_ps();
        acc[i][1] = _mm512_setzero_ps();
        // C is touched only at the end; start bringing its lines in now.
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + 16), _MM_HINT_T0);
    }
    for (ptrdiff_t p = 0; p < kc; p++) {
        // The next B rows are already on their way (sequential stream); A is in L1.
        __m512 b0 = _mm512_load_ps(b), b1 = _mm512_load_ps(b + 16);
        for (int i = 0; i < MR; i++) {
            __m512 ai = _mm512_set1_ps(a[i]);
            acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
            acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
        }
        a += MR;
        b += 32;
    }
    for (int i = 0; i < MR; i++) {
        float *row = c + i * ldc;
        if (accumulate) {
            acc[i][0] = _mm512_add_ps(acc[i][0], _mm512_loadu_ps(row));
            acc[i][1] = _mm512_add_ps(acc[i][1], _mm512_loadu_ps(row + 16));
        }
        _mm512_storeu_ps(row, acc[i][0]);
        _mm512_storeu_ps(row + 16, acc[i][1]);
    }
}

DZ_AVX512
void dz_dgemm_ukr_avx512(ptrdiff_t kc, const double *a, const double *b,
                         double *c, ptrdiff_t ldc, int accumulate) {
    __m512d acc[MR][2];
    for (int i = 0; i < MR; i++) {
        acc[i][0] = _mm512_setzero_pd();
        acc[i][1] = _mm512_setzero_pd();
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + 8), _MM_HINT_T0);
    }
    for (ptrdiff_t p = 0; p < kc; p++) {
        __m512d b0 = _mm512_load_pd(b), b1 = _mm512_load_pd(b + 8);
        for (int i = 0; i < MR; i++) {
            __m512d ai = _mm512_set1_pd(a[i]);
            acc[i][0] = _mm512_fmadd_pd(ai, b0, acc[i][0]);
            acc[i][1] = _mm512_fmadd_pd(ai, b1, acc[i][1]);
        }
        a += MR;
        b += 16;
    }
    for (int i = 0; i < MR; i++) {
        double *row = c + i * ldc;
        if (accumulate) {
            acc[i][0] = _mm512_add_pd(acc[i][0], _mm512_loadu_pd(row));
            acc[i][1] = _mm512_add_pd(acc[i][1], _mm512_loadu_pd(row + 8));
        }
        _mm512_storeu_pd(row, acc[i][0]);
        _mm512_storeu_pd(row + 8, acc[i][1]);
    }
}

#else
// Not x86-64: never selected (dz_cpu_level() is 0), defined so the driver links.
void dz_sgemm_ukr_avx512(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate) {
    (void)kc; (void)a; (void)b; (void)c; (void)ldc; (void)accumulate;
}
void dz_dgemm_ukr_avx512(ptrdiff_t kc, const double *a, const double *b, double *c, ptrdiff_t ldc, int accumulate) {
    (void)kc; (void)a; (void)b; (void)c; (void)ldc; (void)accumulate;
}
#endif
