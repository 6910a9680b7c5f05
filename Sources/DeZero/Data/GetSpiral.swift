/// The spiral's inputs and labels as two arrays, the book's `dezero.datasets.get_spiral`
/// (Step 48 calls it before datasets become classes in Step 49). The same points as
/// ``Spiral``, which it reads: `x` is `[300, 2]` float32, `t` is `[300]` int64.
///
/// ```swift
/// let (x, t) = getSpiral(train: true)
/// print(x.shape, t.shape)   // [300, 2] [300]
/// ```
public func getSpiral(train: Bool = true) -> (x: NDArray, t: NDArray) {
    let spiral = Spiral(train: train)
    return (spiral.data, spiral.label)
}
