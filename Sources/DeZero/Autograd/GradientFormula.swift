// How a built-in function states its backward once. The formula is generic over `Tensor`;
// `differentiate` runs it on arrays in a plain backward and on recorded variables under
// `createGraph`. Each built-in function's `backward(_:)` is the one line
// `differentiate(gy)`, which the compiler specializes for that function (a generic method
// reached through the class's vtable would run unspecialized, several times slower for
// scalar graphs).

/// A one-input function whose gradient is a formula of the output gradient `gy`, the input
/// `x` and the output `y`.
protocol UnaryGradient: UnaryFunction {
    func gradient<T: Tensor>(_ gy: T, x: T, y: T) -> T
}

extension UnaryGradient {
    /// The gradient of the input: on arrays when no graph is recorded, else on variables.
    @inline(__always)
    func differentiate(_ gy: Variable) -> Variable {
        guard let y = output else { dezeroFailure("\(Self.self).backward: the output is no longer alive") }
        if passRecordsGraph ?? Config.enableBackprop {
            return gradient(GraphTensor(gy), x: GraphTensor(input), y: GraphTensor(y)).variable
        }
        return Variable(gradient(gy.data, x: input.data, y: y.data))
    }
}

/// A two-input function whose gradients are formulas of the output gradient `gy` and the
/// inputs `a` and `b` (`nil` for an input that gets none).
protocol BinaryGradient: BinaryFunction {
    func gradient<T: Tensor>(_ gy: T, _ a: T, _ b: T) -> (T?, T?)
}

extension BinaryGradient {
    /// The gradients of both inputs: on arrays when no graph is recorded, else on variables.
    @inline(__always)
    func differentiate(_ gy: Variable) -> (Variable?, Variable?) {
        if passRecordsGraph ?? Config.enableBackprop {
            let (ga, gb) = gradient(GraphTensor(gy), GraphTensor(input0), GraphTensor(input1))
            return (ga?.variable, gb?.variable)
        }
        let (ga, gb) = gradient(gy.data, input0.data, input1.data)
        return (ga.map { Variable($0) }, gb.map { Variable($0) })
    }
}

/// A function of any number of inputs whose gradients are formulas of the output gradient
/// and the inputs.
protocol GradientFormula: Function {
    func gradient<T: Tensor>(_ gy: T, _ xs: [T]) -> [T?]
}

extension GradientFormula {
    /// The gradients of the inputs: on arrays when no graph is recorded, else on variables.
    @inline(__always)
    func differentiate(_ gys: [Variable]) -> [Variable?] {
        if passRecordsGraph ?? Config.enableBackprop {
            return gradient(GraphTensor(gys[0]), inputs.map(GraphTensor.init)).map { $0?.variable }
        }
        return gradient(gys[0].data, inputs.map(\.data)).map { $0.map { Variable($0) } }
    }
}
