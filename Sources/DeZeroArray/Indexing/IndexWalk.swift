// Walking an IndexPlan in the result's row-major order, one strided run at a time.

extension IndexPlan {
    /// Number of elements in the result.
    var resultCount: Int {
        ShapeIndexSupport.product(preShape) * table.count * ShapeIndexSupport.product(postShape)
    }

    /// Calls `body(sourceOffset, stride, count, resultOffset)` for consecutive runs of the
    /// result: `count` elements that lie `stride` apart in the source from `sourceOffset`
    /// and fill the result from `resultOffset` on. Contiguous trailing axes merge into one
    /// run, so a row gather is one call per row.
    @inline(__always)
    func forEachRun(_ body: (_ source: Int, _ stride: Int, _ count: Int, _ result: Int) -> Void) {
        if resultCount == 0 { return }
        let (shape, strides) = IndexPlan.coalesce(postShape, postStrides)
        if shape.isEmpty && preShape.isEmpty {
            // One element per table entry (a pick such as x[rows, labels]): no index to step.
            var out = 0
            for t in table { body(t, 0, 1, out); out += 1 }
            return
        }
        let runCount = shape.last ?? 1, runStride = strides.last ?? 0
        let outerShape = Array(shape.dropLast()), outerStrides = Array(strides.dropLast())
        let outerCount = ShapeIndexSupport.product(outerShape)
        let preCount = ShapeIndexSupport.product(preShape)
        var preIndex = [Int](repeating: 0, count: preShape.count)
        var postIndex = [Int](repeating: 0, count: outerShape.count)
        var preOffset = 0, out = 0
        for _ in 0..<preCount {
            for t in table {
                var offset = preOffset + t
                for _ in 0..<outerCount {
                    body(offset, runStride, runCount, out)
                    out += runCount
                    IndexPlan.advance(&postIndex, &offset, outerShape, outerStrides)
                }
            }
            IndexPlan.advance(&preIndex, &preOffset, preShape, preStrides)
        }
    }

    /// Steps a row-major multi-index by one, keeping `offset` in step; wraps to zero at the end.
    @inline(__always)
    static func advance(_ index: inout [Int], _ offset: inout Int, _ shape: [Int], _ strides: [Int]) {
        var k = shape.count - 1
        while k >= 0 {
            index[k] += 1; offset += strides[k]
            if index[k] < shape[k] { return }
            offset -= strides[k] * shape[k]; index[k] = 0
            k -= 1
        }
    }

    /// Drops size-1 axes and merges neighbours that step through memory as one axis.
    static func coalesce(_ shape: [Int], _ strides: [Int]) -> ([Int], [Int]) {
        var s: [Int] = [], st: [Int] = []
        for (d, x) in zip(shape, strides) where d != 1 {
            if let last = s.last, st[st.count - 1] == x * d {
                s[s.count - 1] = last * d; st[st.count - 1] = x
            } else {
                s.append(d); st.append(x)
            }
        }
        return (s, st)
    }
}

/// The element loops of indexing, generic over the element type and inlined per dtype.
enum IndexKernels {
    /// Copies the plan's elements out of `src` into a fresh row-major `dst`.
    @inline(__always)
    static func gather<E>(_ plan: IndexPlan, _ src: UnsafePointer<E>, _ dst: UnsafeMutablePointer<E>) {
        plan.forEachRun { s, stride, n, o in
            if n == 1 {
                dst[o] = src[s]
            } else if stride == 1 {
                (dst + o).update(from: src + s, count: n)
            } else {
                var p = s
                for k in 0..<n { dst[o + k] = src[p]; p += stride }
            }
        }
    }

    /// Combines row-major `values` (the result's shape) into the plan's elements of `dst`,
    /// in result order, so repeated indices see every value (`combine` accumulates) or the last
    /// one wins (`combine` overwrites).
    @inline(__always)
    static func scatter<E>(_ plan: IndexPlan, _ values: UnsafePointer<E>, _ dst: UnsafeMutablePointer<E>,
                           _ combine: (inout E, E) -> Void) {
        plan.forEachRun { d, stride, n, o in
            var p = d
            for k in 0..<n { combine(&dst[p], values[o + k]); p += stride }
        }
    }
}
