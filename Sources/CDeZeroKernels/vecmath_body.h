// The vector math kernels, written once with Clang/GCC vector extensions and compiled three
// times: vecmath_avx512.c, vecmath_avx2.c and vecmath_portable.c include this file after
// defining VW (float lanes per vector) and SUFFIX (appended to every function name), inside a
// `#pragma clang attribute` that sets the target ISA. Vector extensions rather than intrinsics
// keep one source for every width (and for ARM).
//
// Algorithms (facts from the literature, written anew): Cody–Waite range reduction with
// a rounding "shifter" constant, minimax polynomials (Cephes' coefficients for float32 exp,
// log and small-argument tanh; fdlibm's for float64 log), and scaling by 2^n in two halves so
// subnormal results are rounded once and correctly.

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "vecmath_internal.h"

#define VM_CAT_(a, b) a##b
#define VM_CAT(a, b) VM_CAT_(a, b)
#define VM_FN(name) VM_CAT(name, SUFFIX)

typedef float vf __attribute__((vector_size(VW * 4)));     // VW floats
typedef int32_t vi __attribute__((vector_size(VW * 4)));   // VW int32 (masks of vf)
typedef float vh __attribute__((vector_size(VW * 2)));     // VW/2 floats (converted to vd)
typedef double vd __attribute__((vector_size(VW * 4)));    // VW/2 doubles
typedef int64_t vl __attribute__((vector_size(VW * 4)));   // VW/2 int64 (masks of vd)

#define HW (VW / 2)

