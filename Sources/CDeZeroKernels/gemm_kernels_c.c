// Portable micro-kernels for CPUs without AVX2 (and other architectures): a 4×8 tile in
// plain C that the compiler vectorizes for the baseline ISA.
#include "gemm_kernels.h"

#define MR 4
#define NR 8

// One body for both precisions: the tile loop is the same, only the element type differs.
#define DZ_PORTABLE_UKR(NAME, T)                                                           \
    void NAME(ptrdiff_t kc, const T *a, const T *b, T *c, ptrdiff_t ldc, int accumulate) {  \
        T acc[MR][NR] = {{0}};                                                             \
        for (ptrdiff_t p = 0; p < kc; p++) {                                               \
            for (int i = 0; i < MR; i++)                                                   \
                for (int j = 0; j < NR; j++) acc[i][j] += a[i] * b[j];                     \
            a += MR;                                                                       \
            b += NR;                                                                       \
        }                                                                                  \
        for (int i = 0; i < MR; i++)                                                       \
            for (int j = 0; j < NR; j++)                                                   \
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + acc[i][j] : acc[i][j];      \
    }

DZ_PORTABLE_UKR(dz_sgemm_ukr_c, float)
DZ_PORTABLE_UKR(dz_dgemm_ukr_c, double)
