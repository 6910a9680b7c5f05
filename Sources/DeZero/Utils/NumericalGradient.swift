// Central differences: the reference every gradient in the project is checked against.

/// The derivative of a scalar function by central difference (the book's Step 4):
/// `(f(x + eps) − f(x − eps)) / 2eps`, elementwise for an array input.
///
/// ```swift
/// let d = numericalDiff(square, Variable(3.0))   // ≈ 6
/// ```
public func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> Variable {
    let y0 = f(Variable(x.data - eps))
    let y1 = f(Variable(x.data + eps))
    return Variable((y1.data - y0.data) / (2 * eps))
}

/// The gradient of `sum(f(inputs))` with respect to each input, by central differences,
/// one element at a time. Inputs are converted to float64 so that the differences are exact
/// enough to check gradients against.
///
/// - Returns: one float64 array per input, each with that input's shape.
public func numericalGradient(_ f: ([Variable]) -> Variable, _ inputs: [NDArray], eps: Double = 1e-5) -> [NDArray] {
    let base = inputs.map { $0.dtype == .float64 ? $0 : $0.astype(.float64) }
    func total(_ xs: [NDArray]) -> Double {
        // Not in no-grad mode: `f` may itself differentiate (checks of higher-order gradients).
        f(xs.map { Variable($0) }).data.astype(.float64).scalars(as: Double.self).reduce(0, +)
    }
    return base.indices.map { k in
        var xs = base
        var grad = [Double](repeating: 0, count: base[k].count)
        for i in 0..<grad.count {
            let original = xs[k].withUnsafeMutableBufferPointer(as: Double.self) { $0[i] }
            xs[k].withUnsafeMutableBufferPointer(as: Double.self) { $0[i] = original + eps }
            let plus = total(xs)
            xs[k].withUnsafeMutableBufferPointer(as: Double.self) { $0[i] = original - eps }
            let minus = total(xs)
            xs[k].withUnsafeMutableBufferPointer(as: Double.self) { $0[i] = original }
            grad[i] = (plus - minus) / (2 * eps)
        }
        return NDArray(grad, shape: base[k].shape)
    }
}

/// What ``gradientCheck(_:_:eps:rtol:atol:)-(_,[NDArray],_,_,_)`` found.
public struct GradientCheckResult: CustomStringConvertible, Sendable {
    /// True when every element of every gradient agreed within tolerance.
    public let passed: Bool
    /// Largest |backprop − numerical| over all elements.
    public let maxAbsoluteError: Double
    /// A line per input that failed: which input, which element, the two values.
    public let failures: [String]

    /// "gradient check passed …", or "failed" and a line per failure.
    public var description: String {
        passed ? "gradient check passed (max abs error \(maxAbsoluteError))"
            : "gradient check failed:\n" + failures.joined(separator: "\n")
    }
}

/// Compares the gradients backprop gives for `sum(f(inputs))` with central differences.
///
/// Inputs are converted to float64; an element passes when
/// `|backprop − numerical| ≤ atol + rtol·|numerical|` (NumPy's `allclose`).
///
/// ```swift
/// let result = gradientCheck({ x in tanh(x[0]) * x[1] },
///                            [NDArray([0.3, -1.2]), NDArray([2.0, 0.5])])
/// #expect(result.passed, "\(result)")
/// ```
public func gradientCheck(_ f: ([Variable]) -> Variable, _ inputs: [NDArray], eps: Double = 1e-5,
                          rtol: Double = 1e-5, atol: Double = 1e-6) -> GradientCheckResult {
    let xs = inputs.map { Variable($0.dtype == .float64 ? $0 : $0.astype(.float64)) }
    let y = f(xs)
    y.backward()
    let numerical = numericalGradient(f, inputs, eps: eps)
    var failures: [String] = []
    var worst = 0.0
    for (k, x) in xs.enumerated() {
        let expected = numerical[k].scalars(as: Double.self)
        guard let g = x.grad else {
            if expected.contains(where: { abs($0) > atol }) { failures.append("input \(k): backprop gave no gradient") }
            continue
        }
        if g.shape != x.shape {
            failures.append("input \(k): gradient shape \(shapeDescription(g.shape)) differs from input shape \(shapeDescription(x.shape))")
            continue
        }
        let got = g.data.astype(.float64).scalars(as: Double.self)
        for i in got.indices {
            let err = abs(got[i] - expected[i])
            worst = max(worst, err.isNaN ? .infinity : err)
            if !(err <= atol + rtol * abs(expected[i])) {
                failures.append("input \(k) element \(i): backprop \(got[i]), numerical \(expected[i])")
            }
        }
    }
    return GradientCheckResult(passed: failures.isEmpty, maxAbsoluteError: worst, failures: Array(failures.prefix(10)))
}

/// ``gradientCheck(_:_:eps:rtol:atol:)`` for a one-input function.
public func gradientCheck(_ f: (Variable) -> Variable, _ input: NDArray, eps: Double = 1e-5,
                          rtol: Double = 1e-5, atol: Double = 1e-6) -> GradientCheckResult {
    gradientCheck({ f($0[0]) }, [input], eps: eps, rtol: rtol, atol: atol)
}
