import Foundation

// The element loop shared by the built-in optimizers. Each optimizer's rule is one fused pass
// over the parameter, its gradient and its state arrays, written in place through buffer
// pointers — no temporary arrays, and one dtype switch per parameter. Large parameters are
// split over the cores.
//
// The rules take square roots of quantities that are never negative (running means of
// squares) as `x.magnitude.squareRoot()`. On Linux, `squareRoot()` lowers to the C library's
// `sqrtf`, which must set errno for a negative argument, so LLVM keeps a scalar call and does
// not vectorize the loop; through `magnitude` the argument is provably non-negative, the call
// becomes a plain `sqrtps`, and Adam's loop runs about four times faster. The value is the same.

/// One optimizer's update rule over a range of elements. `s0` and `s1` are the parameter's
/// state arrays, named by ``stateNames`` (nil when the rule keeps fewer).
protocol UpdateKernel {
    /// The names of the arrays the rule keeps per parameter, in the order `s0`, `s1`: the
    /// names saved optimizer states and checkpoints use (`m`, `v` for Adam).
    static var stateNames: [String] { get }
    func run<T: NDFloat>(_ range: Range<Int>, param p: UnsafeMutablePointer<T>, grad g: UnsafePointer<T>,
                         state s0: UnsafeMutablePointer<T>?, _ s1: UnsafeMutablePointer<T>?)
}

extension Optimizer {
    /// Applies `kernel` to `param` (which has a gradient) and its state arrays in place.
    ///
    /// A gradient wider than the parameter (float64 for float32 weights: a float64 input, as in
    /// the book's Steps 44–47) is not rounded first: the step is taken in float64 and the
    /// weights and state are rounded once, as NumPy does DeZero's `param.data -= lr * grad`.
    func apply<K: UpdateKernel>(_ kernel: K, to param: Parameter) {
        guard var grad = param.grad?.data else { return }
        let name = type(of: self)
        dezeroCheck(param.dtype.isFloatingPoint, "\(name): parameter has dtype \(param.dtype); only float parameters can be trained")
        dezeroCheck(grad.shape == param.shape,
                    "\(name): gradient of shape \(shapeDescription(grad.shape)) for a parameter of shape \(shapeDescription(param.shape))")
        let slot = K.stateNames.isEmpty ? nil : self.slot(for: param, count: K.stateNames.count)
        let wide = DType.promote(param.dtype, grad.dtype)
        guard wide == param.dtype else { return applyWidened(kernel, to: param, grad: grad, slot: slot, in: wide) }
        if grad.dtype != param.dtype { grad = grad.astype(param.dtype) }
        Self.runLoop(kernel, param, grad, slot)
    }

    /// Takes the step in `wide` on copies of the weights and state, then rounds them back once.
    private func applyWidened<K: UpdateKernel>(_ kernel: K, to param: Parameter, grad: NDArray,
                                               slot: OptimizerSlot?, in wide: DType) {
        let narrow = param.dtype
        let wideParam = Parameter(param.data.astype(wide))
        let wideSlot = slot.map { OptimizerSlot(param: wideParam, arrays: [$0.first.astype(wide), $0.second.astype(wide)]) }
        Self.runLoop(kernel, wideParam, grad.astype(wide), wideSlot)
        param.data = wideParam.data.astype(narrow)
        if let slot, let wideSlot {
            slot.first = wideSlot.first.astype(narrow)
            slot.second = wideSlot.second.astype(narrow)
        }
    }

    /// The fused loop for the parameter's dtype (gradient and state of the same dtype).
    private static func runLoop<K: UpdateKernel>(_ kernel: K, _ param: Parameter, _ grad: NDArray, _ slot: OptimizerSlot?) {
        if param.dtype == .float32 {
            UpdateLoop.run(kernel, Float.self, param, grad, slot, slotCount: K.stateNames.count)
        } else {
            UpdateLoop.run(kernel, Double.self, param, grad, slot, slotCount: K.stateNames.count)
        }
    }
}

enum UpdateLoop {
    /// Elements per thread below which splitting costs more than it saves (a few µs to wake a
    /// thread, against about a nanosecond per element of Adam's rule).
    static let grain = 1 << 16

    static func run<K: UpdateKernel, T: NDFloat>(_ kernel: K, _: T.Type, _ param: Parameter, _ grad: NDArray,
                                                 _ slot: OptimizerSlot?, slotCount: Int) {
        let n = param.data.count
        guard n > 0 else { return }
        grad.withUnsafeBufferPointer(as: T.self) { g in
            param.data.withUnsafeMutableBufferPointer(as: T.self) { p in
                withState(slot, slotCount, T.self) { s0, s1 in
                    let (pp, gp) = (p.baseAddress!, g.baseAddress!)
                    forRanges(n) { range in kernel.run(range, param: pp, grad: gp, state: s0, s1) }
                }
            }
        }
    }

    /// Mutable pointers to the first `count` state arrays of `slot`.
    private static func withState<T: NDFloat>(_ slot: OptimizerSlot?, _ count: Int, _: T.Type,
                                              _ body: (UnsafeMutablePointer<T>?, UnsafeMutablePointer<T>?) -> Void) {
        guard let slot, count > 0 else { return body(nil, nil) }
        slot.first.withUnsafeMutableBufferPointer(as: T.self) { a in
            if count == 1 { return body(a.baseAddress, nil) }
            slot.second.withUnsafeMutableBufferPointer(as: T.self) { b in body(a.baseAddress, b.baseAddress) }
        }
    }

    /// Calls `body` over `0..<n`, split into one contiguous range per thread when large
    /// (`Parallel`, with the process's thread count).
    private static func forRanges(_ n: Int, _ body: (Range<Int>) -> Void) {
        Parallel.forRanges(n, chunks: min(Parallel.threads, n / grain), body)
    }
}
