import CDeZeroKernels

/// One reduction (sum, max, …) for one input dtype, in the two shapes every reduction takes
/// once its array is viewed as `[outer, red, inner]` (row-major, `red` the reduced extent):
/// a contiguous run (`inner == 1`: reduce `red` adjacent elements to one), or rows
/// (`inner > 1`: fold `red` rows of `inner` elements into one accumulator row, elementwise).
///
/// Kernels are types with static methods rather than closures so that every loop is
/// specialised and inlined, also inside the closures handed to worker threads.
@usableFromInline
protocol ReductionKernel {
    associatedtype Input: NDScalar
    associatedtype Output: NDScalar
    /// The kernel for a later pass over this kernel's output (multi-axis reductions).
    associatedtype Next: ReductionKernel where Next.Input == Output, Next.Output == Output
    /// The result of reducing nothing, or `nil` when that is an error (max of an empty array).
    static var identity: Output? { get }
    /// Reduces `n >= 1` contiguous elements.
    static func reduceRun(_ x: UnsafePointer<Input>, _ n: Int) -> Output
    /// Merges the results of two runs (for a run split across threads).
    static func combine(_ a: Output, _ b: Output) -> Output
    /// `acc[j] = x[j]` converted, for `j < n` (the first row).
    static func startRow(_ x: UnsafePointer<Input>, _ acc: UnsafeMutablePointer<Output>, _ n: Int)
    /// `acc[j] = combine(acc[j], x[j])` for `j < n`.
    static func foldRow(_ x: UnsafePointer<Input>, _ acc: UnsafeMutablePointer<Output>, _ n: Int)
}

extension ReductionKernel where Input == Output {
    @inlinable @inline(__always)
    static func startRow(_ x: UnsafePointer<Input>, _ acc: UnsafeMutablePointer<Output>, _ n: Int) {
        acc.update(from: x, count: n)
    }
}

// MARK: - Sums

/// float32 sum, accumulated in float64 (the caller rounds the result back to float32).
@usableFromInline enum SumFloat: ReductionKernel {
    @usableFromInline typealias Next = SumDouble
    @inlinable static var identity: Double? { 0 }
    @inlinable static func reduceRun(_ x: UnsafePointer<Float>, _ n: Int) -> Double { dz_sum_f32(x, n) }
    @inlinable static func combine(_ a: Double, _ b: Double) -> Double { a + b }
    @inlinable static func startRow(_ x: UnsafePointer<Float>, _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        for j in 0..<n { acc[j] = Double(x[j]) }
    }
    @inlinable static func foldRow(_ x: UnsafePointer<Float>, _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        dz_accumulate_f32(x, acc, n)
    }
}

@usableFromInline enum SumDouble: ReductionKernel {
    @usableFromInline typealias Next = SumDouble
    @inlinable static var identity: Double? { 0 }
    @inlinable static func reduceRun(_ x: UnsafePointer<Double>, _ n: Int) -> Double { dz_sum_f64(x, n) }
    @inlinable static func combine(_ a: Double, _ b: Double) -> Double { a + b }
    @inlinable static func foldRow(_ x: UnsafePointer<Double>, _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        for j in 0..<n { acc[j] += x[j] }
    }
}

