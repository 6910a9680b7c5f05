// Axis bookkeeping and the multi-pass driver shared by every reduction.

/// What a reduction's `axis:`/`axes:` and `keepdims` arguments come to: the normalized axes
/// it removes and the shape of its result. Every reduction's public forms build one of these
/// (``NDArray/allAxes(keepdims:)`` or ``NDArray/reducedAxes(_:keepdims:op:)``) and hand it on.
@usableFromInline
struct ReducedAxes {
    /// Non-negative, sorted and unique.
    @usableFromInline let axes: [Int]
    @usableFromInline let outShape: [Int]

    @inlinable init(axes: [Int], outShape: [Int]) {
        self.axes = axes
        self.outShape = outShape
    }
}

extension NDArray {
    /// A reduction over every axis: a 0-d result, or all ones with `keepdims`.
    @usableFromInline
    func allAxes(keepdims: Bool) -> ReducedAxes {
        ReducedAxes(axes: Array(0..<ndim), outShape: keepdims ? [Int](repeating: 1, count: ndim) : [])
    }

    /// A reduction over `axes` (checked for `op`; negative ones count from the end).
    @usableFromInline
    func reducedAxes(_ axes: [Int], keepdims: Bool, op: String) -> ReducedAxes {
        let ax = normalizedAxes(axes, op: op)
        return ReducedAxes(axes: ax, outShape: reducedShape(ax, keepdims: keepdims))
    }

    /// `axes` made non-negative, checked, sorted and unique; stops with a message naming
    /// `op`, the axis and the shape when one is out of range or repeated.
    @usableFromInline
    func normalizedAxes(_ axes: [Int], op: String) -> [Int] {
        var seen = [Bool](repeating: false, count: ndim)
        for axis in axes {
            let a = axis < 0 ? axis + ndim : axis
            dezeroCheck(a >= 0 && a < ndim,
                        "\(op): axis \(axis) is out of bounds for array of dimension \(ndim) with shape \(shapeDescription(shape))")
            dezeroCheck(!seen[a], "\(op): duplicate value in axes \(axes) for shape \(shapeDescription(shape))")
            seen[a] = true
        }
        return (0..<ndim).filter { seen[$0] }
    }

    /// The shape after reducing `axes` (normalized): those dimensions dropped, or kept as 1.
    @usableFromInline
    func reducedShape(_ axes: [Int], keepdims: Bool) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(ndim)
        var k = 0
        for d in 0..<ndim {
            if k < axes.count && axes[k] == d {
                k += 1
                if keepdims { out.append(1) }
            } else {
                out.append(shape[d])
            }
        }
        return out
    }

    /// Reduces over normalized `axes` with kernel `K` (this array has dtype `K.Input`) and
    /// returns an array of `K.Output` with `outShape` (any shape with the right count).
    ///
    /// The array is viewed as runs of merged dimensions, alternately kept and reduced. Each
    /// pass removes the last reduced run as one `[outer, red, inner]` reduction, so a
    /// reduction over one axis or over adjacent axes is one pass, and each further pass reads
    /// an array already shrunk by the ones before.
    @inlinable
    func reduction<K: ReductionKernel>(_ k: K.Type, axes: [Int], outShape: [Int], op: String) -> NDArray {
        let outCount = ElementwiseKernels.product(outShape)
        if count == 0 || outCount == 0 {
            guard let identity = K.identity else {
                if outCount == 0 { return NDArray.make(K.Output.self, shape: outShape) { _ in } }
                dezeroFailure("\(op): zero-size array \(shapeDescription(shape)) to reduction operation \(op) which has no identity")
            }
            return NDArray.make(K.Output.self, shape: outShape) { $0.initialize(repeating: identity) }
        }
        var runs: [(size: Int, reduced: Bool)] = []
        var next = 0
        for d in 0..<ndim {
            let reduced = next < axes.count && axes[next] == d
            if reduced { next += 1 }
            if shape[d] == 1 { continue }
            if let last = runs.last, last.reduced == reduced {
                runs[runs.count - 1].size *= shape[d]
            } else {
                runs.append((shape[d], reduced))
            }
        }
        guard let j = runs.lastIndex(where: { $0.reduced }) else {
            // Only size-1 dimensions were reduced: the values stay, converted.
            let c = astype(K.Output.dtype).contiguous()
            return c.view(shape: outShape, strides: NDArray.rowMajorStrides(outShape), offset: c.offset)
        }
        let outer = runs[..<j].reduce(1) { $0 * $1.size }, inner = runs[(j + 1)...].reduce(1) { $0 * $1.size }
        let red = runs[j].size
        runs.remove(at: j)
        let isLast = !runs.contains { $0.reduced }
        let x = contiguous()
        let partial = x.withUnsafeRawPointer { raw in
            NDArray.make(K.Output.self, shape: isLast ? outShape : [outer * inner]) { out in
                Reduction.run(k, raw.assumingMemoryBound(to: K.Input.self), outer: outer, red: red,
                              inner: inner, into: out.baseAddress!)
            }
        }
        if isLast { return partial }
        // Later passes: the remaining runs (kept neighbours of the removed run merge).
        let rest = runs.map { $0.size }
        let restAxes = runs.indices.filter { runs[$0].reduced }
        return partial.view(shape: rest, strides: NDArray.rowMajorStrides(rest), offset: 0)
            .reduction(K.Next.self, axes: restAxes, outShape: outShape, op: op)
    }
}
