// The vector math kernels for AVX2 + FMA (8 floats per vector). Every function in this file,
// including the inlined helpers, is compiled for that ISA through the attribute below;
// vecmath.c calls them only when dz_cpu_level() >= 1.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define VW 8
#define SUFFIX avx2
#include "vecmath_body.h"
#pragma clang attribute pop
#endif
