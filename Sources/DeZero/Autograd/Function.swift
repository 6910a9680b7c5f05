/// An operation in the graph: computes outputs from inputs (forward, on arrays) and
/// gradients of inputs from gradients of outputs (backward, on variables, so that
/// backward itself can be differentiated).
///
/// Subclass ``UnaryFunction`` or ``BinaryFunction`` for one- or two-input operations, or
/// `Function` itself for any number of inputs and outputs:
///
/// ```swift
/// final class Cube: UnaryFunction {
///     override func forward(_ x: NDArray) -> NDArray { x * x * x }
///     override func backward(_ gy: Variable) -> Variable {
///         let x = input
///         return gy * 3 * x * x
///     }
/// }
/// let y = Cube()(Variable(2.0))        // variable(8.0)
/// ```
///
/// In `backward`, the recorded inputs are ``inputs`` (DeZero's `self.inputs`); a one-input
/// function reads ``UnaryFunction/input``, a two-input one ``input0`` and ``input1`` (numbered
/// like `inputs`). ``output`` is the output, for gradients written with it (`exp`, `tanh`).
/// Called in no-grad mode, or on inputs none of which requires a gradient
/// (``Variable/requiresGrad``), a function runs `forward` and records nothing. A `backward`
/// may return `nil` for an input where ``needsGradient(ofInput:)`` is false, to skip its work.
///
/// A function holds its inputs strongly and its outputs weakly, so a graph is freed when its
/// last output goes.
open class Function {
    // The first two inputs live in fields and the rest in an array, so the common one- and
    // two-input operations allocate no array per call.
    @exclusivity(unchecked) var storedInput0: Variable?
    @exclusivity(unchecked) var storedInput1: Variable?
    @exclusivity(unchecked) var extraInputs: [Variable] = []
    // Outputs are held weakly by hand: a Variable tells its creator when it dies
    // (`forgetOutput`), which costs nothing per call, unlike a Swift `weak` reference.
    @exclusivity(unchecked) unowned(unsafe) var output0: Variable?
    @exclusivity(unchecked) var extraOutputs: [OutputSlot] = []
    @exclusivity(unchecked) var outputCount = 0
    // Shape and dtype of each output of a general function, to make zero gradients for
    // outputs that received none.
    @exclusivity(unchecked) var outputSignatures: [(shape: [Int], dtype: DType)] = []
    /// The backward pass that last queued this function (so each runs once per pass).
    @exclusivity(unchecked) var visitMark: UInt64 = 0
    // Set by a backward pass around its call of `backward(_:)`: whether that pass records
    // a graph (its `createGraph`), which is the value `Config.enableBackprop` has there.
    // Built-in formulas read this instead of the task-local, which costs a lookup.
    @exclusivity(unchecked) var passRecordsGraph: Bool?

    /// Depth in the graph: the largest generation among the inputs.
    @exclusivity(unchecked) public internal(set) var generation = 0

    /// A function with nothing recorded yet.
    public init() {}

    /// The inputs of the last call, in order.
    public var inputs: [Variable] {
        var all: [Variable] = []
        if let a = storedInput0 { all.append(a) }
        if let b = storedInput1 { all.append(b) }
        return all + extraInputs
    }

    /// The outputs of the last call that are still alive (`nil` for those freed).
    public var outputs: [Variable?] {
        guard outputCount > 0 else { return [] }
        return [output0] + extraOutputs.map(\.variable)
    }

    /// The first recorded input, `inputs[0]`. For use in `backward`.
    public var input0: Variable { recordedInput(storedInput0) }

    /// The second recorded input, `inputs[1]`. For use in `backward`.
    public var input1: Variable { recordedInput(storedInput1) }

    func recordedInput(_ x: Variable?) -> Variable {
        guard let x else { dezeroFailure("\(Self.self): input is not recorded (was the function called under no-grad?)") }
        return x
    }

    /// The first output, if it is still alive. For use in `backward` (e.g. `exp`'s gradient is its output).
    public var output: Variable? { output0 }

    /// Computes outputs from inputs. Override this in direct subclasses of `Function`.
    open func forward(_ xs: [NDArray]) -> [NDArray] {
        dezeroFailure("\(Self.self) must override forward(_:)")
    }

