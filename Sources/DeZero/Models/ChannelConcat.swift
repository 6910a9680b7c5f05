/// Joins variables along one axis (SqueezeNet's Fire module joins its two expand branches
/// along the channels). The gradient of each input is its slice of the output's gradient,
/// taken with differentiable indexing, so higher-order gradients work too.
final class ZooConcatenate: Function {
    let axis: Int
    @exclusivity(unchecked) private var sizes: [Int] = []

    init(axis: Int) { self.axis = axis }

    override func forward(_ xs: [NDArray]) -> [NDArray] {
        sizes = xs.map { $0.shape[axis] }
        return [concatenate(xs, axis: axis)]
    }

    override func backward(_ gys: [Variable]) -> [Variable?] {
        let gy = gys[0]
        var start = 0
        return sizes.map { size in
            var index = Array(repeating: NDIndex.all, count: gy.ndim)
            index[axis] = .range(start..<(start + size))
            start += size
            return getItem(gy, index)
        }
    }
}

/// `xs` joined along `axis` (non-negative), differentiable.
func zooConcatenate(_ xs: [Variable], axis: Int) -> Variable {
    dezeroCheck(!xs.isEmpty && xs.allSatisfy { axis >= 0 && axis < $0.ndim },
                "concatenate: axis \(axis) out of range for shapes \(xs.map { shapeDescription($0.shape) }.joined(separator: ", "))")
    guard Config.enableBackprop else { return Variable(concatenate(xs.map(\.data), axis: axis)) }
    return ZooConcatenate(axis: axis)(xs)[0]
}
