// Absolute value and sign.

/// Absolute value of each element; dtype unchanged (int64 `Int64.min` wraps to itself, as
/// in NumPy; bool arrays are returned as they are).
///
/// ```swift
/// abs(NDArray([-1.5, 2] as [Double]))   // [1.5, 2.]
/// ```
public func abs(_ x: NDArray) -> NDArray {
    switch x.dtype {
    case .float32: ElementwiseKernels.map(x, FloatAbsElement<Float>())
    case .float64: ElementwiseKernels.map(x, FloatAbsElement<Double>())
    case .int64: ElementwiseKernels.map(x, IntAbsElement())
    case .bool: x
    }
}

/// -1, 0 or 1 for each element by its sign (NaN stays NaN; dtype unchanged). Not defined for
/// bool arrays (NumPy refuses them too).
///
/// ```swift
/// sign(NDArray([-3, 0, 5]))   // [-1, 0, 1]
/// ```
public func sign(_ x: NDArray) -> NDArray {
    switch x.dtype {
    case .float32: return ElementwiseKernels.map(x, SignElement<Float>())
    case .float64: return ElementwiseKernels.map(x, SignElement<Double>())
    case .int64: return ElementwiseKernels.map(x, SignElement<Int64>())
    case .bool: dezeroFailure("sign: not supported for bool arrays (shape \(shapeDescription(x.shape)))")
    }
}

@usableFromInline struct FloatAbsElement<T: ElementArithmetic & FloatingPoint>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { x.magnitude }
}

@usableFromInline struct IntAbsElement: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Int64) -> Int64 { x < 0 ? 0 &- x : x }
}

@usableFromInline struct SignElement<T: ElementArithmetic>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T {
        // ±0 gives +0 (as NumPy's sign does); NaN stays NaN.
        x > .zero ? .one : x < .zero ? T.elementSubtract(.zero, .one) : x == .zero ? .zero : x
    }
}
