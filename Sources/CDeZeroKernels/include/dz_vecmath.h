#ifndef DZ_VECMATH_H
#define DZ_VECMATH_H

#include <stddef.h>
#include <stdint.h>

// Vectorised elementwise math and reductions for contiguous float32 / float64 buffers.
//
// Each function exists in three versions — AVX-512, AVX2+FMA and portable (the baseline
// vector width) — compiled from one source with per-function target attributes, and the best
// one the CPU supports is chosen at run time (dz_cpu_level()).
//
// Unary kernels write y[i] = f(x[i]) for i < n; x and y may be the same buffer (in place) but
// must not otherwise overlap. Accuracy (tested against the C library): exp, log, sin, cos
// within 1 ulp, tanh and sigmoid within 2 ulp for float32; exp and log within 1 ulp for
// float64. NaN, ±inf, overflow, underflow and subnormal inputs and results follow the C library.

/// The unary kernels, named for `dz_unary_f32_at_level` / `dz_unary_f64_at_level`.
typedef enum {
    DZ_OP_EXP = 0,
    DZ_OP_LOG = 1,
    DZ_OP_TANH = 2,
    DZ_OP_SIGMOID = 3,
    DZ_OP_SIN = 4,
    DZ_OP_COS = 5,
} dz_unary_op;

void dz_exp_f32(const float *x, float *y, size_t n);
void dz_log_f32(const float *x, float *y, size_t n);
void dz_tanh_f32(const float *x, float *y, size_t n);
/// 1 / (1 + exp(-x)).
void dz_sigmoid_f32(const float *x, float *y, size_t n);
void dz_sin_f32(const float *x, float *y, size_t n);
void dz_cos_f32(const float *x, float *y, size_t n);
void dz_exp_f64(const double *x, double *y, size_t n);
void dz_log_f64(const double *x, double *y, size_t n);

typedef void (*dz_unary_f32_fn)(const float *x, float *y, size_t n);
typedef void (*dz_unary_f64_fn)(const double *x, double *y, size_t n);

/// The version of `op` for one instruction-set level (0 portable, 1 AVX2, 2 AVX-512), or NULL
/// when this CPU or build lacks it (or, for float64, when `op` has no float64 kernel).
/// Tests use it to check every version, not only the one the dispatcher picks.
dz_unary_f32_fn dz_unary_f32_at_level(dz_unary_op op, int level);
dz_unary_f64_fn dz_unary_f64_at_level(dz_unary_op op, int level);

/// The level the dispatcher uses: dz_cpu_level(), lowered by the environment variable
/// DEZERO_SIMD_LEVEL (0, 1 or 2) when it is set. Read once.
int dz_vecmath_level(void);

// Reductions over a contiguous buffer.

/// Sum of x[0..<n], accumulated in float64 (so a float32 sum is accurate to its last bit).
double dz_sum_f32(const float *x, size_t n);
/// Sum of x[0..<n] with several accumulators in blocks (error grows with n / 4096, not n).
double dz_sum_f64(const double *x, size_t n);
/// acc[i] += x[i] for i < n, in float64: the row step of a float32 sum over a leading axis.
void dz_accumulate_f32(const float *x, double *acc, size_t n);
/// Largest / smallest element of x[0..<n] (n >= 1); NaN when any element is NaN.
float dz_max_f32(const float *x, size_t n);
float dz_min_f32(const float *x, size_t n);
double dz_max_f64(const double *x, size_t n);
double dz_min_f64(const double *x, size_t n);

#endif
