import DeZero

// Helpers shared by the convolution tests.

/// `Σ r·f(x)²` for a fixed pseudo-random `r` of the output's shape: a gradient check of it
/// sees every output element with its own weight (so a gradient sent to the wrong place
/// fails) and through a non-linear function (so a gradient that ignores the values fails).
func convWeightedSquare(_ y: Variable, seed: Int = 77) -> Variable {
    sum(y * y * sampleArray(y.shape, seed: seed))
}

/// Values all at least 0.05 apart and from zero: max pooling's choice of element does not
/// change under the ±1e-5 steps of a numerical gradient (a permutation of a grid, mixed signs).
func distinctSample(_ shape: [Int], seed: UInt64) -> NDArray {
    let n = shape.reduce(1, *)
    var rng = RandomGenerator(seed: seed)
    let order = rng.permutation(n).scalars(as: Int64.self)
    return NDArray(order.map { (Double($0) - Double(n) / 2) * 0.1 + 0.05 }, shape: shape)
}

/// The gradient of `convWeightedSquare(f(xs))` with respect to input `index`, built with
/// `createGraph` so that it can be differentiated again; the inputs' gradients are cleared.
func convGradientOf(_ f: @escaping ([Variable]) -> Variable, input index: Int) -> ([Variable]) -> Variable {
    { xs in
        convWeightedSquare(f(xs)).backward(createGraph: true)
        let g = xs[index].grad!
        for x in xs { x.clearGrad() }
        return g
    }
}