static inline vf ld_f(const float *p) { vf v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void st_f(float *p, vf v) { __builtin_memcpy(p, &v, sizeof v); }
static inline vh ld_h(const float *p) { vh v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void st_h(float *p, vh v) { __builtin_memcpy(p, &v, sizeof v); }
static inline vd ld_d(const double *p) { vd v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void st_d(double *p, vd v) { __builtin_memcpy(p, &v, sizeof v); }

static inline vf splat_f(float c) { return (vf){0} + c; }
static inline vd splat_d(double c) { return (vd){0} + c; }
/// m ? a : b, lane by lane (m lanes are all ones or all zeros).
static inline vf sel_f(vi m, vf a, vf b) { return (vf)((m & (vi)a) | (~m & (vi)b)); }
static inline vd sel_d(vl m, vd a, vd b) { return (vd)((m & (vl)a) | (~m & (vl)b)); }
static inline vf abs_f(vf x) { return (vf)((vi)x & 0x7fffffff); }
static inline vd abs_d(vd x) { return (vd)((vl)x & 0x7fffffffffffffffLL); }

// MARK: - float32

/// e^x. Clamping to [-104, 89] keeps n in range; outside it the two-step scale still gives
/// inf (e^89 > FLT_MAX) or 0 (e^-104 is below half the smallest subnormal). NaN propagates
/// through the arithmetic (comparisons with NaN are false, so the clamp keeps it).
static inline vf exp_f(vf x) {
    vf xc = sel_f(x < -104.0f, splat_f(-104.0f), x);
    xc = sel_f(xc > 89.0f, splat_f(89.0f), xc);
    vf t = xc * 1.44269504088896341f + 12582912.0f;   // 1.5 * 2^23 rounds x/ln2 to an integer
    vf n = t - 12582912.0f;
    vi ni = (vi)t - 0x4B400000;
    vf r = xc - n * 0.693359375f;                      // ln 2 in two parts (Cody–Waite)
    r = r - n * -2.12194440e-4f;
    vf z = r * r;
    vf p = splat_f(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * z + r + 1.0f;
    vi n1 = ni >> 1, n2 = ni - n1;                     // 2^n = 2^n1 * 2^n2, each normal
    vf s1 = (vf)((n1 + 127) << 23), s2 = (vf)((n2 + 127) << 23);
    return p * s1 * s2;
}

/// Natural log: x = 2^e * m with m in [sqrt(1/2), sqrt(2)), log(m) by a polynomial in m - 1.
static inline vf log_f(vf x) {
    vi sub = x < 1.17549435e-38f;                      // subnormal (or <= 0): scale by 2^23
    vf xs = sel_f(sub, x * 8388608.0f, x);
    vi bits = (vi)xs;
    vi e = ((bits >> 23) & 0xff) - 126 - (sub & 23);
    vf m = (vf)((bits & 0x007fffff) | 0x3f000000);     // [0.5, 1)
    vi lt = m < 0.707106781186547524f;
    e = e + lt;                                        // lt is -1 where true
    m = m + (vf)(lt & (vi)m);                          // doubles m where lt
    vf f = m - 1.0f;
    vf z = f * f;
    vf y = splat_f(7.0376836292e-2f);
    y = y * f - 1.1514610310e-1f;
    y = y * f + 1.1676998740e-1f;
    y = y * f - 1.2420140846e-1f;
    y = y * f + 1.4249322787e-1f;
    y = y * f - 1.6668057665e-1f;
    y = y * f + 2.0000714765e-1f;
    y = y * f - 2.4999993993e-1f;
    y = y * f + 3.3333331174e-1f;
    y = y * f * z;
    vf ef = __builtin_convertvector(e, vf);
    y = y + ef * -2.12194440e-4f;
    y = y - 0.5f * z;
    vf r = (f + y) + ef * 0.693359375f;
    r = sel_f(x == INFINITY, splat_f(INFINITY), r);
    r = sel_f(x == 0.0f, splat_f(-INFINITY), r);
    r = sel_f(x < 0.0f, splat_f(NAN), r);
    return sel_f(x != x, x, r);
}

/// tanh: an odd polynomial below 0.625, else 1 - 2 / (e^{2|x|} + 1) with x's sign.
static inline vf tanh_f(vf x) {
    vf ax = abs_f(x);
    vf z = x * x;
    vf ps = splat_f(-5.70498872745e-3f);
    ps = ps * z + 2.06390887954e-2f;
    ps = ps * z - 5.37397155531e-2f;
    ps = ps * z + 1.33314422036e-1f;
    ps = ps * z - 3.33332819422e-1f;
    ps = ps * z * x + x;
    vf e = exp_f(ax + ax);
    vf pl = 1.0f - 2.0f / (e + 1.0f);
    pl = (vf)(((vi)pl & 0x7fffffff) | ((vi)x & (int32_t)0x80000000));
    return sel_f(ax < 0.625f, ps, pl);
}

/// 1 / (1 + e^-x), written with e = e^-|x| so that no exponential overflows: for x < 0 the
/// result is e / (1 + e), which keeps its accuracy down into the subnormals.
static inline vf sigmoid_f(vf x) {
    vf e = exp_f(-abs_f(x));
    return sel_f(x < 0.0f, e, splat_f(1.0f)) / (1.0f + e);
}

/// sin (quadrant_offset 0) or cos (1) of float64 lanes, accurate enough to round to float32
/// correctly in nearly all cases: n = round(x * 2/pi), r = x - n * pi/2 in two parts (exact
/// for |n| < 2^20), then a Taylor polynomial for sin or cos of r chosen by n mod 4.
static inline vd sincos_for_f32(vd x, int64_t quadrant_offset) {
    vd t = x * 0.63661977236758134308 + 6755399441055744.0;   // 1.5 * 2^52
    vd n = t - 6755399441055744.0;
    vl q = (vl)t - 0x4338000000000000LL + quadrant_offset;
    vd r = (x - n * 1.57079632673412561417e+00) - n * 6.07710050650619224932e-11;
    vd r2 = r * r;
    vd s = splat_d(2.7557319223985893e-06);
    s = s * r2 - 1.9841269841269841e-04;
    s = s * r2 + 8.3333333333333333e-03;
    s = s * r2 - 1.6666666666666667e-01;
    s = s * r2 * r + r;
    vd c = splat_d(-2.7557319223985888e-07);
    c = c * r2 + 2.4801587301587302e-05;
    c = c * r2 - 1.3888888888888889e-03;
    c = c * r2 + 4.1666666666666667e-02;
    c = c * r2 - 0.5;
    c = c * r2 + 1.0;
    vd v = sel_d((q & 1) != 0, c, s);
    return (vd)((vl)v ^ ((q & 2) << 62));
}

/// Beyond this |x| the two-part reduction loses exactness; those lanes use the C library.
#define SINCOS_F32_LIMIT 8.0e5

static void sincos_f32(const float *x, float *y, size_t n, int64_t quadrant_offset) {
    size_t i = 0;
    for (; i < n; i += HW) {
        float xb[HW] = {0}, yb[HW];
        size_t m = n - i < HW ? n - i : HW;
        const float *src = x + i;
        if (m < HW) { __builtin_memcpy(xb, x + i, m * sizeof(float)); src = xb; }
        vd xd = __builtin_convertvector(ld_h(src), vd);
        vh r = __builtin_convertvector(sincos_for_f32(xd, quadrant_offset), vh);
        vl big = abs_d(xd) > SINCOS_F32_LIMIT;
        st_h(yb, r);
        if (__builtin_reduce_or(big)) {
            for (size_t k = 0; k < m; k++) {
                if (fabsf(src[k]) > SINCOS_F32_LIMIT) yb[k] = quadrant_offset ? cosf(src[k]) : sinf(src[k]);
            }
        }
        __builtin_memcpy(y + i, yb, m * sizeof(float));
    }
}

// MARK: - float64

/// e^x in float64: as exp_f, with a degree-13 polynomial (truncation error below 1e-17).
static inline vd exp_d(vd x) {
    vd xc = sel_d(x < -746.0, splat_d(-746.0), x);
    xc = sel_d(xc > 710.0, splat_d(710.0), xc);
    vd t = xc * 1.4426950408889634074 + 6755399441055744.0;
    vd n = t - 6755399441055744.0;
    vl ni = (vl)t - 0x4338000000000000LL;
    vd r = xc - n * 6.93147180369123816490e-01;         // ln 2 high part: n * hi is exact
    r = r - n * 1.90821492927058770002e-10;
    vd p = splat_d(1.6059043836821614599e-10);                   // 1/13!
    p = p * r + 2.0876756987868098979e-09;              // 1/12!
    p = p * r + 2.5052108385441718775e-08;
    p = p * r + 2.7557319223985890653e-07;
    p = p * r + 2.7557319223985890653e-06;
    p = p * r + 2.4801587301587301587e-05;
    p = p * r + 1.9841269841269841270e-04;
    p = p * r + 1.3888888888888888889e-03;
    p = p * r + 8.3333333333333333333e-03;
    p = p * r + 4.1666666666666666667e-02;
    p = p * r + 1.6666666666666666667e-01;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    vl n1 = ni >> 1, n2 = ni - n1;
    vd s1 = (vd)((n1 + 1023) << 52), s2 = (vd)((n2 + 1023) << 52);
    return p * s1 * s2;
}

/// Natural log in float64 (fdlibm's method): m in [sqrt(1/2), sqrt(2)), f = m - 1,
/// s = f / (2 + f), log(1 + f) = f - f²/2 + s (f²/2 + R(s²)).
static inline vd log_d(vd x) {
    vl sub = x < 2.2250738585072014e-308;
    vd xs = sel_d(sub, x * 18014398509481984.0, x);   // 2^54
    vl bits = (vl)xs;
    vl e = ((bits >> 52) & 0x7ff) - 1023 - (sub & 54);
    vd m = (vd)((bits & 0x000fffffffffffffLL) | 0x3ff0000000000000LL);   // [1, 2)
    vl big = m > 1.4142135623730951;
    m = sel_d(big, m * 0.5, m);
    e = e - big;                                         // big is -1 where true
    vd dk = (vd)(e + 0x4338000000000000LL) - 6755399441055744.0;
    vd f = m - 1.0;
    vd s = f / (2.0 + f);
    vd z = s * s, w = z * z;
    vd t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
    vd t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
                 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
    vd rr = t2 + t1;
    vd hfsq = 0.5 * f * f;
    vd r = dk * 6.93147180369123816490e-01 - ((hfsq - (s * (hfsq + rr) + dk * 1.90821492927058770002e-10)) - f);
    r = sel_d(x == INFINITY, splat_d(INFINITY), r);
    r = sel_d(x == 0.0, splat_d(-INFINITY), r);
    r = sel_d(x < 0.0, splat_d(NAN), r);
    return sel_d(x != x, x, r);
}

// MARK: - Loops

/// Defines a loop applying VEC over full vectors, then over a zero-padded copy of the tail,
/// so every element goes through the same code.
#define VM_UNARY_LOOP(NAME, T, VT, LD, ST, LANES, VEC)                     \
    void VM_FN(NAME)(const T *x, T *y, size_t n) {                        \
        size_t i = 0;                                                     \
        for (; i + 2 * LANES <= n; i += 2 * LANES) {                       \
            VT a = VEC(LD(x + i)), b = VEC(LD(x + i + LANES));            \
            ST(y + i, a);                                                 \
            ST(y + i + LANES, b);                                         \
        }                                                                 \
        for (; i < n; i += LANES) {                                       \
            T buf[LANES] = {0};                                           \
            size_t m = n - i < LANES ? n - i : LANES;                     \
            __builtin_memcpy(buf, x + i, m * sizeof(T));                  \
            ST(buf, VEC(LD(buf)));                                        \
            __builtin_memcpy(y + i, buf, m * sizeof(T));                  \
        }                                                                 \
    }

VM_UNARY_LOOP(dz_vm_exp_f32_, float, vf, ld_f, st_f, VW, exp_f)
VM_UNARY_LOOP(dz_vm_log_f32_, float, vf, ld_f, st_f, VW, log_f)
VM_UNARY_LOOP(dz_vm_tanh_f32_, float, vf, ld_f, st_f, VW, tanh_f)
VM_UNARY_LOOP(dz_vm_sigmoid_f32_, float, vf, ld_f, st_f, VW, sigmoid_f)
VM_UNARY_LOOP(dz_vm_exp_f64_, double, vd, ld_d, st_d, HW, exp_d)
VM_UNARY_LOOP(dz_vm_log_f64_, double, vd, ld_d, st_d, HW, log_d)

void VM_FN(dz_vm_sin_f32_)(const float *x, float *y, size_t n) { sincos_f32(x, y, n, 0); }
void VM_FN(dz_vm_cos_f32_)(const float *x, float *y, size_t n) { sincos_f32(x, y, n, 1); }

// MARK: - Reductions

double VM_FN(dz_vm_sum_f32_)(const float *x, size_t n) {
    vd a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
    size_t i = 0;
    for (; i + 4 * HW <= n; i += 4 * HW) {
        a0 += __builtin_convertvector(ld_h(x + i), vd);
        a1 += __builtin_convertvector(ld_h(x + i + HW), vd);
        a2 += __builtin_convertvector(ld_h(x + i + 2 * HW), vd);
        a3 += __builtin_convertvector(ld_h(x + i + 3 * HW), vd);
    }
    vd a = (a0 + a1) + (a2 + a3);
    double total = 0;
    for (int k = 0; k < HW; k++) total += a[k];
    for (; i < n; i++) total += x[i];
    return total;
}

double VM_FN(dz_vm_sum_f64_)(const double *x, size_t n) {
    enum { BLOCK = 4096 };
    double total = 0;
    size_t i = 0;
    while (i + 4 * HW <= n) {
        size_t end = n - i > BLOCK ? i + BLOCK : n;
        vd a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        for (; i + 4 * HW <= end; i += 4 * HW) {
            a0 += ld_d(x + i);
            a1 += ld_d(x + i + HW);
            a2 += ld_d(x + i + 2 * HW);
            a3 += ld_d(x + i + 3 * HW);
        }
        vd a = (a0 + a1) + (a2 + a3);
        double block = 0;
        for (int k = 0; k < HW; k++) block += a[k];
        total += block;
    }
    for (; i < n; i++) total += x[i];
    return total;
}

void VM_FN(dz_vm_accumulate_f32_)(const float *x, double *acc, size_t n) {
    size_t i = 0;
    for (; i + HW <= n; i += HW) st_d(acc + i, ld_d(acc + i) + __builtin_convertvector(ld_h(x + i), vd));
    for (; i < n; i++) acc[i] += x[i];
}

/// Max (IS_MAX 1) or min of n >= 1 elements; a NaN anywhere gives NaN, as NumPy's max does.
#define VM_EXTREME(NAME, T, VT, MT, LD, LANES, IS_MAX)                      \
    T VM_FN(NAME)(const T *x, size_t n) {                                 \
        VT m0 = (VT){0} + x[0], m1 = m0;                                  \
        MT nan = {0};                                                     \
        size_t i = 0;                                                     \
        for (; i + 2 * LANES <= n; i += 2 * LANES) {                       \
            VT a = LD(x + i), b = LD(x + i + LANES);                      \
            MT ta = IS_MAX ? (a > m0) : (a < m0);                         \
            MT tb = IS_MAX ? (b > m1) : (b < m1);                         \
            m0 = (VT)((ta & (MT)a) | (~ta & (MT)m0));                     \
            m1 = (VT)((tb & (MT)b) | (~tb & (MT)m1));                     \
            nan |= (a != a) | (b != b);                                   \
        }                                                                 \
        T best = x[0];                                                    \
        for (int k = 0; k < LANES; k++) {                                 \
            T u = m0[k], v = m1[k];                                       \
            if (IS_MAX ? u > best : u < best) best = u;                   \
            if (IS_MAX ? v > best : v < best) best = v;                   \
        }                                                                 \
        int any_nan = __builtin_reduce_or(nan) != 0;                      \
        for (; i < n; i++) {                                              \
            T v = x[i];                                                   \
            if (v != v) any_nan = 1;                                      \
            if (IS_MAX ? v > best : v < best) best = v;                   \
        }                                                                 \
        return any_nan ? (T)NAN : best;                                   \
    }

VM_EXTREME(dz_vm_max_f32_, float, vf, vi, ld_f, VW, 1)
VM_EXTREME(dz_vm_min_f32_, float, vf, vi, ld_f, VW, 0)
VM_EXTREME(dz_vm_max_f64_, double, vd, vl, ld_d, HW, 1)
VM_EXTREME(dz_vm_min_f64_, double, vd, vl, ld_d, HW, 0)
