// Turns an index list into a description of which source elements the result holds, with
// NumPy's rules. Getting, setting and addAt all walk the same plan, so they accept exactly
// the same index lists and agree on the result's shape and element order.

/// The result of indexing as three groups of axes:
/// `pre` (strided axes before the advanced block), the broadcast shape of the index arrays
/// (each position has its own offset, from `table`), and `post` (strided axes after it).
/// Without index arrays the broadcast block is empty, `table` holds the one base offset and
/// the whole result is the strided view `post`.
struct IndexPlan {
    var preShape: [Int] = [], preStrides: [Int] = []
    var broadcastShape: [Int] = []
    /// Element offset (from the array's first element) of each broadcast position, in row-major order.
    var table: [Int] = [0]
    var postShape: [Int] = [], postStrides: [Int] = []
    /// True when no index array is involved: the result is a view.
    var isView = true

    var resultShape: [Int] { preShape + broadcastShape + postShape }

    /// One axis of the indexed array after basic indexing: a strided axis of the result, or an
    /// axis picked by an index array (`values`, int64) within an axis of `size` and `stride`.
    private enum Axis {
        case plain(size: Int, stride: Int)
        case advanced(values: NDArray, size: Int, stride: Int, sourceAxis: Int)
        /// An ellipsis that covers no axis: no result axis, but NumPy still counts it as
        /// separating the index arrays on either side.
        case gap
    }

    /// An index entry after ellipsis expansion and mask conversion, with the source axis it reads.
    private enum Item {
        case int(Int), slice(Int?, Int?, Int?), newAxis, array(NDArray), emptyEllipsis
    }

    init(shape: [Int], strides: [Int], indices: [NDIndex], op: String) {
        let items = IndexPlan.expand(indices, shape: shape, op: op)
        let hasArrays = items.contains { if case (.array, _) = $0 { true } else { false } }
        var axes: [Axis] = []
        var base = 0
        for (item, ax) in items {
            switch item {
            case .int(let i):
                let w = IndexPlan.wrap(i, size: shape[ax], axis: ax, op: op)
                // Next to index arrays an integer is an index array too (NumPy's rule), which
                // matters for where the broadcast axes go.
                if hasArrays {
                    axes.append(.advanced(values: NDArray(scalar: Int64(w)), size: shape[ax], stride: strides[ax], sourceAxis: ax))
                } else {
                    base += w * strides[ax]
                }
            case .slice(let start, let stop, let step):
                let s = SliceBounds(start: start, stop: stop, step: step, size: shape[ax], op: op)
                if s.count > 0 { base += s.start * strides[ax] }
                axes.append(.plain(size: s.count, stride: strides[ax] * s.step))
            case .newAxis:
                axes.append(.plain(size: 1, stride: 0))
            case .array(let a):
                axes.append(.advanced(values: a, size: shape[ax], stride: strides[ax], sourceAxis: ax))
            case .emptyEllipsis:
                axes.append(.gap)
            }
        }
        if !hasArrays {
            for case .plain(let size, let stride) in axes { postShape.append(size); postStrides.append(stride) }
            table = [base]
            return
        }
        isView = false
        layOut(axes, base: base, op: op)
    }

    /// Splits the axes into pre / broadcast / post and fills the offset table.
    private mutating func layOut(_ axes: [Axis], base: Int, op: String) {
        let advancedPositions = axes.indices.filter { if case .advanced = axes[$0] { true } else { false } }
        let firstAdvanced = advancedPositions.first!
        // Index arrays side by side keep their place; separated by a slice or new axis, their
        // broadcast axes go first.
        let adjacent = advancedPositions.last! - firstAdvanced + 1 == advancedPositions.count
        var shapes: [[Int]] = []
        for (i, axis) in axes.enumerated() {
            switch axis {
            case .plain(let size, let stride):
                if adjacent && i < firstAdvanced {
                    preShape.append(size); preStrides.append(stride)
                } else {
                    postShape.append(size); postStrides.append(stride)
                }
            case .advanced(let values, _, _, _):
                shapes.append(values.shape)
            case .gap:
                break
            }
        }
        var b = shapes[0]
        for s in shapes.dropFirst() {
            guard let bs = NDArray.broadcastShape(b, s) else {
                dezeroFailure("\(op): shape mismatch: indexing arrays could not be broadcast together with shapes \(shapes.map(shapeDescription).joined(separator: " "))")
            }
            b = bs
        }
        broadcastShape = b
        table = [Int](repeating: base, count: ShapeIndexSupport.product(b))
        for case .advanced(let values, let size, let stride, let sourceAxis) in axes {
            addOffsets(of: values, size: size, stride: stride, axis: sourceAxis, op: op)
        }
    }

    /// Adds `index * stride` for every broadcast position, checking each index against `size`.
    private mutating func addOffsets(of values: NDArray, size: Int, stride: Int, axis: Int, op: String) {
        let n = table.count
        if n == 0 { return }
        let v = values.contiguous()
        let vStrides = v.broadcastStrides(to: broadcastShape)
        let shape = broadcastShape
        v.withUnsafeBufferPointer(as: Int64.self) { src in
            table.withUnsafeMutableBufferPointer { t in
                if v.shape == shape {
                    // The common case: the index array has the broadcast shape itself.
                    for b in 0..<n { t[b] += IndexPlan.wrap(Int(src[b]), size: size, axis: axis, op: op) * stride }
                    return
                }
                var index = [Int](repeating: 0, count: shape.count)
                var pos = 0
                for b in 0..<n {
                    let w = IndexPlan.wrap(Int(src[pos]), size: size, axis: axis, op: op)
                    t[b] += w * stride
                    IndexPlan.advance(&index, &pos, shape, vStrides)
                }
            }
        }
    }

