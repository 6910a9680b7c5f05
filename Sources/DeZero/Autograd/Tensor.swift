// The arithmetic a gradient formula needs, shared by arrays and variables, so that each
// backward is written once: a plain backward runs it on arrays (no graph, one result variable
// instead of one per intermediate), and `backward(createGraph: true)` runs the same text on
// variables, recording it so that it can be differentiated again.

/// A value a gradient formula computes with: an ``NDArray`` (plain backward) or a ``Variable``
/// wrapped in ``GraphTensor`` (recorded backward). Only what the built-in formulas use is here.
protocol Tensor {
    var shape: [Int] { get }
    var dtype: DType { get }
    /// The array this value holds (for masks and other constants of a formula).
    var value: NDArray { get }
    /// A constant of this kind: a mask, a one-hot matrix, a converted target.
    static func constant(_ a: NDArray) -> Self

    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (x: Self) -> Self
    static func + (a: Self, b: Double) -> Self
    static func - (a: Double, b: Self) -> Self
    static func * (a: Self, b: Double) -> Self
    static func * (a: Double, b: Self) -> Self
    static func / (a: Self, b: Double) -> Self
    static func * (a: Self, mask: NDArray) -> Self
    static func ** (x: Self, c: Double) -> Self

    static func exp(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func sigmoid(_ x: Self) -> Self
    static func softmax(_ x: Self, axis: Int) -> Self
    static func matmul(_ a: Self, _ b: Self) -> Self

    func reshape(_ shape: [Int]) -> Self
    func transpose(axes: [Int]) -> Self
    func sum(axes: [Int], keepdims: Bool) -> Self
    /// Summed down to `shape` (the inverse of broadcasting); itself when the shape matches.
    func sumTo(_ shape: [Int]) -> Self
    /// Broadcast to `shape`; itself when the shape matches.
    func broadcastTo(_ shape: [Int]) -> Self

    // MARK: Fused kernels for convolution networks (conformances at the end of this file)

    /// `gy · [x > 0]`: the gradient of ReLU given its input `x` (one pass over arrays).
    static func reluGradient(_ gy: Self, input x: NDArray) -> Self
}

extension NDArray: Tensor {
    var value: NDArray { self }
    static func constant(_ a: NDArray) -> NDArray { a }
    static func exp(_ x: NDArray) -> NDArray { DeZeroArray.exp(x) }
    static func sin(_ x: NDArray) -> NDArray { DeZeroArray.sin(x) }
    static func cos(_ x: NDArray) -> NDArray { DeZeroArray.cos(x) }
    static func sigmoid(_ x: NDArray) -> NDArray { DeZeroArray.sigmoid(x) }
    static func softmax(_ x: NDArray, axis: Int) -> NDArray { Softmax(axis: axis).forward(x) }
    static func matmul(_ a: NDArray, _ b: NDArray) -> NDArray { DeZeroArray.matmul(a, b) }
}

/// A variable as a ``Tensor``: every operation of a formula on it is recorded, so the
/// gradient it computes can be differentiated again. (A wrapper, because `Variable` is an open
/// class and a protocol's `Self`-returning operators need a final type.)
struct GraphTensor: Tensor {
    let variable: Variable
    init(_ variable: Variable) { self.variable = variable }

    var shape: [Int] { variable.shape }
    var dtype: DType { variable.dtype }
    var value: NDArray { variable.data }
    static func constant(_ a: NDArray) -> GraphTensor { GraphTensor(Variable(a, requiresGrad: false)) }

