#ifndef CDEZERO_KERNELS_H
#define CDEZERO_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Returns 2 when the CPU and OS support AVX-512F, 1 for AVX2+FMA, 0 otherwise.
int dz_cpu_level(void);

#include "dz_vecmath.h"
#include "dz_gemm.h"
#include "dz_conv.h"

#endif
