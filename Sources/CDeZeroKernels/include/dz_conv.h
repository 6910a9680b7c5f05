#ifndef DZ_CONV_H
#define DZ_CONV_H

#include <stddef.h>

// Float32 products for convolutions with thin weights (a first layer on grey or RGB images:
// C·KH·KW = 9 for 3×3 filters), too small for the GEMM's packing to pay. Each runs with
// AVX2+FMA when the CPU has it (dz_cpu_level() >= 1), else with the baseline vector width.
// Sums are formed in a different order (and with fused multiply-adds) than a plain loop, so
// results agree with one to rounding, not bit for bit.

/// out[i·ldo + j] = bias[i] (0 when bias is NULL) + Σ_p a[i·a_rs + p·a_cs] · b[p·ldb + j]
/// for i < m, j < l.
void dz_conv_small_product_f32(ptrdiff_t m, ptrdiff_t k, ptrdiff_t l,
                               const float *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
                               const float *b, ptrdiff_t ldb, float *out, ptrdiff_t ldo,
                               const float *bias);

/// out[i·y_rows + r] += Σ_j x[i·x_stride + j] · y[r·y_stride + j] over j < length, for
/// i < x_rows, r < y_rows: every row of x against every row of y.
void dz_conv_accumulate_dots_f32(const float *x, ptrdiff_t x_rows, ptrdiff_t x_stride,
                                 const float *y, ptrdiff_t y_rows, ptrdiff_t y_stride,
                                 ptrdiff_t length, float *out);

#endif
