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
        } else {
            for (ptrdiff_t i = 0; i < rows; i++) {
                const DZ_T *row = src + i * rs;
                if (cs == 1)
                    for (ptrdiff_t p = 0; p < kc; p++) dst[p * mr + i] = row[p];
                else
                    for (ptrdiff_t p = 0; p < kc; p++) dst[p * mr + i] = row[p * cs];
            }
            for (ptrdiff_t i = rows; i < mr; i++)
                for (ptrdiff_t p = 0; p < kc; p++) dst[p * mr + i] = 0;
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

static void DZ_FN(blocked)(DZ_UKR ukr, const dz_gemm_blocking *bl, ptrdiff_t m, ptrdiff_t n,
                           ptrdiff_t k, const DZ_T *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
                           const DZ_T *b, ptrdiff_t b_rs, ptrdiff_t b_cs, DZ_T *c, ptrdiff_t ldc,
                           DZ_T *apack, DZ_T *bpack) {
    const int mr = bl->mr, nr = bl->nr;
    for (ptrdiff_t i0 = 0; i0 < m; i0 += bl->mb) {
        const ptrdiff_t mb = m - i0 < bl->mb ? m - i0 : bl->mb;
        for (ptrdiff_t p0 = 0; p0 < k; p0 += bl->kc) {
            const ptrdiff_t kc = k - p0 < bl->kc ? k - p0 : bl->kc;
            DZ_FN(pack_a)(a + i0 * a_rs + p0 * a_cs, a_rs, a_cs, mb, kc, mr, apack);
            for (ptrdiff_t j0 = 0; j0 < n; j0 += bl->nb) {
                const ptrdiff_t nb = n - j0 < bl->nb ? n - j0 : bl->nb;
                DZ_FN(pack_b)(b + p0 * b_rs + j0 * b_cs, b_rs, b_cs, kc, nb, nr, bpack);
                for (ptrdiff_t ir = 0; ir < mb; ir += mr) {
                    const ptrdiff_t rows = mb - ir < mr ? mb - ir : mr;
                    for (ptrdiff_t jr = 0; jr < nb; jr += nr) {
                        const ptrdiff_t cols = nb - jr < nr ? nb - jr : nr;
                        DZ_FN(tile)(ukr, bl, kc, apack + ir * kc, bpack + jr * kc,
                                    c + (i0 + ir) * ldc + j0 + jr, ldc, rows, cols, p0 > 0);
                    }
                }
            }
        }
    }
}

void DZ_FN(gemm)(int level, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const DZ_T *a, ptrdiff_t a_rs,
                 ptrdiff_t a_cs, const DZ_T *b, ptrdiff_t b_rs, ptrdiff_t b_cs, DZ_T *c,
                 ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (ptrdiff_t i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * sizeof(DZ_T));
        return;
    }
    const int l = dz_gemm_level(level);
    const dz_gemm_blocking *bl = &DZ_BLOCKING[l];
    // Buffers sized for this product, so small products allocate little.
    const ptrdiff_t kc = min_pd(k, bl->kc);
    DZ_T *apack = dz_gemm_alloc((size_t)(round_up(min_pd(m, bl->mb), bl->mr) * kc) * sizeof(DZ_T));
    DZ_T *bpack = dz_gemm_alloc((size_t)(round_up(min_pd(n, bl->nb), bl->nr) * kc) * sizeof(DZ_T));
    // A few MiB of scratch not available: nothing sensible is left to do.
    if (!apack || !bpack) abort();
    DZ_FN(blocked)(DZ_KERNELS[l], bl, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, apack, bpack);
    free(apack);
    free(bpack);
}