    /// Computes the gradient of each input from the gradient of each output, with Variable
    /// operations. `nil` marks an input that gets no gradient. Override in direct subclasses.
    open func backward(_ gys: [Variable]) -> [Variable?] {
        dezeroFailure("\(Self.self) must override backward(_:)")
    }

    /// Applies the function to any number of inputs, recording the graph unless in no-grad mode.
    /// Nothing is recorded when no input requires a gradient (``Variable/requiresGrad``);
    /// the outputs then do not require one either.
    public func callAsFunction(_ inputs: [Variable]) -> [Variable] {
        let ys = forward(inputs.map(\.data)).map { Variable($0) }
        if Config.enableBackprop {
            guard inputs.contains(where: \.requiresGrad) else {
                for y in ys { y.requiresGrad = false }
                return ys
            }
            generation = inputs.map(\.generation).max() ?? 0
            storedInput0 = inputs.first
            storedInput1 = inputs.count > 1 ? inputs[1] : nil
            extraInputs = inputs.count > 2 ? Array(inputs[2...]) : []
            recordOutputs(ys)
        }
        return ys
    }

    /// Whether the recorded input at `index` (numbered like ``inputs``) requires a gradient:
    /// a backward may skip the work for an input where this is false, and its gradient is
    /// dropped anyway. False for an index with no recorded input.
    ///
    /// ```swift
    /// override func backward(_ gy: Variable) -> (Variable?, Variable?) {
    ///     (needsGradient(ofInput: 0) ? gy * input1 : nil,
    ///      needsGradient(ofInput: 1) ? gy * input0 : nil)
    /// }
    /// ```
    public final func needsGradient(ofInput index: Int) -> Bool {
        switch index {
        case 0: return storedInput0?.requiresGrad ?? false
        case 1: return storedInput1?.requiresGrad ?? false
        default:
            let i = index - 2
            return i >= 0 && i < extraInputs.count && extraInputs[i].requiresGrad
        }
    }

    /// Applies the function to each of the given inputs.
    public func callAsFunction(_ inputs: Variable...) -> [Variable] { callAsFunction(inputs) }

    func recordOutputs(_ ys: [Variable]) {
        outputCount = ys.count
        output0 = ys.first
        extraOutputs = ys.dropFirst().map { OutputSlot(variable: $0) }
        outputSignatures = ys.map { ($0.shape, $0.dtype) }
        for (i, y) in ys.enumerated() { y.setCreator(self, index: i) }
    }

    /// Records `y` as the single output, one generation after inputs of `generation`
    /// (the one- and two-input functions' path, which allocates no arrays).
    @inline(__always)
    final func recordOutput(_ y: Variable, generation: Int) {
        self.generation = generation
        output0 = y
        outputCount = 1
        y.setCreator(self)
    }

    /// Called by a dying output.
    func forgetOutput(at index: Int) {
        if index == 0 { output0 = nil } else { extraOutputs[index - 1].variable = nil }
    }

    /// Runs this function's backward during a pass: reads the output gradients, computes
    /// the input gradients and hands them to `pass`. Subclasses for fixed arity avoid arrays.
    func propagate(_ pass: inout BackwardPass) {
        var gys: [Variable] = []
        var any = false
        for (i, y) in outputs.enumerated() {
            if let g = y?.grad { gys.append(g); any = true } else {
                let sig = outputSignatures[i]
                gys.append(Variable(NDArray.zeros(sig.shape, dtype: sig.dtype)))
            }
        }
        guard any else { return }
        passRecordsGraph = pass.createGraph
        let gxs = backward(gys)
        passRecordsGraph = nil
        let xs = inputs
        dezeroCheck(gxs.count == xs.count, "\(Self.self).backward returned \(gxs.count) gradients for \(xs.count) inputs")
        for (x, gx) in zip(xs, gxs) {
            if let gx, x.requiresGrad { pass.accumulate(gx, into: x, from: self) }
        }
        if !pass.retainGrad { for y in outputs { y?.grad = nil } }
    }
}

