// Built-in GEMM entry points: pick the micro-kernel for the CPU, allocate packing buffers
// sized for this product, and run the blocked driver (gemm_driver_template.h).
#include "CDeZeroKernels.h"
#include "gemm_kernels.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>

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

// Waits until *counter reaches at least `target`. Only ever called for work that another
// running worker has already taken (a task with a lower number), so the wait ends even if
// the runner started fewer workers than asked, or ran them one after another. Spins first
// (the awaited task is usually microseconds from done), then yields the core, so a waiting
// worker does not hold up a descheduled one on a machine shared with other processes.
static void dz_wait_for(atomic_ptrdiff_t *counter, ptrdiff_t target) {
    for (int spins = 0; atomic_load_explicit(counter, memory_order_acquire) < target; spins++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
        if (spins >= 2000) sched_yield();
    }
}

// The schedule of one product's tasks, shared by its workers: the task counter and the
// progress counters that tasks wait on (see gemm_driver_template.h).
typedef struct {
    atomic_ptrdiff_t next;       // the next task number to take
    atomic_int slots;            // worker slots (private B buffers) handed out
    atomic_ptrdiff_t *packed;    // per block: its A-packing tasks finished
    atomic_ptrdiff_t *computed;  // per block: its column tasks finished
    atomic_ptrdiff_t *chunk;     // per column chunk: 1 + the last block whose task on it finished
} dz_gemm_schedule;

// Counters for `blocks` blocks of `chunks` column tasks, all zero; false when out of memory.
static int dz_schedule_init(dz_gemm_schedule *s, ptrdiff_t blocks, ptrdiff_t chunks) {
    atomic_ptrdiff_t *all = malloc((size_t)(2 * blocks + chunks) * sizeof(atomic_ptrdiff_t));
    if (!all) return 0;
    for (ptrdiff_t i = 0; i < 2 * blocks + chunks; i++) atomic_init(&all[i], 0);
    atomic_init(&s->next, 0);
    atomic_init(&s->slots, 0);
    s->packed = all;
    s->computed = all + blocks;
    s->chunk = all + 2 * blocks;
    return 1;
}

static void dz_schedule_free(dz_gemm_schedule *s) { free(s->packed); }

// Packs `nr` columns of a B stored transposed (column j at src + j·cs, contiguous in p)
// into a sliver: dst[p·nr + j] = src[j·cs + p]. Square blocks of one 16-byte vector per
// column are transposed in registers, so each store writes a whole vector instead of one
// value; the vector extensions compile to the baseline SSE2 shuffles. nr is a multiple of
// the vector length for every kernel.
typedef float dz_v4sf __attribute__((vector_size(16), aligned(4), may_alias));
typedef double dz_v2df __attribute__((vector_size(16), aligned(8), may_alias));

static void dz_spack_transposed(const float *src, ptrdiff_t cs, ptrdiff_t kc, int nr, float *restrict dst) {
    ptrdiff_t p = 0;
    for (; p + 4 <= kc; p += 4)
        for (int j = 0; j < nr; j += 4) {
            const float *s = src + j * cs + p;
            const dz_v4sf r0 = *(const dz_v4sf *)s, r1 = *(const dz_v4sf *)(s + cs);
            const dz_v4sf r2 = *(const dz_v4sf *)(s + 2 * cs), r3 = *(const dz_v4sf *)(s + 3 * cs);
            const dz_v4sf lo01 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5);
            const dz_v4sf lo23 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5);
            const dz_v4sf hi01 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);
            const dz_v4sf hi23 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
            float *d = dst + p * nr + j;
            *(dz_v4sf *)d = __builtin_shufflevector(lo01, lo23, 0, 1, 4, 5);
            *(dz_v4sf *)(d + nr) = __builtin_shufflevector(lo01, lo23, 2, 3, 6, 7);
            *(dz_v4sf *)(d + 2 * nr) = __builtin_shufflevector(hi01, hi23, 0, 1, 4, 5);
            *(dz_v4sf *)(d + 3 * nr) = __builtin_shufflevector(hi01, hi23, 2, 3, 6, 7);
        }
    for (; p < kc; p++)
        for (int j = 0; j < nr; j++) dst[p * nr + j] = src[j * cs + p];
}

static void dz_dpack_transposed(const double *src, ptrdiff_t cs, ptrdiff_t kc, int nr, double *restrict dst) {
    ptrdiff_t p = 0;
    for (; p + 2 <= kc; p += 2)
        for (int j = 0; j < nr; j += 2) {
            const double *s = src + j * cs + p;
            const dz_v2df r0 = *(const dz_v2df *)s, r1 = *(const dz_v2df *)(s + cs);
            double *d = dst + p * nr + j;
            *(dz_v2df *)d = __builtin_shufflevector(r0, r1, 0, 2);
            *(dz_v2df *)(d + nr) = __builtin_shufflevector(r0, r1, 1, 3);
        }
    for (; p < kc; p++)
        for (int j = 0; j < nr; j++) dst[p * nr + j] = src[j * cs + p];
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
