// Logical and / or / xor / not on bool arrays, spelled like Swift's SIMD mask operators.
// Non-bool operands are read as `value != 0` first (NumPy's logical_and and friends).

extension NDArray {
    /// Elementwise logical and, with broadcasting: `(x .> 0) .& (x .< 1)`.
    public static func .& (a: NDArray, b: NDArray) -> NDArray {
        ElementwiseKernels.zip(a.astype(.bool), b.astype(.bool), LogicalAndElements(), op: "logical_and")
    }

    /// Elementwise logical or, with broadcasting.
    public static func .| (a: NDArray, b: NDArray) -> NDArray {
        ElementwiseKernels.zip(a.astype(.bool), b.astype(.bool), LogicalOrElements(), op: "logical_or")
    }

    /// Elementwise logical exclusive or, with broadcasting.
    public static func .^ (a: NDArray, b: NDArray) -> NDArray {
        ElementwiseKernels.zip(a.astype(.bool), b.astype(.bool), NotEqualElements<Bool>(), op: "logical_xor")
    }

    /// Elementwise logical not: `.!(x .> 0)`.
    public static prefix func .! (a: NDArray) -> NDArray {
        ElementwiseKernels.map(a.astype(.bool), LogicalNotElement())
    }
}

@usableFromInline struct LogicalAndElements: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

@usableFromInline struct LogicalOrElements: ElementZip {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

@usableFromInline struct LogicalNotElement: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: Bool) -> Bool { !a }
}
