// Evenly spaced values: arange (by step) and linspace (by count), with NumPy's lengths,
// dtypes and element formulas, so the values agree with NumPy's bit for bit.

extension NDArray {
    /// `0, 1, …, stop − 1` as int64 (NumPy's `arange(stop)`).
    ///
    /// ```swift
    /// NDArray.arange(5)                    // array([0, 1, 2, 3, 4])
    /// NDArray.arange(4, dtype: .float32)   // array([0., 1., 2., 3.], dtype=float32)
    /// ```
    public static func arange(_ stop: Int, dtype: DType = .int64) -> NDArray {
        arange(start: 0, stop: stop, step: 1, dtype: dtype)
    }

    /// `start, start + step, …` up to but excluding `stop`, as int64 by default.
    ///
    /// ```swift
    /// NDArray.arange(start: 10, stop: 0, step: -3)   // array([10,  7,  4,  1])
    /// ```
    public static func arange(start: Int, stop: Int, step: Int = 1, dtype: DType = .int64) -> NDArray {
        dezeroCheck(step != 0, "arange: step must not be zero")
        // ceil((stop − start) / step) in integers, and no negative lengths.
        let span = stop - start
        let n = Swift.max(step > 0 ? (span + step - 1) / step : (span + step + 1) / step, 0)
        if dtype == .int64 {  // exact integers, even beyond 2⁵³
            return make(Int64.self, shape: [n]) { buf in
                for i in 0..<n { buf[i] = Int64(start + i * step) }
            }
        }
        return steps(count: n, first: Double(start), step: Double(step), dtype: dtype, op: "arange")
    }

    /// `0.0, 1.0, …` below `stop`, as float64 (NumPy's `arange(5.0)`).
    public static func arange(_ stop: Double, dtype: DType = .float64) -> NDArray {
        arange(start: 0, stop: stop, step: 1, dtype: dtype)
    }

    /// `start, start + step, …` below `stop`, as float64 by default. As in NumPy, the length is
    /// ⌈(stop − start) / step⌉, so rounding can make `stop` appear; prefer ``linspace(_:_:count:endpoint:dtype:)``
    /// for fractional steps.
    ///
    /// ```swift
    /// NDArray.arange(start: 0, stop: 1, step: 0.25)   // array([0.  , 0.25, 0.5 , 0.75])
    /// ```
    public static func arange(start: Double, stop: Double, step: Double = 1, dtype: DType = .float64) -> NDArray {
        dezeroCheck(step != 0 && step.isFinite && start.isFinite && stop.isFinite,
                    "arange: need finite start, stop and a finite non-zero step, got \(start), \(stop), \(step)")
        let q = (stop - start) / step
        // A quotient that underflowed to zero still means one element when it is positive (NumPy).
        let length = q == 0 && stop != start ? (q.sign == .plus ? 1 : 0) : q.rounded(.up)
        dezeroCheck(length < 0x1p62, "arange: \(length) elements is too many")
        return steps(count: Swift.max(Int(length), 0), first: start, step: step, dtype: dtype, op: "arange")
    }

    /// NumPy's arange fill: the first two values are converted to `dtype`, and element i is
    /// first + i·(second − first), computed in `dtype`.
    static func steps(count n: Int, first: Double, step: Double, dtype: DType, op: String) -> NDArray {
        func fill<T: NDScalar & Numeric>(_ t: T.Type) -> NDArray {
            let a = T(fromDouble: first), d = T(fromDouble: first + step) - a
            return make(T.self, shape: [n]) { buf in
                for i in 0..<n { buf[i] = a + T(fromDouble: Double(i)) * d }
            }
        }
        switch dtype {
        case .float32: return fill(Float.self)
        case .float64: return fill(Double.self)
        case .int64:
            let a = Int64(fromDouble: first), d = Int64(fromDouble: first + step) &- a
            return make(Int64.self, shape: [n]) { buf in
                for i in 0..<n { buf[i] = a &+ Int64(i) &* d }
            }
        case .bool:
            dezeroFailure("\(op): dtype bool is not supported for ranges")
        }
    }

    /// `count` evenly spaced values from `start` to `stop` (NumPy's `linspace`); with
    /// `endpoint: false` the interval is half-open. Computed in float64 as i·step + start, with
    /// the last value exactly `stop`, then converted to `dtype` (int64 rounds down).
    ///
    /// ```swift
    /// NDArray.linspace(0, 1, count: 5)   // array([0.  , 0.25, 0.5 , 0.75, 1.  ])
    /// NDArray.linspace(-1, 1, count: 4, endpoint: false, dtype: .float32)
    /// ```
    public static func linspace(_ start: Double, _ stop: Double, count: Int = 50, endpoint: Bool = true,
                                dtype: DType = .float64) -> NDArray {
        dezeroCheck(count >= 0, "linspace: count must be non-negative, got \(count)")
        dezeroCheck(dtype != .bool, "linspace: dtype bool is not supported")
        let div = endpoint ? count - 1 : count
        let delta = stop - start
        let step = div > 0 ? delta / Double(div) : .nan
        let values = make(Double.self, shape: [count]) { buf in
            for i in 0..<count {
                let x = Double(i)
                // NumPy multiplies by the step, except when the step underflows to zero
                // (or is undefined), where it scales i/div by delta instead.
                let y: Double
                if div <= 0 { y = x * delta } else if step == 0 { y = x / Double(div) * delta } else { y = x * step }
                buf[i] = y + start
            }
            if endpoint && count > 1 { buf[count - 1] = stop }
        }
        if dtype == .int64 {
            let floored = values.scalars(as: Double.self).map { Int64(fromDouble: $0.rounded(.down)) }
            return NDArray(floored, shape: values.shape)
        }
        return values.astype(dtype)
    }
}
