import DeZero

// Helpers shared by the tensor-function tests.

/// `op(x)` times fixed pseudo-random weights of the output's shape, so that a gradient check
/// (which sums the output) sees each output element with a different weight and would catch
/// a gradient sent to the wrong place.
func weightedOutput(_ op: @escaping (Variable) -> Variable, seed: Int = 99) -> (Variable) -> Variable {
    { x in
        let y = op(x)
        return y * sampleArray(y.shape, seed: seed)
    }
}

/// The gradient of `Σ w·op(x)³` with respect to `x`, computed by backward with `createGraph`,
/// as a function of `x`. Its gradient (checked numerically) runs through the backward of
/// `op` a second time, so it fails if that backward is not built from differentiable functions.
func createGraphGradientOfCubed(_ op: @escaping (Variable) -> Variable, seed: Int = 98) -> (Variable) -> Variable {
    { x in
        let y = op(x)
        let loss = sum(y * y * y * sampleArray(y.shape, seed: seed))
        loss.backward(createGraph: true)
        let g = x.grad!
        x.clearGrad()
        return g
    }
}

/// The gradient of `Σ w·f(x)` with respect to `x` (for functions that are not linear).
func createGraphGradient(_ f: @escaping (Variable) -> Variable, seed: Int = 97) -> (Variable) -> Variable {
    { x in
        let y = f(x)
        let loss = sum(y * sampleArray(y.shape, seed: seed))
        loss.backward(createGraph: true)
        let g = x.grad!
        x.clearGrad()
        return g
    }
}

/// Element-by-element closeness of two arrays' values, for hand-computed expectations.
func valuesAgree(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * Swift.max(1, abs($1)) }
}
