// zlib for Swift. `inflateInit2` is a function-like macro, which Swift cannot import,
// so it is wrapped in a static inline function here.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

#include <zlib.h>

static inline int czlib_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
