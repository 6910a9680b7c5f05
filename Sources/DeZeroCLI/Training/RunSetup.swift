import DeZero
import Foundation

/// What a run trains with — its data, model, optimizer and batch loader — built from a
/// configuration that passed `validate()`, once `fit(to:memoryLimit:)` has checked it against
/// the data and this machine's memory (so nothing too big is ever allocated).
struct RunSetup {
    let config: RunConfiguration
    let data: TrainingData
    let model: Model
    let optimizer: Optimizer
    let loader: DataLoader
    /// Lines for the user (a batch size clamped to the training set).
    let notes: [String]

    /// - Parameters:
    ///   - data: the dataset when already loaded; loaded from the configuration otherwise.
    ///   - checkpoint: the file the configuration was read from: a size refused then names
    ///     the file and its field, not a flag.
    init(_ config: RunConfiguration, data: TrainingData? = nil, memoryLimit: Double = MachineMemory.available,
         checkpoint: URL? = nil) throws {
        var config = config
        let data = try data ?? TrainingData.load(config)
        do {
            notes = try config.fit(to: data, memoryLimit: memoryLimit)
        } catch let error as SettingError {
            guard let checkpoint else { throw CLIFailure(error.flagMessage) }
            throw SavedFileError(path: checkpoint.path, problem: "dezero.config: " + error.savedMessage,
                                 remedy: "start the run again without --resume")
        }
        self.config = config
        self.data = data
        model = try ModelChoice.make(config)
        optimizer = OptimizerChoice.make(config, for: model)
        loader = Trainer.makeLoader(config, data)
    }
}
