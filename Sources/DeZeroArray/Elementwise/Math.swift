import Foundation

// Transcendental and other unary math. Float math runs on floats; int64 and bool inputs
// are promoted to float64 first (DESIGN.md §2).

extension NDArray {
    /// Runs a float function over the array, promoting non-float input to float64.
    @inlinable @inline(__always)
    func floatMap(_ ff: (Float) -> Float, _ fd: (Double) -> Double) -> NDArray {
        if let r = scalarFastPath(ff, fd) { return r }
        switch dtype {
        case .float32: return ElementwiseKernels.map(self, Float.self, Float.self, ff)
        case .float64: return ElementwiseKernels.map(self, Double.self, Double.self, fd)
        default: return astype(.float64).floatMap(ff, fd)
        }
    }
}

/// e raised to each element.
public func exp(_ x: NDArray) -> NDArray { x.floatMap(Foundation.exp, Foundation.exp) }
/// Natural logarithm of each element.
public func log(_ x: NDArray) -> NDArray { x.floatMap(Foundation.log, Foundation.log) }
/// Square root of each element.
public func sqrt(_ x: NDArray) -> NDArray { x.floatMap(Foundation.sqrt, Foundation.sqrt) }
/// Sine of each element (radians).
public func sin(_ x: NDArray) -> NDArray { x.floatMap(Foundation.sin, Foundation.sin) }
/// Cosine of each element (radians).
public func cos(_ x: NDArray) -> NDArray { x.floatMap(Foundation.cos, Foundation.cos) }
/// Hyperbolic tangent of each element.
public func tanh(_ x: NDArray) -> NDArray { x.floatMap(Foundation.tanh, Foundation.tanh) }
