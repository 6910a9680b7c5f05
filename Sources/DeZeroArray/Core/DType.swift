/// The element type of an ``NDArray``, chosen at run time as in NumPy.
///
/// ```swift
/// let x = NDArray([1, 2, 3] as [Float], shape: [3])
/// x.dtype            // .float32
/// x.astype(.float64) // promotes every element
/// ```
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case float32
    case float64
    case int64
    case bool

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .float32: 4
        case .float64: 8
        case .int64: 8
        case .bool: 1
        }
    }

    /// True for float32 and float64, the dtypes that gradients and true division give.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// NumPy's name of the dtype: `"float32"`, `"float64"`, `"int64"`, `"bool"`.
    public var description: String { rawValue }

    /// The dtype NumPy-style promotion gives two array operands (docs/DESIGN.md §2):
    /// float32 with float64 gives float64; int64 or bool with a float gives that float;
    /// bool with int64 gives int64.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        switch (a, b) {
        case (.float64, _), (_, .float64): return .float64
        case (.float32, _), (_, .float32): return .float32
        case (.int64, _), (_, .int64): return .int64
        default: return .bool
        }
    }

    /// The dtype of math that needs a float (exp, division): floats stay, others give float64.
    public var floatResult: DType { isFloatingPoint ? self : .float64 }
}

/// The Swift element types an ``NDArray`` can hold. Kernels are generic over this protocol
/// and specialised once per operation, never dispatched per element.
///
/// ```swift
/// Float.dtype                       // .float32
/// Int64(fromDouble: -2.7)           // -2, truncated toward zero as NumPy casts
/// ```
public protocol NDScalar: Sendable, Equatable {
    /// The dtype of arrays holding this type.
    static var dtype: DType { get }
    /// The value NumPy's cast from float64 gives (integers truncate toward zero).
    init(fromDouble value: Double)
    /// The value as a float64, as NumPy's cast to float64 gives it.
    var doubleValue: Double { get }
}

extension Float: NDScalar {
    /// `.float32`.
    public static var dtype: DType { .float32 }
    /// Rounds to the nearest float32.
    @inlinable public init(fromDouble value: Double) { self = Float(value) }
    /// Exact: every float32 is a float64.
    @inlinable public var doubleValue: Double { Double(self) }
}

extension Double: NDScalar {
    /// `.float64`.
    public static var dtype: DType { .float64 }
    /// The value itself.
    @inlinable public init(fromDouble value: Double) { self = value }
    /// The value itself.
    @inlinable public var doubleValue: Double { self }
}

extension Int64: NDScalar {
    /// `.int64`.
    public static var dtype: DType { .int64 }
    /// Truncates toward zero; NaN gives 0, values beyond the range clamp to its ends.
    @inlinable public init(fromDouble value: Double) {
        // NumPy truncates toward zero; out-of-range and NaN values are clamped rather than trapping.
        if value.isNaN { self = 0 } else if value >= 9.2233720368547758e18 { self = .max }
        else if value <= -9.2233720368547758e18 { self = .min } else { self = Int64(value) }
    }
    /// Rounded to the nearest float64 beyond 2^53.
    @inlinable public var doubleValue: Double { Double(self) }
}

extension Bool: NDScalar {
    /// `.bool`.
    public static var dtype: DType { .bool }
    /// Nonzero is `true` (NaN included), as NumPy casts.
    @inlinable public init(fromDouble value: Double) { self = value != 0 }
    /// 1 for `true`, 0 for `false`.
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
}

/// Floating-point element types: the ones math kernels (exp, log, matmul) are written for.
public protocol NDFloat: NDScalar, BinaryFloatingPoint {}
extension Float: NDFloat {}
extension Double: NDFloat {}
