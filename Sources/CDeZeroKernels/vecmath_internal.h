// Declarations of the per-ISA versions of the vector math kernels (vecmath_body.h), which
// vecmath.c dispatches between. Private to the C target.
#ifndef DZ_VECMATH_INTERNAL_H
#define DZ_VECMATH_INTERNAL_H

#include <stddef.h>

#define DZ_VM_DECLARE(S)                                                      \
    void dz_vm_exp_f32_##S(const float *x, float *y, size_t n);              \
    void dz_vm_log_f32_##S(const float *x, float *y, size_t n);              \
    void dz_vm_tanh_f32_##S(const float *x, float *y, size_t n);             \
    void dz_vm_sigmoid_f32_##S(const float *x, float *y, size_t n);          \
    void dz_vm_sin_f32_##S(const float *x, float *y, size_t n);              \
    void dz_vm_cos_f32_##S(const float *x, float *y, size_t n);              \
    void dz_vm_exp_f64_##S(const double *x, double *y, size_t n);            \
    void dz_vm_log_f64_##S(const double *x, double *y, size_t n);            \
    double dz_vm_sum_f32_##S(const float *x, size_t n);                      \
    double dz_vm_sum_f64_##S(const double *x, size_t n);                     \
    void dz_vm_accumulate_f32_##S(const float *x, double *acc, size_t n);    \
    float dz_vm_max_f32_##S(const float *x, size_t n);                       \
    float dz_vm_min_f32_##S(const float *x, size_t n);                       \
    double dz_vm_max_f64_##S(const double *x, size_t n);                     \
    double dz_vm_min_f64_##S(const double *x, size_t n);

DZ_VM_DECLARE(portable)
#if defined(__x86_64__)
DZ_VM_DECLARE(avx2)
DZ_VM_DECLARE(avx512)
#endif

#endif
