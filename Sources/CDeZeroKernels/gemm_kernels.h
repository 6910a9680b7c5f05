// Private to the built-in GEMM: the micro-kernels and their blocking parameters.
#ifndef DZ_GEMM_KERNELS_H
#define DZ_GEMM_KERNELS_H

#include <stddef.h>

// A micro-kernel computes one MR×NR tile of C from a packed A sliver (kc steps of MR values)
// and a packed B sliver (kc steps of NR values, 64-byte aligned). With `accumulate` it adds
// to C, else it overwrites C (the first k block).
typedef void (*dz_sgemm_ukr)(ptrdiff_t kc, const float *a, const float *b,
                             float *c, ptrdiff_t ldc, int accumulate);
typedef void (*dz_dgemm_ukr)(ptrdiff_t kc, const double *a, const double *b,
                             double *c, ptrdiff_t ldc, int accumulate);

// Blocking for one kernel: MR×NR register tile; an A sliver (MR×KC) stays in L1 while the
// B block (KC×NB) streams from L2; MB rows of packed A are kept per k block (L3).
typedef struct {
    int mr, nr, kc, mb, nb;
} dz_gemm_blocking;

#define DZ_GEMM_MAX_TILE (16 * 32)

void dz_sgemm_ukr_avx512(ptrdiff_t, const float *, const float *, float *, ptrdiff_t, int);
void dz_dgemm_ukr_avx512(ptrdiff_t, const double *, const double *, double *, ptrdiff_t, int);
void dz_sgemm_ukr_avx2(ptrdiff_t, const float *, const float *, float *, ptrdiff_t, int);
void dz_dgemm_ukr_avx2(ptrdiff_t, const double *, const double *, double *, ptrdiff_t, int);
void dz_sgemm_ukr_c(ptrdiff_t, const float *, const float *, float *, ptrdiff_t, int);
void dz_dgemm_ukr_c(ptrdiff_t, const double *, const double *, double *, ptrdiff_t, int);

#endif
