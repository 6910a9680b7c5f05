// Arithmetic on two 0-d arrays of one dtype, straight from their inline bits: the book's
// scalar examples and the autograd benchmarks spend most of their array time here, and the
// general broadcasting machinery costs several times the arithmetic itself.

extension NDArray {
    /// The inline value of a 0-d array, if it has one.
    @inlinable
    var inlineScalarBits: UInt64? {
        guard shape.isEmpty, case .inline(let bits) = buffer else { return nil }
        return bits
    }

    /// Applies a binary operation to two 0-d arrays of the same float dtype; `nil` otherwise.
    @inlinable @inline(__always)
    static func scalarFastPath(_ a: NDArray, _ b: NDArray,
                               _ ff: (Float, Float) -> Float, _ fd: (Double, Double) -> Double) -> NDArray? {
        guard a.dtype == b.dtype, let x = a.inlineScalarBits, let y = b.inlineScalarBits else { return nil }
        switch a.dtype {
        case .float64:
            let r = fd(Double(bitPattern: x), Double(bitPattern: y))
            return NDArray(buffer: .inline(r.bitPattern), shape: [], strides: [], dtype: .float64)
        case .float32:
            let r = ff(Float(bitPattern: UInt32(truncatingIfNeeded: x)), Float(bitPattern: UInt32(truncatingIfNeeded: y)))
            return NDArray(buffer: .inline(UInt64(r.bitPattern)), shape: [], strides: [], dtype: .float32)
        default:
            return nil
        }
    }

    /// Applies a unary float function to a 0-d float array; `nil` otherwise.
    @inlinable @inline(__always)
    func scalarFastPath(_ ff: (Float) -> Float, _ fd: (Double) -> Double) -> NDArray? {
        guard let x = inlineScalarBits else { return nil }
        switch dtype {
        case .float64:
            return NDArray(buffer: .inline(fd(Double(bitPattern: x)).bitPattern), shape: [], strides: [], dtype: .float64)
        case .float32:
            let r = ff(Float(bitPattern: UInt32(truncatingIfNeeded: x)))
            return NDArray(buffer: .inline(UInt64(r.bitPattern)), shape: [], strides: [], dtype: .float32)
        default:
            return nil
        }
    }
}
