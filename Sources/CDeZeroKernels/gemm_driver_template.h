// The blocked GEMM driver, written once for both element types: gemm.c includes this file
// twice with DZ_T (element type), DZ_FN(name) (name mangling: DZ_FN(gemm) is the public
// entry point), DZ_UKR (kernel pointer type), DZ_BLOCKING and DZ_KERNELS (tables per level)
// defined. No include guard on purpose.
//
// Loop nest (row-major C, kernels vectorized along a row of C):
//   for each MB block of rows of A
//     for each KC block of k: pack A[rows, k-block] into MR-row slivers       (L3)
//       for each chunk of columns: pack B[k-block, cols] into NR slivers      (L2)
//         for each A sliver (stays in L1) × each B sliver: one micro-kernel call
// Packing reads A and B through arbitrary strides, so transposed operands need no copy.
// The steps are tasks taken from one counter by every worker of a single parallel region
// (see DZ_FN(job)); every element of A and B is still packed once per use.

// Packs rows [0, mb) × columns [0, kc) of A into slivers of `mr` rows: within a sliver,
// step p holds A[i][p] for its mr rows. Rows past mb are zero so kernels run full tiles.
static void DZ_FN(pack_a)(const DZ_T *a, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t mb,
                          ptrdiff_t kc, int mr, DZ_T *restrict dst) {
    for (ptrdiff_t i0 = 0; i0 < mb; i0 += mr) {
        const ptrdiff_t rows = mb - i0 < mr ? mb - i0 : mr;
        const DZ_T *src = a + i0 * rs;
        if (rs == 1 && rows == mr) {
            // A transposed: a step's mr values are adjacent in memory.
            for (ptrdiff_t p = 0; p < kc; p++)
                for (int i = 0; i < mr; i++) dst[p * mr + i] = src[p * cs + i];
        } else if (cs == 1 && rows == mr && mr == 12) {
            // The common case (row-major A, AVX-512 tile) with the row count known to the
            // compiler, so each step is twelve loads and stores without a loop.
            for (ptrdiff_t p = 0; p < kc; p++)
                for (int i = 0; i < 12; i++) dst[p * 12 + i] = src[i * rs + p];
        } else if (cs == 1 && rows == mr && mr == 6) {
            // The same for the AVX2 tile.
            for (ptrdiff_t p = 0; p < kc; p++)
                for (int i = 0; i < 6; i++) dst[p * 6 + i] = src[i * rs + p];
        } else {
            // Step by step, so the writes are sequential while each row is read in order.
            for (ptrdiff_t p = 0; p < kc; p++) {
                const DZ_T *col = src + p * cs;
                DZ_T *out = dst + p * mr;
                for (ptrdiff_t i = 0; i < rows; i++) out[i] = col[i * rs];
                for (ptrdiff_t i = rows; i < mr; i++) out[i] = 0;
            }
        }
        dst += (ptrdiff_t)mr * kc;
    }
}

// Packs rows [0, kc) × columns [0, nb) of B into slivers of `nr` columns: within a sliver,
// step p holds B[p][j] for its nr columns; columns past nb are zero.
static void DZ_FN(pack_b)(const DZ_T *b, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t kc,
                          ptrdiff_t nb, int nr, DZ_T *restrict dst) {
    for (ptrdiff_t j0 = 0; j0 < nb; j0 += nr) {
        const ptrdiff_t cols = nb - j0 < nr ? nb - j0 : nr;
        const DZ_T *src = b + j0 * cs;
        if (cs == 1 && cols == nr) {
            // Row-major B: each step is one contiguous run of nr values.
            for (ptrdiff_t p = 0; p < kc; p++)
                for (int j = 0; j < nr; j++) dst[p * nr + j] = src[p * rs + j];
        } else if (rs == 1 && cols == nr) {
            // B stored transposed (the A·Bᵀ of a backward pass): columns are contiguous.
            DZ_FN(pack_transposed)(src, cs, kc, nr, dst);
        } else {
            for (ptrdiff_t j = 0; j < cols; j++) {
                const DZ_T *col = src + j * cs;
                if (rs == 1)
                    for (ptrdiff_t p = 0; p < kc; p++) dst[p * nr + j] = col[p];
                else
                    for (ptrdiff_t p = 0; p < kc; p++) dst[p * nr + j] = col[p * rs];
            }
            for (ptrdiff_t j = cols; j < nr; j++)
                for (ptrdiff_t p = 0; p < kc; p++) dst[p * nr + j] = 0;
        }
        dst += (ptrdiff_t)nr * kc;
    }
}