    static func + (a: Self, b: Self) -> Self { Self(a.variable + b.variable) }
    static func - (a: Self, b: Self) -> Self { Self(a.variable - b.variable) }
    static func * (a: Self, b: Self) -> Self { Self(a.variable * b.variable) }
    static func / (a: Self, b: Self) -> Self { Self(a.variable / b.variable) }
    static prefix func - (x: Self) -> Self { Self(-x.variable) }
    static func + (a: Self, b: Double) -> Self { Self(a.variable + b) }
    static func - (a: Double, b: Self) -> Self { Self(a - b.variable) }
    static func * (a: Self, b: Double) -> Self { Self(a.variable * b) }
    static func * (a: Double, b: Self) -> Self { Self(a * b.variable) }
    static func / (a: Self, b: Double) -> Self { Self(a.variable / b) }
    static func * (a: Self, mask: NDArray) -> Self { Self(a.variable * Variable(mask, requiresGrad: false)) }
    static func ** (x: Self, c: Double) -> Self { Self(x.variable ** c) }

    static func exp(_ x: Self) -> Self { Self(DeZero.exp(x.variable)) }
    static func sin(_ x: Self) -> Self { Self(DeZero.sin(x.variable)) }
    static func cos(_ x: Self) -> Self { Self(DeZero.cos(x.variable)) }
    static func sigmoid(_ x: Self) -> Self { Self(DeZero.sigmoid(x.variable)) }
    static func softmax(_ x: Self, axis: Int) -> Self { Self(DeZero.softmax(x.variable, axis: axis)) }
    static func matmul(_ a: Self, _ b: Self) -> Self { Self(DeZero.matmul(a.variable, b.variable)) }

    func reshape(_ shape: [Int]) -> Self { Self(DeZero.reshape(variable, shape)) }
    func transpose(axes: [Int]) -> Self { Self(DeZero.transpose(variable, axes: axes)) }
    func sum(axes: [Int], keepdims: Bool) -> Self { Self(DeZero.sum(variable, axes: axes, keepdims: keepdims)) }
    func sumTo(_ shape: [Int]) -> Self { Self(DeZero.sumTo(variable, shape: shape)) }
    func broadcastTo(_ shape: [Int]) -> Self { Self(DeZero.broadcastTo(variable, shape: shape)) }
}

// Free spellings, so that formulas read like the book's (`gy * cos(x)`). For a Variable or an
// NDArray argument the concrete functions of the same name are chosen; these serve only the
// generic formulas.
func exp<T: Tensor>(_ x: T) -> T { T.exp(x) }
func sin<T: Tensor>(_ x: T) -> T { T.sin(x) }
func cos<T: Tensor>(_ x: T) -> T { T.cos(x) }
func sigmoid<T: Tensor>(_ x: T) -> T { T.sigmoid(x) }
func softmax<T: Tensor>(_ x: T, axis: Int) -> T { T.softmax(x, axis: axis) }
func matmul<T: Tensor>(_ a: T, _ b: T) -> T { T.matmul(a, b) }
func sumTo<T: Tensor>(_ x: T, shape: [Int]) -> T { x.sumTo(shape) }
func broadcastTo<T: Tensor>(_ x: T, shape: [Int]) -> T { x.broadcastTo(shape) }
func reshape<T: Tensor>(_ x: T, _ shape: [Int]) -> T { x.reshape(shape) }
func sum<T: Tensor>(_ x: T, axes: [Int], keepdims: Bool = false) -> T { x.sum(axes: axes, keepdims: keepdims) }

/// `x` with its last two axes exchanged (a view).
func swapLastAxes<T: Tensor>(_ x: T) -> T {
    var axes = Array(x.shape.indices)
    axes.swapAt(axes.count - 2, axes.count - 1)
    return x.transpose(axes: axes)
}

// MARK: - Fused kernels for convolution networks
// Each is one kernel on arrays and the same formula as recorded operations on variables, so
// that gradients of gradients still work.

extension NDArray {
    static func reluGradient(_ gy: NDArray, input x: NDArray) -> NDArray { DeZero.reluGradient(gy, input: x) }
}

extension GraphTensor {
    static func reluGradient(_ gy: Self, input x: NDArray) -> Self { gy * (x .> 0.0).astype(gy.dtype) }
}
