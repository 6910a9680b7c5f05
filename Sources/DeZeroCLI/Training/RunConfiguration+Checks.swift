import DeZero

/// Range checks for every setting of a run, whether it came from the command line or from a
/// checkpoint's metadata (docs/DESIGN.md §5: nothing from outside is trusted). A value that passes
/// `validate()` cannot make the trainer crash or allocate without bound; the checks that need
/// the data or the machine (batch size against the training set, memory) are in `fit(to:)`.
extension RunConfiguration {
    /// More epochs than anyone runs here; the cap keeps a damaged file from promising an
    /// endless run.
    static let maxEpochs = 1_000_000
    /// Hidden layers of an MLP or CNN.
    static let maxHiddenLayers = 64
    /// Steps of truncated backpropagation kept in one graph.
    static let maxBPTTLength = 100_000
    /// Optimizer steps a checkpoint may record: beyond 2⁵³ a Double no longer counts them
    /// exactly, and no real run gets near it (it also keeps `iteration + 1` from overflowing).
    static let maxOptimizerIteration = 1 << 53

    /// Checks every field against its range; throws the first problem found.
    func validate() throws(SettingError) {
        func fail(_ field: String, _ flag: String?, _ value: String, _ requirement: String) -> SettingError {
            SettingError(field: field, flag: flag, value: value, requirement: requirement)
        }
        // Dataset, model, activation and optimizer are enums: only known names get this far.
        guard dataset.models.contains(model) else {
            throw fail("model", "--model", quoted(model.rawValue), "does not fit \(dataset); choose one of \(ModelChoice.list(dataset.models))")
        }
        try validateHidden()
        guard (1...Self.maxEpochs).contains(epochs) else {
            throw fail("epochs", "--epochs", "\(epochs)", "must be from 1 to \(Self.maxEpochs)")
        }
        guard batchSize >= 1 else { throw fail("batchSize", "--batch-size", "\(batchSize)", "must be at least 1") }
        guard lr.isFinite && lr > 0 else { throw fail("lr", "--lr", "\(lr)", "must be a positive finite number") }
        guard weightDecay.isFinite && weightDecay >= 0 else {
            throw fail("weightDecay", "--weight-decay", "\(weightDecay)", "must be a finite number, 0 or more")
        }
        // Set from the data when a run starts; still checked, since they are read from files.
        guard inputSize >= 0 else { throw fail("inputSize", nil, "\(inputSize)", "must be 0 or more") }
        guard classes >= 0 else { throw fail("classes", nil, "\(classes)", "must be 0 or more") }
        guard imageSize.isEmpty || (imageSize.count == 2 && imageSize.allSatisfy { $0 >= 1 }) else {
            throw fail("imageSize", nil, list(imageSize), "must be empty or two sizes of at least 1")
        }
        guard (1...Self.maxBPTTLength).contains(bpttLength) else {
            throw fail("bpttLength", nil, "\(bpttLength)", "must be from 1 to \(Self.maxBPTTLength)")
        }
        guard channels.count == 2 && channels.allSatisfy({ $0 >= 1 }) else {
            throw fail("channels", nil, list(channels), "must be two channel counts of at least 1")
        }
        guard dropout.isFinite && dropout >= 0 && dropout < 1 else {
            throw fail("dropout", nil, "\(dropout)", "must be a ratio from 0 up to (not including) 1")
        }
    }

    /// An MLP needs at least one hidden layer (`--hidden ""` used to train a bare linear model
    /// without saying so); a CNN may have none; a recurrent model has exactly one size.
    private func validateHidden() throws(SettingError) {
        let value = list(hidden)
        let counts: ClosedRange<Int>, wording: String
        switch model {
        case .mlp: (counts, wording) = (1...Self.maxHiddenLayers, "must list 1 to \(Self.maxHiddenLayers) layer sizes")
        case .cnn: (counts, wording) = (0...Self.maxHiddenLayers, "must list at most \(Self.maxHiddenLayers) layer sizes")
        case .lstm, .rnn: (counts, wording) = (1...1, "must be one size for \(model) (its hidden state)")
        }
        guard counts.contains(hidden.count) else {
            throw SettingError(field: "hidden", flag: "--hidden", value: value.isEmpty ? "''" : value, requirement: wording)
        }
        guard hidden.allSatisfy({ $0 >= 1 }) else {
            throw SettingError(field: "hidden", flag: "--hidden", value: value, requirement: "must list sizes of at least 1")
        }
    }

    /// Completes a checked configuration with what the data decides (input size, classes,
    /// image size), clamps the batch size to the training set, and refuses a model that would
    /// not fit in `memoryLimit` bytes — before anything is allocated. Returns notes for the
    /// user (a clamped batch size).
    ///
    /// A batch larger than the training set becomes one batch of the whole set, as PyTorch's
    /// DataLoader gives one short batch; the time-series loader needs it, and clamping makes
    /// every dataset behave the same.
    mutating func fit(to data: TrainingData, memoryLimit: Double) throws -> [String] {
        guard data.train.count >= 1, data.test.count >= 1 else {
            throw CLIFailure("\(dataset) has \(data.train.count) training and \(data.test.count) test samples; both splits need at least one")
        }
        inputSize = data.inputSize
        classes = data.classes
        imageSize = data.imageSize
        var notes: [String] = []
        if batchSize > data.train.count {
            notes.append("note: batch size \(batchSize) is more than the \(data.train.count) training samples; each epoch is one batch of \(data.train.count)")
            batchSize = data.train.count
        }
        if model == .cnn, imageSize.count != 2 || imageSize.contains(where: { $0 < 4 }) {
            throw CLIFailure("--model cnn needs square images of at least 4×4 pixels; \(dataset) has \(inputSize) features per sample")
        }
        try ModelMemory(self).check(limit: memoryLimit)
        return notes
    }

    private func quoted(_ text: String) -> String { quotedForMessage(text) }
    private func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ",") }
}
