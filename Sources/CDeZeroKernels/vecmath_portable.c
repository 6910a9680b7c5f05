// The vector math kernels at the build's baseline width (SSE2 on x86-64, NEON on arm64):
// the version every CPU can run.
#define VW 4
#define SUFFIX portable
#include "vecmath_body.h"