/// A weakly held output of a multi-output function.
struct OutputSlot {
    unowned(unsafe) var variable: Variable?
}

/// A function of one variable: override ``forward(_:)-(NDArray)`` and ``backward(_:)-(Variable)``.
open class UnaryFunction: Function {
    /// Computes the output from the input.
    open func forward(_ x: NDArray) -> NDArray { dezeroFailure("\(Self.self) must override forward(_:)") }
    /// Computes the gradient of the input from the gradient of the output, with Variable operations.
    open func backward(_ gy: Variable) -> Variable { dezeroFailure("\(Self.self) must override backward(_:)") }

    public override final func forward(_ xs: [NDArray]) -> [NDArray] { [forward(xs[0])] }
    public override final func backward(_ gys: [Variable]) -> [Variable?] { [backward(gys[0])] }

    /// The input of the last call. For use in `backward`.
    public var input: Variable { recordedInput(storedInput0) }

    /// Applies the function: in no-grad mode just ``forward(_:)-(NDArray)`` on the array,
    /// otherwise recording the graph.
    @inline(__always)
    public final func callAsFunction(_ x: Variable) -> Variable {
        let y = Variable(forward(x.data))
        guard Config.enableBackprop else { return y }
        guard x.requiresGrad else {
            y.requiresGrad = false
            return y
        }
        storedInput0 = x
        recordOutput(y, generation: x.generation)
        return y
    }

    override final func propagate(_ pass: inout BackwardPass) {
        guard let y = output0, let gy = y.grad, let x = storedInput0, x.requiresGrad else { return }
        passRecordsGraph = pass.createGraph
        let gx = backward(gy)
        passRecordsGraph = nil
        pass.accumulate(gx, into: x, from: self)
        if !pass.retainGrad { y.grad = nil }
    }
}

/// A function of two variables: override ``forward(_:_:)`` and ``backward(_:)-(Variable)``,
/// which returns the gradients of both inputs (`nil` for an input that gets none).
open class BinaryFunction: Function {
    /// Computes the output from the two inputs.
    open func forward(_ a: NDArray, _ b: NDArray) -> NDArray { dezeroFailure("\(Self.self) must override forward(_:_:)") }
    /// Computes the gradients of both inputs from the gradient of the output, with Variable operations.
    open func backward(_ gy: Variable) -> (Variable?, Variable?) { dezeroFailure("\(Self.self) must override backward(_:)") }

    public override final func forward(_ xs: [NDArray]) -> [NDArray] { [forward(xs[0], xs[1])] }
    public override final func backward(_ gys: [Variable]) -> [Variable?] {
        let (ga, gb) = backward(gys[0])
        return [ga, gb]
    }

    /// The second input; renamed ``Function/input1``, zero-based like ``Function/inputs``.
    @available(*, deprecated, renamed: "input1")
    public var input2: Variable { input1 }

    /// The two inputs; use ``Function/input0`` and ``Function/input1``.
    @available(*, deprecated, message: "use input0 and input1")
    public var operands: (Variable, Variable) { (input0, input1) }

    /// Applies the function: in no-grad mode just ``forward(_:_:)`` on the arrays, otherwise
    /// recording the graph.
    @inline(__always)
    public final func callAsFunction(_ a: Variable, _ b: Variable) -> Variable {
        let y = Variable(forward(a.data, b.data))
        guard Config.enableBackprop else { return y }
        guard a.requiresGrad || b.requiresGrad else {
            y.requiresGrad = false
            return y
        }
        storedInput0 = a
        storedInput1 = b
        recordOutput(y, generation: Swift.max(a.generation, b.generation))
        return y
    }

    override final func propagate(_ pass: inout BackwardPass) {
        guard let y = output0, let gy = y.grad, let a = storedInput0, let b = storedInput1 else { return }
        passRecordsGraph = pass.createGraph
        let (ga, gb) = backward(gy)
        passRecordsGraph = nil
        if let ga, a.requiresGrad { pass.accumulate(ga, into: a, from: self) }
        if let gb, b.requiresGrad { pass.accumulate(gb, into: b, from: self) }
        if !pass.retainGrad { y.grad = nil }
    }
}
