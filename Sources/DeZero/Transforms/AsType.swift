/// Converts an array's element type (DeZero's `AsType`), with `NDArray.astype(_:)`'s rules:
/// floats become int64 by truncation toward zero, and an array already of that type is
/// returned as it is.
///
/// ```swift
/// AsType(.float64)(NDArray([1, 2] as [Int], shape: [2]))   // [1., 2.]
/// ```
public struct AsType: ArrayTransform {
    /// The element type produced.
    public let dtype: DType

    /// - Parameter dtype: the element type produced.
    public init(_ dtype: DType = .float32) { self.dtype = dtype }

    /// `x` converted to ``dtype``.
    public func callAsFunction(_ x: NDArray) -> NDArray { x.astype(dtype) }
}

/// Converts an array to a floating-point type, float32 unless told otherwise (DeZero's
/// `ToFloat`).
///
/// ```swift
/// ToFloat()(NDArray([0, 255] as [Int], shape: [2])).dtype   // .float32
/// ```
public struct ToFloat: ArrayTransform {
    /// `.float32` or `.float64`.
    public let dtype: DType

    /// - Parameter dtype: `.float32` (the default) or `.float64`.
    public init(_ dtype: DType = .float32) {
        dezeroCheck(dtype.isFloatingPoint, "ToFloat: dtype must be float32 or float64, not \(dtype)")
        self.dtype = dtype
    }

    /// `x` converted to ``dtype``.
    public func callAsFunction(_ x: NDArray) -> NDArray { x.astype(dtype) }
}

/// Converts an array to int64, truncating floats toward zero (DeZero's `ToInt`), as class
/// labels need.
///
/// ```swift
/// ToInt()(NDArray([2.9, -2.9] as [Double], shape: [2]))   // [2, -2]
/// ```
public struct ToInt: ArrayTransform {
    /// The int64 conversion.
    public init() {}

    /// `x` as int64, floats truncated toward zero.
    public func callAsFunction(_ x: NDArray) -> NDArray { x.astype(.int64) }
}
