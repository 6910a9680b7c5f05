// Arrays filled with one value: zeros, ones, full and their *Like forms (NumPy's names and
// defaults: float64 unless a dtype is given).

extension NDArray {
    /// An array of `shape` with every element `value`, converted to `dtype`
    /// (int64 truncates toward zero, bool is `value != 0`).
    ///
    /// ```swift
    /// NDArray.full([2, 2], value: 0.5)                   // float64
    /// NDArray.full([3], value: 1, dtype: .float32)
    /// ```
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float64) -> NDArray {
        switch dtype {
        case .float32: return filled(shape, Float(value))
        case .float64: return filled(shape, value)
        case .int64: return filled(shape, Int64(fromDouble: value))
        case .bool: return filled(shape, value != 0)
        }
    }

    /// An array of `shape` filled with an integer `value`: int64 by default, as NumPy's
    /// `full(shape, 7)`; other dtypes convert the integer directly (no detour through Double).
    ///
    /// ```swift
    /// NDArray.full([3], value: 7)                   // array([7, 7, 7])
    /// NDArray.full([2], value: n, dtype: .float32)  // an Int variable, float32 result
    /// ```
    public static func full(_ shape: [Int], value: Int, dtype: DType = .int64) -> NDArray {
        switch dtype {
        case .float32: return filled(shape, Float(value))
        case .float64: return filled(shape, Double(value))
        case .int64: return filled(shape, Int64(value))
        case .bool: return filled(shape, value != 0)
        }
    }

    /// A bool array of `shape` filled with `value` (a mask).
    public static func full(_ shape: [Int], value: Bool) -> NDArray { filled(shape, value) }

    /// Zeros of `shape` (NumPy's `zeros`).
    ///
    /// ```swift
    /// NDArray.zeros([2, 3])                      // float64
    /// NDArray.zeros([10], dtype: .float32)
    /// ```
    public static func zeros(_ shape: [Int], dtype: DType = .float64) -> NDArray {
        // Zero is the all-zero bit pattern in every dtype, so one memset fills any of them.
        makeRaw(dtype: dtype, shape: shape) { p, n in p.initializeMemory(as: UInt8.self, repeating: 0, count: n * dtype.itemSize) }
    }

    /// Zeros, with the shape given as separate sizes: `NDArray.zeros(2, 3)`.
    public static func zeros(_ shape: Int..., dtype: DType = .float64) -> NDArray { zeros(shape, dtype: dtype) }

    /// Ones of `shape` (NumPy's `ones`).
    ///
    /// ```swift
    /// NDArray.ones([2, 2], dtype: .float32)
    /// ```
    public static func ones(_ shape: [Int], dtype: DType = .float64) -> NDArray { full(shape, value: 1.0, dtype: dtype) }

    /// Ones, with the shape given as separate sizes: `NDArray.ones(2, 3)`.
    public static func ones(_ shape: Int..., dtype: DType = .float64) -> NDArray { ones(shape, dtype: dtype) }

    /// Zeros with the shape of `other` and its dtype, or `dtype` when given.
    ///
    /// ```swift
    /// let g = NDArray.zerosLike(x)   // DeZero's np.zeros_like(x) for gradients
    /// ```
    public static func zerosLike(_ other: NDArray, dtype: DType? = nil) -> NDArray {
        zeros(other.shape, dtype: dtype ?? other.dtype)
    }

    /// Ones with the shape of `other` and its dtype, or `dtype` when given.
    public static func onesLike(_ other: NDArray, dtype: DType? = nil) -> NDArray {
        ones(other.shape, dtype: dtype ?? other.dtype)
    }

    /// `value` everywhere, with the shape of `other` and its dtype, or `dtype` when given.
    ///
    /// ```swift
    /// NDArray.fullLike(x, value: 0.5)
    /// ```
    public static func fullLike(_ other: NDArray, value: Double, dtype: DType? = nil) -> NDArray {
        full(other.shape, value: value, dtype: dtype ?? other.dtype)
    }

    /// An array of `shape` whose elements are all `value`.
    @inlinable
    static func filled<T: NDScalar>(_ shape: [Int], _ value: T) -> NDArray {
        make(T.self, shape: shape) { $0.initialize(repeating: value) }
    }
}
