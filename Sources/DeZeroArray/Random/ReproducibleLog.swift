/// Natural logarithm computed with IEEE-754 basic operations only, so that it gives the same
/// bits on every machine (the platform's `log` differs between glibc, Apple's libm and others in
/// the last bit). The normal sampler depends on it for reproducible streams.
///
/// Method (the classic one of Sun's fdlibm, written anew): write x = 2ᵏ·m with √2/2 ≤ m < √2,
/// let f = m − 1 and s = f / (2 + f), so that ln m = 2·atanh s = f − f²/2 + s·(f²/2 + R(s²)),
/// where R is fdlibm's published degree-14 minimax polynomial; then
/// ln x = k·ln2_hi + (ln m + k·ln2_lo). Error below 1 ulp. Swift never contracts a·b + c into a
/// fused multiply-add on its own, so each step rounds exactly as written on any IEEE machine.
@usableFromInline
func reproducibleLog(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x == .infinity { return x }
    if x.bitPattern >> 52 == 0 {  // subnormal: scale into the normal range first (exact)
        return reproducibleLogOfNormal(x * 0x1.0p54, exponentOffset: -54)
    }
    return reproducibleLogOfNormal(x)
}

/// ln(x · 2^exponentOffset) for positive normal finite `x`, without branches, so that loops
/// over many values (the normal sampler's) run without mispredictions.
@inlinable @inline(__always)
func reproducibleLogOfNormal(_ x: Double, exponentOffset: Int = 0) -> Double {
    let bits = x.bitPattern
    var k = Int(bits >> 52) - 1023 + exponentOffset
    var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)  // [1, 2)
    if m > 1.4142135623730951 { m *= 0.5; k += 1 }
    let f = m - 1  // exact (Sterbenz)
    let s = f / (2 + f)
    let z = s * s
    let w = z * z
    // fdlibm's coefficients Lg1…Lg7, split into even and odd parts as fdlibm evaluates them.
    let odd = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
                + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    let even = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    let r = odd + even
    let halfSquare = 0.5 * f * f
    let dk = Double(k)
    let ln2Hi = 6.93147180369123816490e-01  // ln 2 with its low 32 bits zero: dk·ln2Hi is exact
    let ln2Lo = 1.90821492927058770002e-10
    return dk * ln2Hi - ((halfSquare - (s * (halfSquare + r) + dk * ln2Lo)) - f)
}
