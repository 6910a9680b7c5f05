/// A node of the computational graph: an array plus the gradient flowing back into it.
///
/// Every operation on variables records the ``Function`` that made its output (define-by-run),
/// so ``backward(retainGrad:createGraph:)`` can walk the graph back to the inputs.
///
/// ```swift
/// let x = Variable(0.5)                 // float64, like np.array(0.5)
/// let y = square(exp(square(x)))
/// y.backward()
/// print(x.grad!)                        // variable(3.297442541400256)
/// ```
public class Variable {
    /// The value. Settable, as DeZero's `x.data -= lr * x.grad.data`.
    @exclusivity(unchecked) public var data: NDArray
    /// A label for graphs and weight files.
    @exclusivity(unchecked) public var name: String?
    /// The gradient of the last backward pass, itself a variable (so it can be differentiated again).
    @exclusivity(unchecked) public var grad: Variable?
    /// The function that produced this variable; `nil` for leaves and for outputs made under no-grad.
    @exclusivity(unchecked) public private(set) var creator: Function?
    /// Depth in the graph: a function runs in backward after every function of higher generation.
    @exclusivity(unchecked) public private(set) var generation = 0
    /// Position among its creator's outputs (for multi-output functions).
    @exclusivity(unchecked) var outputIndex = 0
    /// Whether gradients flow into this variable. `true` for every variable you make (DeZero's
    /// behaviour) and for parameters; `false` for data: an array the library wraps for you (a
    /// layer called on an `NDArray`, an `NDArray` or scalar operand of an operator, the
    /// starting gradient of ``backward(retainGrad:createGraph:)``), or a variable made with
    /// `requiresGrad: false`.
    ///
    /// The rule, as PyTorch's: when the graph is recorded and no input of a function requires a
    /// gradient, the function records nothing and its output has `requiresGrad == false`;
    /// otherwise the output requires a gradient. In backward, an input that does not require a
    /// gradient gets none (its ``grad`` stays `nil`), and the built-in functions skip the work
    /// for it (the gradient of a linear layer's input batch, for example). Under
    /// ``withNoGrad(_:)-(()->R)`` nothing is recorded and outputs keep the default `true`.
    ///
    /// ```swift
    /// let x = Variable(NDArray([[1, 2]] as [[Double]]), requiresGrad: false)   // a data batch
    /// let W = Parameter(NDArray([[3], [4]] as [[Double]]))
    /// let y = matmul(x, W)          // y.requiresGrad == true: W requires one
    /// y.backward()
    /// W.grad!                       // [[1], [2]]
    /// x.grad                        // nil: xᵀ·gy is computed, gy·Wᵀ is not
    /// (x * 2).requiresGrad          // false: nothing recorded
    /// ```
    @exclusivity(unchecked) public var requiresGrad: Bool

    // The autograd engine touches these fields several times per operation; dynamic
    // exclusivity checks on them cost more than the arithmetic of a scalar op, and the
    // engine never holds overlapping accesses to them, so they are unchecked.

    /// Wraps an array; `requiresGrad: false` marks it as data that gets no gradient
    /// (see ``requiresGrad``).
    public init(_ data: NDArray, name: String? = nil, requiresGrad: Bool = true) {
        self.data = data
        self.name = name
        self.requiresGrad = requiresGrad
    }

    /// A float64 scalar, like DeZero's `Variable(np.array(0.5))`.
    public convenience init(_ value: Double, name: String? = nil) { self.init(NDArray(value), name: name) }
    /// A float32 scalar.
    public convenience init(_ value: Float, name: String? = nil) { self.init(NDArray(value), name: name) }
    /// A float64 scalar from an integer literal: `Variable(2)` is `np.array(2.0)`, ready to differentiate.
    public convenience init(_ value: Int, name: String? = nil) { self.init(NDArray(Double(value)), name: name) }
    /// A float64 vector.
    public convenience init(_ values: [Double], name: String? = nil) { self.init(NDArray(values), name: name) }
    /// A float32 vector.
    public convenience init(_ values: [Float], name: String? = nil) { self.init(NDArray(values), name: name) }
    /// A float64 matrix from rows.
    public convenience init(_ rows: [[Double]], name: String? = nil) { self.init(NDArray(rows), name: name) }
    /// A float32 matrix from rows.
    public convenience init(_ rows: [[Float]], name: String? = nil) { self.init(NDArray(rows), name: name) }
    /// An int64 vector, as `np.array([1, 2, 3])` makes from integers: an array of integer
    /// literals is int64 inside a variable too (the book's Steps 37–40), while a lone
    /// `Variable(2)` stays a float64 scalar.
    ///
    /// ```swift
    /// let x = Variable([1, 2, 3])            // variable([1 2 3]), int64
    /// let y = Variable([1.0, 2.0, 3.0])      // variable([1. 2. 3.]), float64
    /// ```
    public convenience init(_ values: [Int], name: String? = nil) { self.init(NDArray(values), name: name) }
    /// An int64 matrix from rows: `Variable([[1, 2, 3], [4, 5, 6]])` is `np.array` of the same rows.
    public convenience init(_ rows: [[Int]], name: String? = nil) { self.init(NDArray(rows), name: name) }

