/// A function applied to each element, as a value type. The loops below are generic over
/// it, so each operation is specialised and inlined into the loop — also inside the work
/// handed to other threads, where a captured closure would instead be called indirectly
/// (with a context retain) for every element. Parameters (clip bounds, an exponent) are
/// stored properties.
@usableFromInline
protocol ElementMap {
    associatedtype In: NDScalar
    associatedtype Out: NDScalar
    func callAsFunction(_ x: In) -> Out
}

/// A function of two elements of one dtype; see ``ElementMap``.
@usableFromInline
protocol ElementZip {
    associatedtype In: NDScalar
    associatedtype Out: NDScalar
    func callAsFunction(_ a: In, _ b: In) -> Out
}

/// The loops every elementwise operation runs through: a map over one array, a zip over two
/// broadcast arrays, a three-way select for `where`.
///
/// Every loop takes the cheapest path its operands allow:
/// 1. one element each (0-d scalars, autograd's hot case): no shape arithmetic, no heap;
/// 2. contiguous operands of the output's size, or one of them a single value: one flat loop;
/// 3. anything else (broadcasting, transposed or sliced views): a ``StridedPlan`` that merges
///    dimensions, so e.g. a 1000×1000 + 1×1000 row broadcast runs as 1000 contiguous rows.
/// Large outputs are split over the cores (``Parallel``).
@usableFromInline
enum ElementwiseKernels {
    // MARK: - One-element arrays

    /// The single element of a one-element array whose dtype is `T`.
    @inlinable @inline(__always)
    static func scalar<T: NDScalar>(_ x: NDArray, _ type: T.Type) -> T {
        x.withUnsafeRawPointer { $0.load(as: T.self) }
    }

