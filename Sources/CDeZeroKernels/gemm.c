// Built-in GEMM entry points: pick the micro-kernel for the CPU, allocate packing buffers
// sized for this product, and run the blocked driver (gemm_driver_template.h).
#include "CDeZeroKernels.h"
#include "gemm_kernels.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

// Blocking per kernel level, tuned on a 2-core AVX-512 machine with 48 KiB L1d and
// 2 MiB L2: the A sliver (MR×KC) stays well inside L1, the B block (KC×NB) inside L2.
static const dz_gemm_blocking sblocking[3] = {
    {4, 8, 256, 512, 256},     // portable C
    {6, 16, 384, 1536, 512},   // AVX2+FMA
    {12, 32, 384, 1536, 512},  // AVX-512
};
static const dz_gemm_blocking dblocking[3] = {
    {4, 8, 256, 512, 256},
    {6, 8, 256, 1536, 512},
    {12, 16, 256, 1536, 512},
};
static const dz_sgemm_ukr skernels[3] = {dz_sgemm_ukr_c, dz_sgemm_ukr_avx2, dz_sgemm_ukr_avx512};
static const dz_dgemm_ukr dkernels[3] = {dz_dgemm_ukr_c, dz_dgemm_ukr_avx2, dz_dgemm_ukr_avx512};

int dz_gemm_level(int level) {
    const int best = dz_cpu_level();
    return level < 0 || level > best ? best : level;
}

// 64-byte aligned scratch for the packed panels; NULL on allocation failure.
static void *dz_gemm_alloc(size_t bytes) {
    bytes = (bytes + 63) & ~(size_t)63;
    return aligned_alloc(64, bytes ? bytes : 64);
}

static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t m) { return (x + m - 1) / m * m; }
static ptrdiff_t min_pd(ptrdiff_t x, ptrdiff_t y) { return x < y ? x : y; }

// Products of at most this many multiply-adds run as a plain triple loop.
#define DZ_SMALL_PRODUCT 512

// Columns of C handed out per parallel phase (the B buffer holds KC × this many values).
#define DZ_PARALLEL_NB 4096

// The caller's threads, as given to the *_parallel entry points.
typedef struct {
    int workers;
    dz_run_workers run;
    void *runner;
} dz_gemm_threads;

// Tasks 0..<count, taken dynamically by the workers from a shared counter.
typedef struct {
    atomic_ptrdiff_t next;
    ptrdiff_t count;
    void (*body)(void *, ptrdiff_t);
    void *context;
} dz_task_queue;

static void dz_task_worker(void *queue) {
    dz_task_queue *q = queue;
    for (ptrdiff_t t; (t = atomic_fetch_add(&q->next, 1)) < q->count;) q->body(q->context, t);
}

// Runs body(context, t) for t in 0..<count, on the caller's threads when there are any;
// returns when all tasks are done (the runner joins its workers).
static void dz_parallel_for(const dz_gemm_threads *threads, ptrdiff_t count,
                            void (*body)(void *, ptrdiff_t), void *context) {
    if (!threads || threads->workers <= 1 || count <= 1) {
        for (ptrdiff_t t = 0; t < count; t++) body(context, t);
        return;
    }
    dz_task_queue q;
    atomic_init(&q.next, 0);
    q.count = count;
    q.body = body;
    q.context = context;
    threads->run(threads->runner, (int)min_pd(threads->workers, count), dz_task_worker, &q);
}

#define DZ_T float
#define DZ_FN(name) dz_s##name
#define DZ_UKR dz_sgemm_ukr
#define DZ_BLOCKING sblocking
#define DZ_KERNELS skernels
#include "gemm_driver_template.h"
#undef DZ_T
#undef DZ_FN
#undef DZ_UKR
#undef DZ_BLOCKING
#undef DZ_KERNELS

#define DZ_T double
#define DZ_FN(name) dz_d##name
#define DZ_UKR dz_dgemm_ukr
#define DZ_BLOCKING dblocking
#define DZ_KERNELS dkernels
#include "gemm_driver_template.h"