// Runs the micro-kernel on a tile that may be cut by the matrix edge: full tiles go straight
// to C, edge tiles through a scratch tile of which only the valid part is copied.
static inline void DZ_FN(tile)(DZ_UKR ukr, const dz_gemm_blocking *bl, ptrdiff_t kc,
                               const DZ_T *ap, const DZ_T *bp, DZ_T *c, ptrdiff_t ldc,
                               ptrdiff_t rows, ptrdiff_t cols, int accumulate) {
    if (rows == bl->mr && cols == bl->nr) {
        ukr(kc, ap, bp, c, ldc, accumulate);
        return;
    }
    DZ_T scratch[DZ_GEMM_MAX_TILE] __attribute__((aligned(64)));
    ukr(kc, ap, bp, scratch, bl->nr, 0);
    for (ptrdiff_t i = 0; i < rows; i++)
        for (ptrdiff_t j = 0; j < cols; j++)
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + scratch[i * bl->nr + j] : scratch[i * bl->nr + j];
}

// y = M · x for an len×k matrix M (strides m_rs, m_cs) and a vector x (stride x_s), written
// with stride y_s: the products with one row or one column (m = 1 or n = 1), where packing
// into tiles would waste most of the work. Memory-bound, so plain loops the compiler
// vectorizes for the baseline ISA suffice.
static void DZ_FN(gemv)(ptrdiff_t len, ptrdiff_t k, const DZ_T *m, ptrdiff_t m_rs, ptrdiff_t m_cs,
                        const DZ_T *x, ptrdiff_t x_s, DZ_T *y, ptrdiff_t y_s) {
    // A contiguous copy of x (or of y's accumulator) when strided.
    DZ_T *scratch = dz_gemm_alloc((size_t)(k > len ? k : len) * sizeof(DZ_T));
    if (!scratch) abort();
    if (m_cs == 1 || m_rs != 1) {
        // Dot form: each output is a row of M against x; eight partial sums let the
        // compiler keep vectors busy.
        const DZ_T *xv = x;
        if (x_s != 1) {
            for (ptrdiff_t p = 0; p < k; p++) scratch[p] = x[p * x_s];
            xv = scratch;
        }
        for (ptrdiff_t i = 0; i < len; i++) {
            const DZ_T *row = m + i * m_rs;
            DZ_T part[8] = {0};
            ptrdiff_t p = 0;
            if (m_cs == 1)
                for (; p + 8 <= k; p += 8)
                    for (int u = 0; u < 8; u++) part[u] += row[p + u] * xv[p + u];
            DZ_T sum = 0;
            for (; p < k; p++) sum += row[p * m_cs] * xv[p];
            for (int u = 0; u < 8; u++) sum += part[u];
            y[i * y_s] = sum;
        }
    } else {
        // M's columns are contiguous: accumulate x[p] times column p.
        for (ptrdiff_t i = 0; i < len; i++) scratch[i] = 0;
        for (ptrdiff_t p = 0; p < k; p++) {
            const DZ_T xp = x[p * x_s], *col = m + p * m_cs;
            for (ptrdiff_t i = 0; i < len; i++) scratch[i] += xp * col[i];
        }
        for (ptrdiff_t i = 0; i < len; i++) y[i * y_s] = scratch[i];
    }
    free(scratch);
}

// One product in progress. The work is cut into blocks (a block of rows of A × a block of
// k), taken in order; each block is a few A-packing tasks followed by one column task per
// chunk of columns of C. All tasks of the product are numbered in that order and taken
// from one counter, by as many workers as the runner provides, in a single parallel
// region: a worker that runs ahead packs the next block's A while the others finish the
// current one, instead of every phase ending at a barrier. A task waits only for tasks with
// lower numbers (its block's A packed; the previous block's task on the same columns of C;
// for packing, the block two back, whose A buffer it reuses), which workers have already
// taken, so it never waits for a worker that has not started.
typedef struct {
    DZ_UKR ukr;
    const dz_gemm_blocking *bl;
    const DZ_T *a, *b;
    DZ_T *c;
    ptrdiff_t a_rs, a_cs, b_rs, b_cs, ldc;
    ptrdiff_t m, n, k;
    ptrdiff_t mb, kc;            // rows and k steps per block (balanced, so no sliver-thin last block)
    ptrdiff_t k_blocks, blocks;  // blocks per row block, and in all
    ptrdiff_t pack_rows;         // rows of A per packing task, a multiple of MR
    ptrdiff_t width, chunks;     // columns per column task (a multiple of NR), tasks per block
    ptrdiff_t total;             // tasks in all
    int slots;                   // private B buffers
    DZ_T *apack[2];              // packed A of even and odd blocks
    DZ_T *bpack;                 // `slots` buffers of `bpack_size` values
    ptrdiff_t bpack_size;
    dz_gemm_schedule *schedule;
} DZ_FN(job);