    /// A one-element array holding `value`, stored inline (no heap allocation for 0-d).
    @inlinable @inline(__always)
    static func scalarArray<T: NDScalar>(_ value: T, shape: [Int]) -> NDArray {
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) { $0.storeBytes(of: value, as: T.self) }
        if shape.isEmpty { return NDArray(buffer: .inline(bits), geometry: nil, dtype: T.dtype) }
        return NDArray(buffer: .inline(bits), shape: shape, strides: NDArray.rowMajorStrides(shape), offset: 0, dtype: T.dtype)
    }

    /// The element of a 0-d array held inline, or `nil` (autograd's scalar chain takes this
    /// path: no shape arithmetic, no pointer, no retain).
    @inlinable @inline(__always)
    static func inlineScalar<T: NDScalar>(_ x: NDArray, _ type: T.Type) -> T? {
        guard x.geometry?.shape.isEmpty ?? true, case .inline(let bits) = x.buffer else { return nil }
        return withUnsafeBytes(of: bits) { $0.load(as: T.self) }
    }

    @inlinable @inline(__always)
    static func product(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    // MARK: - Unary

    /// `out[i] = f(x[i])` over every element, in row-major order. `x` has dtype `F.In`.
    @inlinable
    static func map<F: ElementMap>(_ x: NDArray, _ f: F, grain: Int = Parallel.memoryBoundGrain) -> NDArray {
        if let v = inlineScalar(x, F.In.self) { return scalarArray(f(v), shape: []) }
        let n = x.count
        if n == 1 { return scalarArray(f(scalar(x, F.In.self)), shape: x.shape) }
        return x.withUnsafeRawPointer { raw in
            let src = raw.assumingMemoryBound(to: F.In.self)
            return NDArray.make(F.Out.self, shape: x.shape) { out in
                guard n > 0, let dst = out.baseAddress else { return }
                if x.isContiguous {
                    Parallel.forRanges(n, grain: grain) { r in
                        for i in r { dst[i] = f(src[i]) }
                    }
                    return
                }
                let plan = StridedPlan(shape: x.shape, x.strides)
                let inner = plan.inner, si = plan.innerStrides[0]
                Parallel.forRanges(plan.rows, grain: Swift.max(1, grain / inner)) { rows in
                    plan.forEachRow(rows) { off in
                        let s = src + off[0], d = dst + off[3]
                        if si == 1 {
                            for k in 0..<inner { d[k] = f(s[k]) }
                        } else {
                            for k in 0..<inner { d[k] = f(s[k * si]) }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Binary

    /// `out = f(a, b)` with NumPy broadcasting; `a` and `b` already have dtype `F.In`.
    /// `op` names the operation in the error message when the shapes do not broadcast.
    @inlinable
    static func zip<F: ElementZip>(_ a: NDArray, _ b: NDArray, _ f: F, op: String,
                                   grain: Int = Parallel.memoryBoundGrain) -> NDArray {
        if let u = inlineScalar(a, F.In.self), let v = inlineScalar(b, F.In.self) {
            return scalarArray(f(u, v), shape: [])
        }
        let na = a.count, nb = b.count
        if na == 1 && nb == 1 {
            // Shapes of ones always broadcast, to the one with more dimensions.
            return scalarArray(f(scalar(a, F.In.self), scalar(b, F.In.self)), shape: a.ndim >= b.ndim ? a.shape : b.shape)
        }
        let shape = a.shape == b.shape ? a.shape : NDArray.broadcastShape(a.shape, b.shape, op: op)
        let n = product(shape)
        return a.withUnsafeRawPointer { ra in
            b.withUnsafeRawPointer { rb in
                let pa = ra.assumingMemoryBound(to: F.In.self), pb = rb.assumingMemoryBound(to: F.In.self)
                return NDArray.make(F.Out.self, shape: shape) { out in
                    guard n > 0, let dst = out.baseAddress else { return }
                    if na == n && a.isContiguous && nb == n && b.isContiguous {
                        Parallel.forRanges(n, grain: grain) { r in
                            for i in r { dst[i] = f(pa[i], pb[i]) }
                        }
                    } else if na == n && a.isContiguous && nb == 1 {
                        let s = pb[0]
                        Parallel.forRanges(n, grain: grain) { r in
                            for i in r { dst[i] = f(pa[i], s) }
                        }
                    } else if na == 1 && nb == n && b.isContiguous {
                        let s = pa[0]
                        Parallel.forRanges(n, grain: grain) { r in
                            for i in r { dst[i] = f(s, pb[i]) }
                        }
                    } else {
                        let plan = StridedPlan(shape: shape, a.broadcastStrides(to: shape), b.broadcastStrides(to: shape))
                        stridedZip(plan, pa, pb, dst, f, grain: grain)
                    }
                }
            }
        }
    }

    /// The broadcast loop: rows of the plan split over threads, each row's inner loop picked
    /// by its strides (both contiguous, one operand repeated, or general).
    @inlinable
    static func stridedZip<F: ElementZip>(_ plan: StridedPlan, _ pa: UnsafePointer<F.In>, _ pb: UnsafePointer<F.In>,
                                          _ dst: UnsafeMutablePointer<F.Out>, _ f: F, grain: Int) {
        let inner = plan.inner, st = plan.innerStrides
        let sa = st[0], sb = st[1]
        Parallel.forRanges(plan.rows, grain: Swift.max(1, grain / inner)) { rows in
            plan.forEachRow(rows) { off in
                let a = pa + off[0], b = pb + off[1], d = dst + off[3]
                if sa == 1 && sb == 1 {
                    for k in 0..<inner { d[k] = f(a[k], b[k]) }
                } else if sa == 1 && sb == 0 {
                    let s = b[0]
                    for k in 0..<inner { d[k] = f(a[k], s) }
                } else if sa == 0 && sb == 1 {
                    let s = a[0]
                    for k in 0..<inner { d[k] = f(s, b[k]) }
                } else {
                    for k in 0..<inner { d[k] = f(a[k * sa], b[k * sb]) }
                }
            }
        }
    }

    /// `a[i] = f(a[i], b[i])` with `b` broadcast to `a`'s shape; `a` is made unique and
    /// contiguous first (copy-on-write), so no other array sees the change.
    @inlinable
    static func zipInPlace<F: ElementZip>(_ a: inout NDArray, _ b: NDArray, _ f: F) where F.Out == F.In {
        let n = a.count, shape = a.shape
        b.withUnsafeRawPointer { rb in
            let pb = rb.assumingMemoryBound(to: F.In.self)
            a.withUnsafeMutableBufferPointer(as: F.In.self) { buf in
                guard n > 0, let dst = buf.baseAddress else { return }
                if b.count == n && b.isContiguous {
                    Parallel.forRanges(n, grain: Parallel.memoryBoundGrain) { r in
                        for i in r { dst[i] = f(dst[i], pb[i]) }
                    }
                } else if b.count == 1 {
                    let s = pb[0]
                    Parallel.forRanges(n, grain: Parallel.memoryBoundGrain) { r in
                        for i in r { dst[i] = f(dst[i], s) }
                    }
                } else {
                    let plan = StridedPlan(shape: shape, NDArray.rowMajorStrides(shape), b.broadcastStrides(to: shape))
                    stridedZip(plan, UnsafePointer(dst), pb, dst, f, grain: Parallel.memoryBoundGrain)
                }
            }
        }
    }

    // MARK: - Ternary

    /// `out = mask ? a : b` with all three broadcast together; `mask` is bool, `a` and `b`
    /// have dtype `T`. `op` names the operation in the broadcast error message.
    @inlinable
    static func select<T: NDScalar>(_ mask: NDArray, _ a: NDArray, _ b: NDArray, _ t: T.Type, op: String) -> NDArray {
        if mask.count == 1 && a.count == 1 && b.count == 1 {
            let shape = mask.ndim >= a.ndim && mask.ndim >= b.ndim ? mask.shape : a.ndim >= b.ndim ? a.shape : b.shape
            return scalarArray(scalar(mask, Bool.self) ? scalar(a, T.self) : scalar(b, T.self), shape: shape)
        }
        guard let s = NDArray.broadcastShape(mask.shape, a.shape), let shape = NDArray.broadcastShape(s, b.shape) else {
            dezeroFailure("\(op): operands could not be broadcast together with shapes \(shapeDescription(mask.shape)) \(shapeDescription(a.shape)) \(shapeDescription(b.shape))")
        }
        let n = product(shape)
        return mask.withUnsafeRawPointer { rm in
            a.withUnsafeRawPointer { ra in
                b.withUnsafeRawPointer { rb in
                    let pm = rm.assumingMemoryBound(to: Bool.self)
                    let pa = ra.assumingMemoryBound(to: T.self), pb = rb.assumingMemoryBound(to: T.self)
                    return NDArray.make(T.self, shape: shape) { out in
                        guard n > 0, let dst = out.baseAddress else { return }
                        let plan = StridedPlan(shape: shape, mask.broadcastStrides(to: shape),
                                               a.broadcastStrides(to: shape), b.broadcastStrides(to: shape))
                        let inner = plan.inner, st = plan.innerStrides
                        Parallel.forRanges(plan.rows, grain: Swift.max(1, Parallel.memoryBoundGrain / inner)) { rows in
                            plan.forEachRow(rows) { off in
                                let m = pm + off[0], x = pa + off[1], y = pb + off[2], d = dst + off[3]
                                if st[0] == 1 && st[1] == 1 && st[2] == 1 {
                                    for k in 0..<inner { d[k] = m[k] ? x[k] : y[k] }
                                } else {
                                    for k in 0..<inner { d[k] = m[k * st[0]] ? x[k * st[1]] : y[k * st[2]] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// An n-d iteration over up to three operands and a row-major output, reduced to rows: size-1
/// dimensions are dropped and neighbouring dimensions merged wherever every operand steps
/// through them as one (a contiguous array becomes a single row; a row-vector broadcast
/// becomes rows whose second operand restarts at the same place).
@usableFromInline
struct StridedPlan {
    /// Merged dimension sizes, outermost first; never empty. The last is the row length.
    @usableFromInline var dims: [Int]
    /// Element strides per merged dimension: lanes 0–2 for the operands, lane 3 for the output.
    @usableFromInline var strides: [SIMD4<Int>]

    @inlinable
    init(shape: [Int], _ s0: [Int], _ s1: [Int]? = nil, _ s2: [Int]? = nil) {
        let out = NDArray.rowMajorStrides(shape)
        var dims: [Int] = [], strides: [SIMD4<Int>] = []
        dims.reserveCapacity(shape.count)
        strides.reserveCapacity(shape.count)
        for d in 0..<shape.count where shape[d] != 1 {
            let st = SIMD4(s0[d], s1?[d] ?? 0, s2?[d] ?? 0, out[d])
            if let last = strides.last, last == st &* shape[d] {
                dims[dims.count - 1] *= shape[d]
                strides[strides.count - 1] = st
            } else {
                dims.append(shape[d])
                strides.append(st)
            }
        }
        if dims.isEmpty {
            dims = [1]
            strides = [.zero]
        }
        self.dims = dims
        self.strides = strides
    }

    /// Elements per row (the innermost merged dimension).
    @inlinable var inner: Int { dims[dims.count - 1] }
    /// Strides along a row.
    @inlinable var innerStrides: SIMD4<Int> { strides[strides.count - 1] }
    /// Number of rows.
    @inlinable var rows: Int {
        var n = 1
        for d in dims.dropLast() { n &*= d }
        return n
    }

    /// Calls `body` with the starting element offsets (per lane) of each row in `range`.
    @inlinable
    func forEachRow(_ range: Range<Int>, _ body: (SIMD4<Int>) -> Void) {
        let nd = dims.count - 1
        if nd == 0 {
            for _ in range { body(.zero) }
            return
        }
        var index = [Int](repeating: 0, count: nd)
        var off = SIMD4<Int>.zero
        var rem = range.lowerBound
        for d in stride(from: nd - 1, through: 0, by: -1) {
            index[d] = rem % dims[d]
            rem /= dims[d]
            off &+= strides[d] &* index[d]
        }
        for _ in range {
            body(off)
            var d = nd - 1
            while d >= 0 {
                index[d] += 1
                off &+= strides[d]
                if index[d] < dims[d] { break }
                off &-= strides[d] &* dims[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
