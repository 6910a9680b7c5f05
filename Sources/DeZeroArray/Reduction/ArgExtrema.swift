// argmax and argmin: the index of the first largest / smallest element, over the flattened
// array or along one axis. A NaN counts as the extreme (NumPy returns the first NaN).

extension NDArray {
    /// Flat (row-major) index of the first largest element, as a 0-d int64 array
    /// (shape of ones with `keepdims`).
    ///
    /// ```swift
    /// NDArray([[1, 7], [7, 2]]).argmax()   // array(1)
    /// ```
    public func argmax(keepdims: Bool = false) -> NDArray { argExtremum(isMax: true, axis: nil, keepdims: keepdims) }

    /// Index along `axis` of the first largest element of each lane (int64).
    ///
    /// ```swift
    /// NDArray([[1, 7], [9, 2]]).argmax(axis: 1)   // [1, 0]
    /// ```
    public func argmax(axis: Int, keepdims: Bool = false) -> NDArray { argExtremum(isMax: true, axis: axis, keepdims: keepdims) }

    /// Flat index of the first smallest element, as a 0-d int64 array.
    public func argmin(keepdims: Bool = false) -> NDArray { argExtremum(isMax: false, axis: nil, keepdims: keepdims) }

    /// Index along `axis` of the first smallest element of each lane (int64).
    public func argmin(axis: Int, keepdims: Bool = false) -> NDArray { argExtremum(isMax: false, axis: axis, keepdims: keepdims) }

    @usableFromInline
    func argExtremum(isMax: Bool, axis: Int?, keepdims: Bool) -> NDArray {
        let op = isMax ? "argmax" : "argmin"
        let outer: Int, red: Int, inner: Int, outShape: [Int]
        if let axis {
            let a = normalizedAxes([axis], op: op)[0]
            outer = shape[..<a].reduce(1, *)
            red = shape[a]
            inner = shape[(a + 1)...].reduce(1, *)
            outShape = reducedShape([a], keepdims: keepdims)
        } else {
            (outer, red, inner) = (1, count, 1)
            outShape = allAxes(keepdims: keepdims).outShape
        }
        if red == 0 && outer * inner > 0 {
            dezeroFailure("\(op): attempt to get \(op) of an empty sequence (shape \(shapeDescription(shape)))")
        }
        if count == 1 { return ElementwiseKernels.scalarArray(Int64(0), shape: outShape) }
        let x = contiguous()
        return NDArray.make(Int64.self, shape: outShape) { out in
            guard let dst = out.baseAddress, outer * inner > 0 else { return }
            x.withUnsafeRawPointer { raw in
                switch dtype {
                case .float32: ArgExtremum.run(raw.assumingMemoryBound(to: Float.self), outer, red, inner, isMax, dst)
                case .float64: ArgExtremum.run(raw.assumingMemoryBound(to: Double.self), outer, red, inner, isMax, dst)
                case .int64: ArgExtremum.run(raw.assumingMemoryBound(to: Int64.self), outer, red, inner, isMax, dst)
                case .bool: ArgExtremum.run(raw.assumingMemoryBound(to: UInt8.self), outer, red, inner, isMax, dst)
                }
            }
        }
    }
}

@usableFromInline
enum ArgExtremum {
    /// For each of `outer × inner` lanes of `[outer, red, inner]` data, the index in `0..<red`
    /// of its first extreme element. `v != v` is true only for NaN, which wins at once.
    @inlinable
    static func run<T: Comparable>(_ x: UnsafePointer<T>, _ outer: Int, _ red: Int, _ inner: Int, _ isMax: Bool,
                                   _ out: UnsafeMutablePointer<Int64>) {
        if inner == 1 {
            for o in 0..<outer { out[o] = Int64(flat(x + o * red, red, isMax)) }
            return
        }
        // Lanes run along rows, so keep a row of best values and fold rows into it.
        let best = UnsafeMutablePointer<T>.allocate(capacity: inner)
        defer { best.deallocate() }
        for o in 0..<outer {
            let base = x + o * red * inner, idx = out + o * inner
            best.initialize(from: base, count: inner)
            for j in 0..<inner { idx[j] = 0 }
            for r in 1..<red {
                let row = base + r * inner
                for j in 0..<inner {
                    let v = row[j], b = best[j]
                    if b != b { continue }
                    if (isMax ? v > b : v < b) || v != v {
                        best[j] = v
                        idx[j] = Int64(r)
                    }
                }
            }
        }
    }

    @inlinable
    static func flat<T: Comparable>(_ x: UnsafePointer<T>, _ n: Int, _ isMax: Bool) -> Int {
        var best = x[0], at = 0
        if best != best { return 0 }
        for i in 1..<n {
            let v = x[i]
            if v != v { return i }
            if isMax ? v > best : v < best {
                best = v
                at = i
            }
        }
        return at
    }
}
