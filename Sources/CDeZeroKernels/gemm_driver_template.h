// The blocked GEMM driver, written once for both element types: gemm.c includes this file
// twice with DZ_T (element type), DZ_FN(name) (name mangling: DZ_FN(gemm) is the public
// entry point), DZ_UKR (kernel pointer type), DZ_BLOCKING and DZ_KERNELS (tables per level)
// defined. No include guard on purpose.
//
// Loop nest (row-major C, kernels vectorized along a row of C):
//   for each MB block of rows of A
//     for each KC block of k: pack A[rows, k-block] into MR-row slivers       (L3)
//       for each NB block of columns: pack B[k-block, cols] into NR slivers   (L2)
//         for each A sliver (stays in L1) × each B sliver: one micro-kernel call
// Packing reads A and B through arbitrary strides, so transposed operands need no copy.
// With several threads, the A block is packed by all of them, then the column blocks are
// handed out dynamically; every element of A and B is still packed once.

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

// One product in progress, shared by the tasks of each phase. The driver sets the current
// block (i0, p0, j0 and sizes) between phases; tasks only read it.
typedef struct {
    DZ_UKR ukr;
    const dz_gemm_blocking *bl;
    const DZ_T *a, *b;
    DZ_T *c;
    ptrdiff_t a_rs, a_cs, b_rs, b_cs, ldc;
    DZ_T *apack, *bpack;
    ptrdiff_t i0, mb, p0, kc, j0, nb;
    ptrdiff_t slivers_per_task;  // A packing: MR-row slivers per task
    ptrdiff_t width;             // columns per compute task, a multiple of NR
} DZ_FN(job);

// Task: pack some MR-row slivers of the current A block.
static void DZ_FN(pack_a_task)(void *context, ptrdiff_t t) {
    const DZ_FN(job) *j = context;
    const ptrdiff_t r0 = t * j->slivers_per_task * j->bl->mr;
    const ptrdiff_t rows = min_pd(j->slivers_per_task * j->bl->mr, j->mb - r0);
    DZ_FN(pack_a)(j->a + (j->i0 + r0) * j->a_rs + j->p0 * j->a_cs, j->a_rs, j->a_cs, rows, j->kc,
                  j->bl->mr, j->apack + r0 * j->kc);
}

// Task: pack one column block of B (into its own part of the B buffer), then multiply every
// A sliver of the block with it. Tasks write disjoint columns of C.
static void DZ_FN(columns_task)(void *context, ptrdiff_t t) {
    const DZ_FN(job) *j = context;
    const int mr = j->bl->mr, nr = j->bl->nr;
    const ptrdiff_t c0 = t * j->width, width = min_pd(j->width, j->nb - c0), kc = j->kc;
    DZ_T *bp = j->bpack + c0 * kc;
    DZ_FN(pack_b)(j->b + j->p0 * j->b_rs + (j->j0 + c0) * j->b_cs, j->b_rs, j->b_cs, kc, width, nr, bp);
    for (ptrdiff_t ir = 0; ir < j->mb; ir += mr) {
        const ptrdiff_t rows = min_pd(mr, j->mb - ir);
        DZ_T *crow = j->c + (j->i0 + ir) * j->ldc + j->j0 + c0;
        for (ptrdiff_t jr = 0; jr < width; jr += nr)
            DZ_FN(tile)(j->ukr, j->bl, kc, j->apack + ir * kc, bp + jr * kc, crow + jr, j->ldc, rows,
                        min_pd(nr, width - jr), j->p0 > 0);
    }
}