// Rows of A in row block `i`.
static ptrdiff_t DZ_FN(block_rows)(const DZ_FN(job) *j, ptrdiff_t i) { return min_pd(j->mb, j->m - i * j->mb); }

// Tasks of block `b`: its A-packing tasks, then its column tasks.
static ptrdiff_t DZ_FN(pack_tasks)(const DZ_FN(job) *j, ptrdiff_t b) {
    return (DZ_FN(block_rows)(j, b / j->k_blocks) + j->pack_rows - 1) / j->pack_rows;
}

// Task: pack rows [r0, r0 + pack_rows) of block b's A into the buffer for b's parity.
static void DZ_FN(pack_a_task)(DZ_FN(job) *j, ptrdiff_t b, ptrdiff_t task) {
    dz_gemm_schedule *s = j->schedule;
    if (b >= 2) dz_wait_for(&s->computed[b - 2], j->chunks);  // the buffer is free again
    const ptrdiff_t i0 = b / j->k_blocks * j->mb, p0 = b % j->k_blocks * j->kc;
    const ptrdiff_t r0 = task * j->pack_rows, kc = min_pd(j->kc, j->k - p0);
    const ptrdiff_t rows = min_pd(j->pack_rows, DZ_FN(block_rows)(j, b / j->k_blocks) - r0);
    DZ_FN(pack_a)(j->a + (i0 + r0) * j->a_rs + p0 * j->a_cs, j->a_rs, j->a_cs, rows, kc,
                  j->bl->mr, j->apack[b & 1] + r0 * kc);
    atomic_fetch_add_explicit(&s->packed[b], 1, memory_order_release);
}

// Task: pack block b's part of B for column chunk `chunk` into this worker's buffer, then
// multiply every A sliver of the block with it. Tasks of one block write disjoint columns
// of C; a chunk's tasks run in block order, since each adds to what the previous wrote.
static void DZ_FN(column_task)(DZ_FN(job) *j, ptrdiff_t b, ptrdiff_t chunk, DZ_T *bp) {
    dz_gemm_schedule *s = j->schedule;
    const int mr = j->bl->mr, nr = j->bl->nr;
    const ptrdiff_t i0 = b / j->k_blocks * j->mb, p0 = b % j->k_blocks * j->kc;
    const ptrdiff_t mb = DZ_FN(block_rows)(j, b / j->k_blocks), kc = min_pd(j->kc, j->k - p0);
    const ptrdiff_t c0 = chunk * j->width, width = min_pd(j->width, j->n - c0);
    // B is packed before waiting: it depends on nothing, and the wait is then often over.
    DZ_FN(pack_b)(j->b + p0 * j->b_rs + c0 * j->b_cs, j->b_rs, j->b_cs, kc, width, nr, bp);
    dz_wait_for(&s->packed[b], DZ_FN(pack_tasks)(j, b));
    dz_wait_for(&s->chunk[chunk], b);
    const DZ_T *ap = j->apack[b & 1];
    for (ptrdiff_t ir = 0; ir < mb; ir += mr) {
        const ptrdiff_t rows = min_pd(mr, mb - ir);
        DZ_T *crow = j->c + (i0 + ir) * j->ldc + c0;
        for (ptrdiff_t jr = 0; jr < width; jr += nr)
            DZ_FN(tile)(j->ukr, j->bl, kc, ap + ir * kc, bp + jr * kc, crow + jr, j->ldc, rows,
                        min_pd(nr, width - jr), p0 > 0);
    }
    atomic_store_explicit(&s->chunk[chunk], b + 1, memory_order_release);
    atomic_fetch_add_explicit(&s->computed[b], 1, memory_order_release);
}

