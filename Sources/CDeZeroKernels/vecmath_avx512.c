// The vector math kernels for AVX-512 (16 floats per vector); see vecmath_avx2.c.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma"))), apply_to = function)
#define VW 16
#define SUFFIX avx512
#include "vecmath_body.h"
#pragma clang attribute pop
#endif