// The blocked loop nest; with `threads` the phases' tasks run on several cores.
static void DZ_FN(drive)(DZ_FN(job) *j, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const dz_gemm_threads *threads) {
    const dz_gemm_blocking *bl = j->bl;
    const int workers = threads ? threads->workers : 1;
    const ptrdiff_t jblock = workers > 1 ? DZ_PARALLEL_NB : bl->nb;
    for (j->i0 = 0; j->i0 < m; j->i0 += bl->mb) {
        j->mb = min_pd(bl->mb, m - j->i0);
        for (j->p0 = 0; j->p0 < k; j->p0 += bl->kc) {
            j->kc = min_pd(bl->kc, k - j->p0);
            const ptrdiff_t slivers = (j->mb + bl->mr - 1) / bl->mr;
            j->slivers_per_task = workers > 1 ? 8 : slivers;
            dz_parallel_for(threads, (slivers + j->slivers_per_task - 1) / j->slivers_per_task,
                            DZ_FN(pack_a_task), j);
            for (j->j0 = 0; j->j0 < n; j->j0 += jblock) {
                j->nb = min_pd(jblock, n - j->j0);
                // Several column blocks per worker, so a worker slowed by another process
                // leaves its share to the others.
                j->width = workers > 1 ? round_up((j->nb + 4 * workers - 1) / (4 * workers), bl->nr) : bl->nb;
                j->width = min_pd(j->width, bl->nb);
                dz_parallel_for(threads, (j->nb + j->width - 1) / j->width, DZ_FN(columns_task), j);
            }
        }
    }
}

static void DZ_FN(run)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a, ptrdiff_t a_rs,
                       ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs, ptrdiff_t b_cs, DZ_T *c,
                       ptrdiff_t ldc, const dz_gemm_threads *threads) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (ptrdiff_t i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * sizeof(DZ_T));
        return;
    }
    // Packing would cost more than it saves (each size checked first: no overflow).
    if (m <= DZ_SMALL_PRODUCT && n <= DZ_SMALL_PRODUCT && k <= DZ_SMALL_PRODUCT &&
        m * n * k <= DZ_SMALL_PRODUCT) {
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
    const int l = dz_gemm_level(level);
    const dz_gemm_blocking *bl = &DZ_BLOCKING[l];
    const ptrdiff_t jblock = threads ? DZ_PARALLEL_NB : bl->nb;
    // Buffers sized for this product, so small products allocate little.
    const ptrdiff_t kc = min_pd(k, bl->kc);
    DZ_T *apack = dz_gemm_alloc((size_t)(round_up(min_pd(m, bl->mb), bl->mr) * kc) * sizeof(DZ_T));
    DZ_T *bpack = dz_gemm_alloc((size_t)(round_up(min_pd(n, jblock), bl->nr) * kc) * sizeof(DZ_T));
    // A few MiB of scratch not available: nothing sensible is left to do.
    if (!apack || !bpack) abort();
    DZ_FN(job) j = {DZ_KERNELS[l], bl, a, b, c, a_rs, a_cs, b_rs, b_cs, ldc, apack, bpack,
                    0, 0, 0, 0, 0, 0, 0, 0};
    DZ_FN(drive)(&j, m, n, k, threads);
    free(apack);
    free(bpack);
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

static void DZ_FN(rows_task)(void *context, ptrdiff_t t) {
    const DZ_FN(rows_job) *r = context;
    const ptrdiff_t r0 = t * r->rows_per_task, rows = min_pd(r->rows_per_task, r->m - r0);
    DZ_FN(run)(r->level, rows, r->n, r->k, r->a + r0 * r->a_rs, r->a_rs, r->a_cs, r->b, r->b_rs,
               r->b_cs, r->c + r0 * r->ldc, r->ldc, NULL);
}

void DZ_FN(gemm_parallel)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a,
                          ptrdiff_t a_rs, ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs,
                          ptrdiff_t b_cs, DZ_T *c, ptrdiff_t ldc, int workers,
                          dz_run_workers run_workers, void *runner) {
    const dz_gemm_blocking *bl = &DZ_BLOCKING[dz_gemm_level(level)];
    if (workers <= 1 || !run_workers || m <= 0 || n <= 0 || k <= 0) {
        DZ_FN(run)(level, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, NULL);
        return;
    }
    const dz_gemm_threads threads = {workers, run_workers, runner};
    if ((n + bl->nr - 1) / bl->nr >= 2 * workers) {
        DZ_FN(run)(level, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, &threads);
        return;
    }
    // Too few columns to share out (a narrow C): split the rows instead; each block packs
    // its own copy of the (narrow) B.
    const ptrdiff_t tasks = min_pd((m + bl->mr - 1) / bl->mr, 4 * workers);
    const ptrdiff_t per = round_up((m + tasks - 1) / tasks, bl->mr);
    DZ_FN(rows_job) r = {level, per, m, n, k, a, b, c, a_rs, a_cs, b_rs, b_cs, ldc};
    dz_parallel_for(&threads, (m + per - 1) / per, DZ_FN(rows_task), &r);
}
