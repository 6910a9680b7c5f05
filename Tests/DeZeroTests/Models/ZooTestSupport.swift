import DeZero

/// Trainable parameters: all of them except BatchNorm's running statistics.
func zooTrainableCount(_ model: Layer) -> Int {
    model.namedParams.filter { !$0.key.hasSuffix("/avg_mean") && !$0.key.hasSuffix("/avg_var") }
        .reduce(0) { $0 + $1.parameter.data.count }
}

/// The shape stored under `key`, or `nil` when the model has no such key.
func zooShape(_ model: Layer, _ key: String) -> [Int]? {
    model.namedParams.first { $0.key == key }?.parameter.shape
}

/// A reproducible float32 image batch with values in [-1, 1).
func zooImages(_ shape: [Int], seed: UInt64) -> Variable {
    var g = RandomGenerator(seed: seed)
    return Variable(g.uniform(shape, low: -1, high: 1, dtype: .float32))
}
