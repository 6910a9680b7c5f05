#ifndef DZ_GEMM_H
#define DZ_GEMM_H

#include <stddef.h>

/// Built-in matrix product C = A · B for row-major C (row stride `ldc`, unit column stride).
///
/// A is m×k and B is k×n, each addressed through element strides (`*_rs` between rows,
/// `*_cs` between columns), so transposed, broadcast (stride 0) or sliced views are read in
/// place: the packing step gathers them into cache-sized panels anyway. C must not overlap
/// A or B. k = 0 writes zeros.
///
/// `level` picks the micro-kernel: -1 the best the CPU has, else at most that level
/// (2 AVX-512, 1 AVX2+FMA, 0 portable C), so tests can check every version on one machine.
/// Single-threaded: callers split C into row or column blocks and run them concurrently.
void dz_sgemm(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              const float *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
              const float *b, ptrdiff_t b_rs, ptrdiff_t b_cs,
              float *c, ptrdiff_t ldc);

/// Float64 version of ``dz_sgemm``.
void dz_dgemm(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              const double *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
              const double *b, ptrdiff_t b_rs, ptrdiff_t b_cs,
              double *c, ptrdiff_t ldc);

/// The micro-tile rows (MR) the kernel of `level` uses for float32 (`is_double` 0) or
/// float64 (1); row blocks handed to separate threads should be multiples of it.
int dz_gemm_tile_rows(int level, int is_double);

/// The kernel level `level` resolves to on this CPU (-1 gives the best available).
int dz_gemm_level(int level);

#endif