// One worker: takes task numbers until none are left. Each worker keeps its own place in
// the block sequence (task numbers only grow) and its own B buffer.
static void DZ_FN(worker)(void *context) {
    DZ_FN(job) *j = context;
    dz_gemm_schedule *s = j->schedule;
    const int slot = atomic_fetch_add(&s->slots, 1);
    if (slot >= j->slots) return;  // more calls than buffers: the others take every task
    DZ_T *bp = j->bpack + slot * j->bpack_size;
    ptrdiff_t b = 0, first = 0, packs = DZ_FN(pack_tasks)(j, 0);
    for (ptrdiff_t t; (t = atomic_fetch_add(&s->next, 1)) < j->total;) {
        while (t >= first + packs + j->chunks) {
            first += packs + j->chunks;
            packs = DZ_FN(pack_tasks)(j, ++b);
        }
        if (t - first < packs) DZ_FN(pack_a_task)(j, b, t - first);
        else DZ_FN(column_task)(j, b, t - first - packs, bp);
    }
}

// Splits `count` into the fewest parts of at most about `size` (a part may exceed it by a
// fifth rather than leave a thin remainder), each a multiple of `unit`; returns the part size.
static ptrdiff_t DZ_FN(balanced)(ptrdiff_t count, ptrdiff_t size, ptrdiff_t unit) {
    ptrdiff_t parts = (count + size - 1) / size;
    if (parts > 1 && count * 5 <= (parts - 1) * size * 6) parts--;
    return round_up((count + parts - 1) / parts, unit);
}

// The blocked product (m, n, k ≥ 1), on `threads` when given.
static void DZ_FN(blocked)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a, ptrdiff_t a_rs,
                           ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs, ptrdiff_t b_cs, DZ_T *c,
                           ptrdiff_t ldc, const dz_gemm_threads *threads) {
    const int l = dz_gemm_level(level);
    const dz_gemm_blocking *bl = &DZ_BLOCKING[l];
    const int workers = threads ? threads->workers : 1;
    DZ_FN(job) j = {DZ_KERNELS[l], bl, a, b, c, a_rs, a_cs, b_rs, b_cs, ldc, m, n, k};
    // The k blocking decides each element's summation order, so it depends on the sizes
    // only, never on the thread count: one thread and several give identical results.
    j.mb = DZ_FN(balanced)(m, bl->mb, bl->mr);
    j.kc = DZ_FN(balanced)(k, bl->kc, 1);
    j.k_blocks = (k + j.kc - 1) / j.kc;
    j.blocks = (m + j.mb - 1) / j.mb * j.k_blocks;
    // With several workers: about four column tasks and two packing tasks per worker and
    // block, so a worker slowed by another process leaves its share to the others.
    const ptrdiff_t slivers = (j.mb + bl->mr - 1) / bl->mr;
    j.pack_rows = workers > 1 ? bl->mr * ((slivers + 2 * workers - 1) / (2 * workers)) : j.mb;
    j.width = workers > 1 ? min_pd(round_up((n + 4 * workers - 1) / (4 * workers), bl->nr), bl->nb) : bl->nb;
    j.chunks = (n + j.width - 1) / j.width;
    j.slots = workers;
    j.bpack_size = round_up(min_pd(n, j.width), bl->nr) * j.kc;
    const ptrdiff_t apack_size = j.mb * j.kc;  // mb is a multiple of MR
    ptrdiff_t total = 0;
    for (ptrdiff_t b = 0; b < j.blocks; b++) total += DZ_FN(pack_tasks)(&j, b) + j.chunks;
    j.total = total;
    // Buffers sized for this product, so small products allocate little.
    dz_gemm_schedule schedule;
    j.schedule = &schedule;
    j.apack[0] = dz_gemm_alloc((size_t)apack_size * sizeof(DZ_T));
    j.apack[1] = j.blocks > 1 ? dz_gemm_alloc((size_t)apack_size * sizeof(DZ_T)) : j.apack[0];
    j.bpack = dz_gemm_alloc((size_t)(j.slots * j.bpack_size) * sizeof(DZ_T));
    // A few MiB of scratch not available: nothing sensible is left to do.
    if (!j.apack[0] || !j.apack[1] || !j.bpack || !dz_schedule_init(&schedule, j.blocks, j.chunks)) abort();
    if (workers > 1 && total > 1)
        threads->run(threads->runner, workers, DZ_FN(worker), &j);
    else
        DZ_FN(worker)(&j);
    dz_schedule_free(&schedule);
    if (j.apack[1] != j.apack[0]) free(j.apack[1]);
    free(j.apack[0]);
    free(j.bpack);
}

