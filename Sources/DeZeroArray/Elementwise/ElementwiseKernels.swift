/// The loops every elementwise operation runs through: one map over one array, one zip over
/// two broadcast arrays. Each is generic and inlined into its caller, so an operation's
/// closure is specialised per dtype once, with no per-element dispatch.
@usableFromInline
enum ElementwiseKernels {
    /// `out[i] = f(x[i])` over every element, in row-major order.
    @inlinable @inline(__always)
    static func map<T: NDScalar, R: NDScalar>(_ x: NDArray, _ t: T.Type, _ r: R.Type, _ f: (T) -> R) -> NDArray {
        let n = x.count
        if x.isContiguous {
            return x.withUnsafeRawPointer { raw in
                let src = raw.assumingMemoryBound(to: T.self)
                return NDArray.make(R.self, shape: x.shape) { dst in
                    for i in 0..<n { dst[i] = f(src[i]) }
                }
            }
        }
        return map(x.contiguousCopy(), t, r, f)
    }

    /// `out = f(a, b)` with NumPy broadcasting; `a` and `b` already have dtype `T`.
    @inlinable @inline(__always)
    static func zip<T: NDScalar, R: NDScalar>(_ a: NDArray, _ b: NDArray, _ t: T.Type, _ r: R.Type,
                                              op: String, _ f: (T, T) -> R) -> NDArray {
        let shape = NDArray.broadcastShape(a.shape, b.shape, op: op)
        let n = shape.reduce(1, *)
        return a.withUnsafeRawPointer { ra in
            b.withUnsafeRawPointer { rb in
                let pa = ra.assumingMemoryBound(to: T.self), pb = rb.assumingMemoryBound(to: T.self)
                return NDArray.make(R.self, shape: shape) { dst in
                    if n == 0 { return }
                    let ac = a.isContiguous, bc = b.isContiguous
                    if b.count == 1 && ac && a.count == n {
                        let s = pb[0]
                        for i in 0..<n { dst[i] = f(pa[i], s) }
                    } else if a.count == 1 && bc && b.count == n {
                        let s = pa[0]
                        for i in 0..<n { dst[i] = f(s, pb[i]) }
                    } else if ac && bc && a.shape == b.shape {
                        for i in 0..<n { dst[i] = f(pa[i], pb[i]) }
                    } else {
                        strided(pa, a.broadcastStrides(to: shape), pb, b.broadcastStrides(to: shape),
                                dst.baseAddress!, shape: shape, f)
                    }
                }
            }
        }
    }

    /// The general broadcast loop: the innermost dimension runs tight with its two strides
    /// (0 for a broadcast operand), outer dimensions advance an index.
    @inlinable @inline(__always)
    static func strided<T, R>(_ pa: UnsafePointer<T>, _ sa: [Int], _ pb: UnsafePointer<T>, _ sb: [Int],
                              _ dst: UnsafeMutablePointer<R>, shape: [Int], _ f: (T, T) -> R) {
        let nd = shape.count
        if nd == 0 { dst[0] = f(pa[0], pb[0]); return }
        let inner = shape[nd - 1], ia = sa[nd - 1], ib = sb[nd - 1]
        var index = [Int](repeating: 0, count: nd)
        var oa = 0, ob = 0, out = 0
        var outer = 1
        for d in 0..<(nd - 1) { outer *= shape[d] }
        for _ in 0..<outer {
            var ja = oa, jb = ob
            if ia == 1 && ib == 1 {
                for k in 0..<inner { dst[out + k] = f(pa[ja + k], pb[jb + k]) }
            } else if ia == 1 && ib == 0 {
                let s = pb[jb]
                for k in 0..<inner { dst[out + k] = f(pa[ja + k], s) }
            } else {
                for k in 0..<inner { dst[out + k] = f(pa[ja], pb[jb]); ja += ia; jb += ib }
            }
            out += inner
            var d = nd - 2
            while d >= 0 {
                index[d] += 1
                oa += sa[d]; ob += sb[d]
                if index[d] < shape[d] { break }
                oa -= sa[d] * shape[d]; ob -= sb[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
