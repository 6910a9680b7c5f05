import CDeZeroKernels
import Foundation

// Transcendental and other unary math. Float math runs on floats; int64 and bool inputs are
// promoted to float64 first (docs/DESIGN.md §2). Large float32 arrays (and float64 exp / log) go
// through the vectorised C kernels (AVX-512 / AVX2 chosen at run time); a one-element array
// calls the C library directly, with no allocation.

/// A contiguous-buffer kernel from CDeZeroKernels (`dz_exp_f32` …).
@usableFromInline typealias VectorKernel<T> = (UnsafePointer<T>?, UnsafeMutablePointer<T>?, Int) -> Void

extension NDArray {
    /// Runs `f32` or `f64` over the array, promoting non-float input to float64.
    @inlinable
    func floatMap<F32: ElementMap, F64: ElementMap>(_ f32: F32, _ f64: F64, grain: Int = Parallel.scalarMathGrain) -> NDArray
    where F32.In == Float, F64.In == Double {
        switch dtype {
        case .float32: return ElementwiseKernels.map(self, f32, grain: grain)
        case .float64: return ElementwiseKernels.map(self, f64, grain: grain)
        default: return astype(.float64).floatMap(f32, f64, grain: grain)
        }
    }

    /// Runs a vector kernel where one exists for the dtype (`nil`: call `ff` / `fd` element
    /// by element). One-element arrays always take the scalar function, with no allocation.
    @inlinable
    func vectorMath(_ kf: VectorKernel<Float>?, _ kd: VectorKernel<Double>?,
                    _ ff: @convention(c) (Float) -> Float,
                    _ fd: @convention(c) (Double) -> Double) -> NDArray {
        // A float64 0-d scalar (autograd's scalar graphs): the C function, nothing else.
        if dtype == .float64, let v = ElementwiseKernels.inlineScalar(self, Double.self) {
            return ElementwiseKernels.scalarArray(fd(v), shape: [])
        }
        switch dtype {
        case .float32:
            guard let kf, count > 1 else { return floatMap(CFunctionFloat(ff), CFunctionDouble(fd)) }
            return ElementwiseKernels.runVectorKernel(self, kf)
        case .float64:
            guard let kd, count > 1 else { return floatMap(CFunctionFloat(ff), CFunctionDouble(fd)) }
            return ElementwiseKernels.runVectorKernel(self, kd)
        default:
            return astype(.float64).vectorMath(kf, kd, ff, fd)
        }
    }
}

/// A C-library function (or a capture-free Swift function with C convention) per element:
/// one plain indirect call, no closure context.
@usableFromInline struct CFunctionFloat: ElementMap {
    @usableFromInline let f: @convention(c) (Float) -> Float
    @inlinable init(_ f: @convention(c) (Float) -> Float) { self.f = f }
    @inlinable func callAsFunction(_ x: Float) -> Float { f(x) }
}

/// A C-library function per float64 element; see ``CFunctionFloat``.
@usableFromInline struct CFunctionDouble: ElementMap {
    @usableFromInline let f: @convention(c) (Double) -> Double
    @inlinable init(_ f: @convention(c) (Double) -> Double) { self.f = f }
    @inlinable func callAsFunction(_ x: Double) -> Double { f(x) }
}

@usableFromInline struct SquareRootElement<T: ElementArithmetic & FloatingPoint>: ElementMap {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: T) -> T { x.squareRoot() }
}

extension ElementwiseKernels {
    /// `y = kernel(x)` for an array of dtype `T`, split over threads when large. A
    /// non-contiguous `x` is first copied into the output, which the kernel then updates in place.
    @inlinable
    static func runVectorKernel<T: NDScalar>(_ x: NDArray, _ kernel: VectorKernel<T>) -> NDArray {
        let n = x.count
        if x.isContiguous {
            return x.withUnsafeRawPointer { raw in
                let src = raw.assumingMemoryBound(to: T.self)
                return NDArray.make(T.self, shape: x.shape) { out in
                    guard n > 0, let dst = out.baseAddress else { return }
                    Parallel.forRanges(n, grain: Parallel.vectorMathGrain) { r in
                        kernel(src + r.lowerBound, dst + r.lowerBound, r.count)
                    }
                }
            }
        }
        var y = x.contiguousCopy()
        y.withUnsafeMutableBufferPointer(as: T.self) { buf in
            guard n > 0, let p = buf.baseAddress else { return }
            Parallel.forRanges(n, grain: Parallel.vectorMathGrain) { r in
                kernel(p + r.lowerBound, p + r.lowerBound, r.count)
            }
        }
        return y
    }
}

/// e raised to each element: `exp(NDArray([0, 1] as [Float]))` is `[1, 2.7182817]`.
/// int64 and bool arrays give float64.
public func exp(_ x: NDArray) -> NDArray {
    x.vectorMath(dz_exp_f32, dz_exp_f64, { Foundation.exp($0) }, { Foundation.exp($0) })
}

/// Natural logarithm of each element (`-inf` at 0, NaN below 0).
public func log(_ x: NDArray) -> NDArray {
    x.vectorMath(dz_log_f32, dz_log_f64, { Foundation.log($0) }, { Foundation.log($0) })
}

/// Hyperbolic tangent of each element.
public func tanh(_ x: NDArray) -> NDArray {
    x.vectorMath(dz_tanh_f32, nil, { Foundation.tanh($0) }, { Foundation.tanh($0) })
}

/// Sine of each element (radians).
public func sin(_ x: NDArray) -> NDArray {
    x.vectorMath(dz_sin_f32, nil, { Foundation.sin($0) }, { Foundation.sin($0) })
}

/// Cosine of each element (radians).
public func cos(_ x: NDArray) -> NDArray {
    x.vectorMath(dz_cos_f32, nil, { Foundation.cos($0) }, { Foundation.cos($0) })
}

/// The logistic function 1 / (1 + e^-x) of each element, accurate for large |x| in both
/// directions (no overflow, and e^x's precision kept for very negative x).
///
/// ```swift
/// sigmoid(NDArray([0] as [Float]))   // [0.5]
/// ```
public func sigmoid(_ x: NDArray) -> NDArray {
    x.vectorMath(dz_sigmoid_f32, nil, { scalarSigmoid($0) }, { scalarSigmoid($0) })
}

/// 1 / (1 + e^-x) without overflow: for x < 0 it is e^x / (1 + e^x).
@inlinable
func scalarSigmoid(_ x: Float) -> Float {
    let e = Foundation.exp(-Swift.abs(x))
    return (x < 0 ? e : 1) / (1 + e)
}

@inlinable
func scalarSigmoid(_ x: Double) -> Double {
    let e = Foundation.exp(-Swift.abs(x))
    return (x < 0 ? e : 1) / (1 + e)
}

/// Square root of each element (NaN below 0).
public func sqrt(_ x: NDArray) -> NDArray {
    x.floatMap(SquareRootElement<Float>(), SquareRootElement<Double>(), grain: Parallel.memoryBoundGrain)
}