/// int64 sum, wrapping on overflow as NumPy's does.
@usableFromInline enum SumInt: ReductionKernel {
    @usableFromInline typealias Next = SumInt
    @inlinable static var identity: Int64? { 0 }
    @inlinable static func reduceRun(_ x: UnsafePointer<Int64>, _ n: Int) -> Int64 {
        var s: Int64 = 0
        for i in 0..<n { s &+= x[i] }
        return s
    }
    @inlinable static func combine(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inlinable static func foldRow(_ x: UnsafePointer<Int64>, _ acc: UnsafeMutablePointer<Int64>, _ n: Int) {
        for j in 0..<n { acc[j] &+= x[j] }
    }
}

// MARK: - Extrema

/// Max or min over a float or integer type. A NaN anywhere wins, as in NumPy: `a > b` and
/// `a < b` are false for NaN, so the fold keeps a NaN once it holds one, and takes a new
/// one through `x != x`.
@usableFromInline protocol ExtremumKernel: ReductionKernel where Input == Output, Next == Self,
                                                                Output: Comparable {
    static var isMax: Bool { get }
}

extension ExtremumKernel {
    @inlinable static var identity: Output? { nil }
    @inlinable @inline(__always)
    static func pick(_ a: Output, _ b: Output) -> Output {
        // keep `a` when it is NaN; take `b` when it is NaN or better
        if a != a { return a }
        if b != b { return b }
        return (isMax ? b > a : b < a) ? b : a
    }
    @inlinable static func combine(_ a: Output, _ b: Output) -> Output { pick(a, b) }
    @inlinable static func foldRow(_ x: UnsafePointer<Input>, _ acc: UnsafeMutablePointer<Output>, _ n: Int) {
        for j in 0..<n {
            let v = x[j], a = acc[j]
            let better = isMax ? v > a : v < a
            acc[j] = better || (v != v) ? v : a
        }
    }
}

@usableFromInline enum MaxFloat: ExtremumKernel {
    @usableFromInline typealias Next = MaxFloat
    @inlinable static var isMax: Bool { true }
    @inlinable static func reduceRun(_ x: UnsafePointer<Float>, _ n: Int) -> Float { dz_max_f32(x, n) }
}
@usableFromInline enum MinFloat: ExtremumKernel {
    @usableFromInline typealias Next = MinFloat
    @inlinable static var isMax: Bool { false }
    @inlinable static func reduceRun(_ x: UnsafePointer<Float>, _ n: Int) -> Float { dz_min_f32(x, n) }
}
@usableFromInline enum MaxDouble: ExtremumKernel {
    @usableFromInline typealias Next = MaxDouble
    @inlinable static var isMax: Bool { true }
    @inlinable static func reduceRun(_ x: UnsafePointer<Double>, _ n: Int) -> Double { dz_max_f64(x, n) }
}
@usableFromInline enum MinDouble: ExtremumKernel {
    @usableFromInline typealias Next = MinDouble
    @inlinable static var isMax: Bool { false }
    @inlinable static func reduceRun(_ x: UnsafePointer<Double>, _ n: Int) -> Double { dz_min_f64(x, n) }
}
@usableFromInline enum MaxInt: ExtremumKernel {
    @usableFromInline typealias Next = MaxInt
    @inlinable static var isMax: Bool { true }
    @inlinable static func reduceRun(_ x: UnsafePointer<Int64>, _ n: Int) -> Int64 {
        var m = x[0]
        for i in 1..<n { m = Swift.max(m, x[i]) }
        return m
    }
}
@usableFromInline enum MinInt: ExtremumKernel {
    @usableFromInline typealias Next = MinInt
    @inlinable static var isMax: Bool { false }
    @inlinable static func reduceRun(_ x: UnsafePointer<Int64>, _ n: Int) -> Int64 {
        var m = x[0]
        for i in 1..<n { m = Swift.min(m, x[i]) }
        return m
    }
}

// MARK: - Driver

@usableFromInline
enum Reduction {
    /// Reduces contiguous `x`, viewed as `[outer, red, inner]` with `red >= 1`, into
    /// `out` (`[outer, inner]`), splitting the work over threads when it is large.
    @inlinable
    static func run<K: ReductionKernel>(_ k: K.Type, _ x: UnsafePointer<K.Input>, outer: Int, red: Int, inner: Int,
                                        into out: UnsafeMutablePointer<K.Output>) {
        let grain = Parallel.memoryBoundGrain
        if inner == 1 {
            if outer == 1 {
                let partials = Parallel.mapRanges(red, grain: grain) { r in K.reduceRun(x + r.lowerBound, r.count) }
                out[0] = partials.dropFirst().reduce(partials[0], K.combine)
            } else {
                Parallel.forRanges(outer, grain: Swift.max(1, grain / red)) { rows in
                    for o in rows { out[o] = K.reduceRun(x + o * red, red) }
                }
            }
            return
        }
        // Rows: split over `outer` when there are enough outer blocks; otherwise split each
        // block's rows, so every thread streams through a contiguous part of the input into
        // its own accumulator row, and combine those rows at the end.
        if outer >= Parallel.threads || !Parallel.wouldSplit(red * inner, grain: grain) {
            Parallel.forRanges(outer, grain: Swift.max(1, grain / (red * inner))) { blocks in
                for o in blocks {
                    foldRows(k, x + o * red * inner, red: red, stride: inner, out + o * inner, columns: 0..<inner)
                }
            }
            return
        }
        for o in 0..<outer {
            let base = x + o * red * inner, acc = out + o * inner
            let partials = Parallel.mapRanges(red, grain: Swift.max(1, grain / inner)) { rows in
                let row = UnsafeMutablePointer<K.Output>.allocate(capacity: inner)
                foldRows(k, base + rows.lowerBound * inner, red: rows.count, stride: inner, row, columns: 0..<inner)
                return UncheckedSendable(row)
            }
            acc.update(from: partials[0].value, count: inner)
            for p in partials.dropFirst() {
                for j in 0..<inner { acc[j] = K.combine(acc[j], p.value[j]) }
            }
            for p in partials { p.value.deallocate() }
        }
    }

    /// Folds `red` rows (row `r` starts at `x + r * stride`) into `acc`, on `columns` only.
    @inlinable @inline(__always)
    static func foldRows<K: ReductionKernel>(_ k: K.Type, _ x: UnsafePointer<K.Input>, red: Int, stride: Int,
                                             _ acc: UnsafeMutablePointer<K.Output>, columns: Range<Int>) {
        let c = columns.lowerBound, n = columns.count
        K.startRow(x + c, acc + c, n)
        for r in 1..<red { K.foldRow(x + r * stride + c, acc + c, n) }
    }
}