    /// Records `function` as the maker of this variable, one generation after it.
    func setCreator(_ function: Function, index: Int = 0) {
        creator = function
        generation = function.generation + 1
        outputIndex = index
    }

    deinit {
        guard creator != nil else { return }
        // No local strong reference to the creator here: it would defeat the uniqueness
        // check in `releaseGraph` and let Swift free the chain recursively.
        creator.unsafelyUnwrapped.forgetOutput(at: outputIndex)
        releaseGraph()
    }

    /// Releases the graph behind this variable without recursion.
    ///
    /// Swift frees a chain of objects recursively (this variable's creator releases its inputs,
    /// whose creators release theirs, …), which overflows the stack for a chain of a million
    /// operations. Instead, every function that only this chain owns is unlinked here and its
    /// inputs are examined in a loop.
    private func releaseGraph() {
        var pending: [Function] = []
        Variable.detach(&creator, into: &pending)
        while let f = pending.popLast() {
            // Move each input out of the function: if nothing else holds it, it dies at the end
            // of this iteration with its creator already detached, so its deinit does not recurse.
            if var v = f.storedInput0 {
                f.storedInput0 = nil
                if isKnownUniquelyReferenced(&v) { Variable.detach(&v.creator, into: &pending) }
            }
            if var v = f.storedInput1 {
                f.storedInput1 = nil
                if isKnownUniquelyReferenced(&v) { Variable.detach(&v.creator, into: &pending) }
            }
            while var v = f.extraInputs.popLast() {
                if isKnownUniquelyReferenced(&v) { Variable.detach(&v.creator, into: &pending) }
            }
        }
    }

    private static func detach(_ slot: inout Function?, into pending: inout [Function]) {
        guard var f = slot else { return }
        slot = nil
        if isKnownUniquelyReferenced(&f) { pending.append(f) }
    }
}

// MARK: - Shape and values

extension Variable {
    /// The shape of ``data``.
    public var shape: [Int] { data.shape }
    /// Number of dimensions.
    public var ndim: Int { data.ndim }
    /// Number of elements.
    public var size: Int { data.count }
    /// Number of elements (the same as ``size``; DeZero's `len(x)` is `x.shape[0]`).
    public var count: Int { data.count }
    /// The element type.
    public var dtype: DType { data.dtype }
    /// The single element as a `Double`, like DeZero's `float(loss.data)`.
    public func item() -> Double { data.item() }
    /// All elements, row-major, converted to `T`.
    public func scalars<T: NDScalar>(as type: T.Type = T.self) -> [T] { data.scalars(as: type) }

    /// Drops the gradient (DeZero's `cleargrad`), so the next backward starts from zero.
    public func clearGrad() { grad = nil }

    /// Cuts the graph upstream of this variable: every variable that fed into it forgets its
    /// creator, so a later backward through this variable stops at its creator's inputs
    /// (truncated backpropagation through time). Iterative: works on chains of any length.
    public func unchainBackward() {
        guard let f = creator else { return }
        var stack: [Function] = [f]
        while let g = stack.popLast() {
            for input in g.inputs {
                if let c = input.creator {
                    input.creator = nil
                    stack.append(c)
                }
            }
        }
    }

    /// Cuts the link to the creator of this variable alone.
    public func unchain() { creator = nil }
}

/// A trainable variable. Layers find their parameters by this type.
public final class Parameter: Variable {}