    /// `i` wrapped into `0..<size`; stops when it is out of bounds.
    @inline(__always)
    static func wrap(_ i: Int, size: Int, axis: Int, op: String) -> Int {
        guard i >= -size && i < size else {
            dezeroFailure("\(op): index \(i) is out of bounds for axis \(axis) with size \(size)")
        }
        return i < 0 ? i + size : i
    }

    /// Replaces the ellipsis by full slices, appends full slices for unindexed trailing axes,
    /// turns masks into index arrays (one per masked axis) and 0-d index arrays into integers,
    /// and pairs every item with the source axis it reads.
    private static func expand(_ indices: [NDIndex], shape: [Int], op: String) -> [(Item, Int)] {
        let ndim = shape.count
        var consumed = 0, ellipses = 0
        for index in indices {
            switch index {
            case .int, .slice: consumed += 1
            case .newAxis: break
            case .ellipsis: ellipses += 1
            case .array(let a):
                switch a.dtype {
                case .bool:
                    dezeroCheck(a.ndim > 0, "\(op): a 0-d boolean index is not supported")
                    consumed += a.ndim
                case .int64: consumed += 1
                default:
                    dezeroFailure("\(op): arrays used as indices must be of integer (or boolean) type, got \(a.dtype)")
                }
            }
        }
        dezeroCheck(ellipses <= 1, "\(op): an index can only have a single ellipsis ('...')")
        dezeroCheck(consumed <= ndim,
                    "\(op): too many indices for array: array of shape \(shapeDescription(shape)) is \(ndim)-dimensional, but \(consumed) were indexed")
        var items: [(Item, Int)] = []
        var axis = 0
        func full() { items.append((.slice(nil, nil, nil), axis)); axis += 1 }
        for index in indices {
            switch index {
            case .int(let i): items.append((.int(i), axis)); axis += 1
            case .slice(let a, let b, let c): items.append((.slice(a, b, c), axis)); axis += 1
            case .newAxis: items.append((.newAxis, axis))
            case .ellipsis:
                if consumed == ndim { items.append((.emptyEllipsis, axis)) }
                for _ in 0..<(ndim - consumed) { full() }
            case .array(let a) where a.dtype == .bool:
                let covered = Array(shape[axis..<(axis + a.ndim)])
                dezeroCheck(a.shape == covered,
                            "\(op): boolean index of shape \(shapeDescription(a.shape)) did not match indexed array of shape \(shapeDescription(shape)) along axes \(axis)..<\(axis + a.ndim)")
                for coordinates in nonzeroCoordinates(a) { items.append((.array(coordinates), axis)); axis += 1 }
            case .array(let a) where a.ndim == 0:
                items.append((.int(Int(a.withUnsafeBufferPointer(as: Int64.self) { $0[0] })), axis)); axis += 1
            case .array(let a): items.append((.array(a), axis)); axis += 1
            }
        }
        while axis < ndim { full() }
        return items
    }

    /// The coordinates of the true elements of a bool mask, one int64 array per axis,
    /// in row-major order (NumPy's `nonzero`).
    static func nonzeroCoordinates(_ mask: NDArray) -> [NDArray] {
        let shape = mask.shape, k = shape.count
        return mask.withUnsafeBufferPointer(as: Bool.self) { m in
            var hits = 0
            for b in m where b { hits += 1 }
            var coords = [[Int64]](repeating: [Int64](repeating: 0, count: hits), count: k)
            var index = [Int](repeating: 0, count: k)
            var j = 0
            for b in m {
                if b {
                    for d in 0..<k { coords[d][j] = Int64(index[d]) }
                    j += 1
                }
                var d = k - 1
                while d >= 0 {
                    index[d] += 1
                    if index[d] < shape[d] { break }
                    index[d] = 0; d -= 1
                }
            }
            return coords.map { NDArray(scalars: $0, shape: [hits]) }
        }
    }
}

/// NumPy's `start:stop:step` resolved against an axis of `size`: the first position, the
/// step, and how many positions it selects. Bounds past either end are clipped.
struct SliceBounds {
    let start: Int, step: Int, count: Int

    init(start: Int?, stop: Int?, step: Int?, size n: Int, op: String) {
        let step = step ?? 1
        dezeroCheck(step != 0, "\(op): slice step cannot be zero")
        self.step = step
        func resolve(_ v: Int, low: Int, high: Int) -> Int {
            let v = v < 0 ? v + n : v
            return Swift.min(Swift.max(v, low), high)
        }
        if step > 0 {
            let a = start.map { resolve($0, low: 0, high: n) } ?? 0
            let b = stop.map { resolve($0, low: 0, high: n) } ?? n
            self.start = a
            count = b > a ? (b - a - 1) / step + 1 : 0
        } else {
            // Walking backwards: -1 stands for "before the first element".
            let a = start.map { resolve($0, low: -1, high: n - 1) } ?? n - 1
            let b = stop.map { resolve($0, low: -1, high: n - 1) } ?? -1
            self.start = a
            count = a > b ? (a - b - 1) / (-step) + 1 : 0
        }
    }
}
