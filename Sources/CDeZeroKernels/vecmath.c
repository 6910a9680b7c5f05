// Run-time choice between the AVX-512, AVX2 and portable versions of the vector math kernels.
#include <stdlib.h>
#include "CDeZeroKernels.h"
#include "vecmath_internal.h"

/// The AVX-512 kernels also use the DQ, VL and BW extensions (every AVX-512 CPU since
/// Skylake-SP has them; the Xeon Phi does not), so level 2 needs all of them.
static int detect_level(void) {
    int level = dz_cpu_level();
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (level == 2 && !(__builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")
                        && __builtin_cpu_supports("avx512bw"))) {
        level = 1;
    }
#else
    level = 0;
#endif
    const char *forced = getenv("DEZERO_SIMD_LEVEL");
    if (forced && forced[0] >= '0' && forced[0] <= '2' && forced[1] == 0 && forced[0] - '0' < level) {
        level = forced[0] - '0';
    }
    return level;
}

int dz_vecmath_level(void) {
    // Racing first calls compute the same value, so a relaxed atomic is enough.
    static int cached = -1;
    int level = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (level < 0) {
        level = detect_level();
        __atomic_store_n(&cached, level, __ATOMIC_RELAXED);
    }
    return level;
}

#if defined(__x86_64__)
#define DZ_DISPATCH(RET, NAME, PARAMS, ARGS)                         \
    RET dz_##NAME PARAMS {                                           \
        switch (dz_vecmath_level()) {                                \
        case 2: return dz_vm_##NAME##_avx512 ARGS;                   \
        case 1: return dz_vm_##NAME##_avx2 ARGS;                     \
        default: return dz_vm_##NAME##_portable ARGS;                \
        }                                                            \
    }
#else
#define DZ_DISPATCH(RET, NAME, PARAMS, ARGS) \
    RET dz_##NAME PARAMS { return dz_vm_##NAME##_portable ARGS; }
#endif

DZ_DISPATCH(void, exp_f32, (const float *x, float *y, size_t n), (x, y, n))
DZ_DISPATCH(void, log_f32, (const float *x, float *y, size_t n), (x, y, n))
DZ_DISPATCH(void, tanh_f32, (const float *x, float *y, size_t n), (x, y, n))
DZ_DISPATCH(void, sigmoid_f32, (const float *x, float *y, size_t n), (x, y, n))
DZ_DISPATCH(void, sin_f32, (const float *x, float *y, size_t n), (x, y, n))
DZ_DISPATCH(void, cos_f32, (const float *x, float *y, size_t n), (x, y, n))
DZ_DISPATCH(void, exp_f64, (const double *x, double *y, size_t n), (x, y, n))
DZ_DISPATCH(void, log_f64, (const double *x, double *y, size_t n), (x, y, n))
DZ_DISPATCH(double, sum_f32, (const float *x, size_t n), (x, n))
DZ_DISPATCH(double, sum_f64, (const double *x, size_t n), (x, n))
DZ_DISPATCH(void, accumulate_f32, (const float *x, double *acc, size_t n), (x, acc, n))
DZ_DISPATCH(float, max_f32, (const float *x, size_t n), (x, n))
DZ_DISPATCH(float, min_f32, (const float *x, size_t n), (x, n))
DZ_DISPATCH(double, max_f64, (const double *x, size_t n), (x, n))
DZ_DISPATCH(double, min_f64, (const double *x, size_t n), (x, n))

#define DZ_LEVEL_TABLE(S)                                                    \
    { dz_vm_exp_f32_##S, dz_vm_log_f32_##S, dz_vm_tanh_f32_##S,             \
      dz_vm_sigmoid_f32_##S, dz_vm_sin_f32_##S, dz_vm_cos_f32_##S }

dz_unary_f32_fn dz_unary_f32_at_level(dz_unary_op op, int level) {
    static const dz_unary_f32_fn portable[] = DZ_LEVEL_TABLE(portable);
    if ((unsigned)op > DZ_OP_COS || level < 0 || level > dz_vecmath_level()) return NULL;
#if defined(__x86_64__)
    static const dz_unary_f32_fn avx2[] = DZ_LEVEL_TABLE(avx2);
    static const dz_unary_f32_fn avx512[] = DZ_LEVEL_TABLE(avx512);
    if (level == 2) return avx512[op];
    if (level == 1) return avx2[op];
#endif
    return portable[op];
}

dz_unary_f64_fn dz_unary_f64_at_level(dz_unary_op op, int level) {
    if (level < 0 || level > dz_vecmath_level() || (op != DZ_OP_EXP && op != DZ_OP_LOG)) return NULL;
#if defined(__x86_64__)
    if (level == 2) return op == DZ_OP_EXP ? dz_vm_exp_f64_avx512 : dz_vm_log_f64_avx512;
    if (level == 1) return op == DZ_OP_EXP ? dz_vm_exp_f64_avx2 : dz_vm_log_f64_avx2;
#endif
    return op == DZ_OP_EXP ? dz_vm_exp_f64_portable : dz_vm_log_f64_portable;
}