// True when the product is small enough that packing would cost more than it saves (each
// size checked first: no overflow).
static int DZ_FN(is_small)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k) {
    return m <= DZ_SMALL_PRODUCT && n <= DZ_SMALL_PRODUCT && k <= DZ_SMALL_PRODUCT &&
           m * n * k <= DZ_SMALL_PRODUCT;
}

static void DZ_FN(run)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a, ptrdiff_t a_rs,
                       ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs, ptrdiff_t b_cs, DZ_T *c,
                       ptrdiff_t ldc, const dz_gemm_threads *threads) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (ptrdiff_t i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * sizeof(DZ_T));
        return;
    }
    if (DZ_FN(is_small)(m, n, k)) {
        for (ptrdiff_t i = 0; i < m; i++)
            for (ptrdiff_t j = 0; j < n; j++) {
                DZ_T sum = 0;
                for (ptrdiff_t p = 0; p < k; p++) sum += a[i * a_rs + p * a_cs] * b[p * b_rs + j * b_cs];
                c[i * ldc + j] = sum;
            }
        return;
    }
    if (n == 1) {  // matrix times column vector
        DZ_FN(gemv)(m, k, a, a_rs, a_cs, b, b_rs, c, ldc);
        return;
    }
    if (m == 1) {  // row vector times matrix: the columns of B against the row
        DZ_FN(gemv)(n, k, b, b_cs, b_rs, a, a_cs, c, 1);
        return;
    }
    DZ_FN(blocked)(level, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, threads);
}

void DZ_FN(gemm)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a, ptrdiff_t a_rs,
                 ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs, ptrdiff_t b_cs, DZ_T *c,
                 ptrdiff_t ldc) {
    DZ_FN(run)(level, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, NULL);
}

// Task of the row split: one block of rows as an independent single-threaded product.
typedef struct {
    int level;
    ptrdiff_t rows_per_task, m, n, k;
    const DZ_T *a, *b;
    DZ_T *c;
    ptrdiff_t a_rs, a_cs, b_rs, b_cs, ldc;
} DZ_FN(rows_job);

// Each block of rows computes its rows exactly as the whole product would on one thread:
// by the matrix-vector loop when n is 1 (each row on its own), else blocked — never the
// shortcuts a block of few rows would take on its own, which sum in another order.
static void DZ_FN(rows_task)(void *context, ptrdiff_t t) {
    const DZ_FN(rows_job) *r = context;
    const ptrdiff_t r0 = t * r->rows_per_task, rows = min_pd(r->rows_per_task, r->m - r0);
    const DZ_T *a = r->a + r0 * r->a_rs;
    DZ_T *c = r->c + r0 * r->ldc;
    if (r->n == 1)
        DZ_FN(gemv)(rows, r->k, a, r->a_rs, r->a_cs, r->b, r->b_rs, c, r->ldc);
    else
        DZ_FN(blocked)(r->level, rows, r->n, r->k, a, r->a_rs, r->a_cs, r->b, r->b_rs, r->b_cs, c, r->ldc, NULL);
}

void DZ_FN(gemm_parallel)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a,
                          ptrdiff_t a_rs, ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs,
                          ptrdiff_t b_cs, DZ_T *c, ptrdiff_t ldc, int workers,
                          dz_run_workers run_workers, void *runner) {
    const dz_gemm_blocking *bl = &DZ_BLOCKING[dz_gemm_level(level)];
    // One thread, nothing to compute, or a product that one thread does in a moment.
    if (workers <= 1 || !run_workers || m <= 1 || n <= 0 || k <= 0 || DZ_FN(is_small)(m, n, k)) {
        DZ_FN(run)(level, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, NULL);
        return;
    }
    const dz_gemm_threads threads = {workers, run_workers, runner};
    if ((n + bl->nr - 1) / bl->nr >= 2 * workers) {  // enough columns to share out
        DZ_FN(blocked)(level, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, &threads);
        return;
    }
    // Too few columns to share out (a narrow C): split the rows instead; each block packs
    // its own copy of the (narrow) B.
    const ptrdiff_t tasks = min_pd((m + bl->mr - 1) / bl->mr, 4 * workers);
    const ptrdiff_t per = round_up((m + tasks - 1) / tasks, bl->mr);
    DZ_FN(rows_job) r = {level, per, m, n, k, a, b, c, a_rs, a_cs, b_rs, b_cs, ldc};
    dz_parallel_for(&threads, (m + per - 1) / per, DZ_FN(rows_task), &r);
}
