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
/// Single-threaded; see ``dz_sgemm_parallel`` for several threads.
void dz_sgemm(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              const float *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
              const float *b, ptrdiff_t b_rs, ptrdiff_t b_cs,
              float *c, ptrdiff_t ldc);

/// Float64 version of ``dz_sgemm``.
void dz_dgemm(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              const double *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
              const double *b, ptrdiff_t b_rs, ptrdiff_t b_cs,
              double *c, ptrdiff_t ldc);

/// Calls `worker(context)` `workers` times, on as many threads at once as it can (the
/// caller's own thread may be one of them), and returns when every call has returned. The
/// driver needs no two calls to overlap, and surplus calls return at once.
typedef void (*dz_run_workers)(void *runner, int workers, void (*worker)(void *context),
                               void *context);

/// ``dz_sgemm`` on up to `workers` threads provided by `run_workers`, in one parallel region:
/// the workers take the product's tasks (packing a block of A, packing B for a chunk of
/// columns and multiplying it) from one counter, and a task waits only for tasks already
/// taken, so a worker delayed by another process does not hold the others up. Narrow
/// products split by rows instead. The result is identical to ``dz_sgemm``'s.
void dz_sgemm_parallel(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const float *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
                       const float *b, ptrdiff_t b_rs, ptrdiff_t b_cs,
                       float *c, ptrdiff_t ldc, int workers, dz_run_workers run_workers,
                       void *runner);

/// Float64 version of ``dz_sgemm_parallel``.
void dz_dgemm_parallel(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const double *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
                       const double *b, ptrdiff_t b_rs, ptrdiff_t b_cs,
                       double *c, ptrdiff_t ldc, int workers, dz_run_workers run_workers,
                       void *runner);

/// The kernel level `level` resolves to on this CPU (-1 gives the best available).
int dz_gemm_level(int level);

#endif
