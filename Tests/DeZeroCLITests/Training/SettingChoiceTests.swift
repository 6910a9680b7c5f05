@testable import DeZeroCLI
import Foundation
import Testing

/// The typed choices of `dezero train` (dataset, model, activation, optimizer) against the
/// saved format: checkpoints keep each choice as its name, as before the choices were enums.
@Suite("setting choices")
struct SettingChoiceTests {
    /// `dezero.config` as `dezero train --epochs 2 --hidden 16 --optimizer momentum
    /// --activation tanh` wrote it when the choices were still strings.
    static let savedByStrings = #"{"activation":"tanh","batchSize":32,"bpttLength":30,"channels":[16,32],"classes":10,"dataset":"digits","dropout":0.25,"epochs":2,"hidden":[16],"imageSize":[8,8],"inputSize":64,"lr":0.001,"model":"mlp","optimizer":"momentum","seed":0,"weightDecay":0.001}"#

    @Test("a configuration saved with string choices reads as enums and writes back the same text")
    func savedFormatIsUnchanged() throws {
        let config = try RunConfiguration.saved(in: ["dezero.config": Self.savedByStrings], path: "run", remedy: "-")
        #expect(config.dataset == .digits && config.model == .mlp)
        #expect(config.activation == .tanh && config.optimizer == .momentum)
        #expect(config.json() == Self.savedByStrings)
    }

    @Test("an unknown saved name is one line that lists the known names")
    func unknownSavedName() {
        let json = Self.savedByStrings.replacingOccurrences(of: #""optimizer":"momentum""#, with: #""optimizer":"rmsprop""#)
        #expect(throws: SavedFileError(path: "run", problem: "dezero.config: the saved optimizer is 'rmsprop'; it must be one of "
                                           + OptimizerChoice.valueList, remedy: "start again")) {
            try RunConfiguration.saved(in: ["dezero.config": json], path: "run", remedy: "start again")
        }
    }

    @Test("each dataset's default model is one of its models, and every model fits some dataset")
    func modelsPerDataset() {
        for dataset in DatasetChoice.allCases {
            #expect(dataset.models.contains(dataset.defaultModel))
            #expect(RunConfiguration.defaults(for: dataset, model: dataset.defaultModel).dataset == dataset)
        }
        #expect(Set(DatasetChoice.allCases.flatMap(\.models)) == Set(ModelChoice.allCases))
        #expect(ModelChoice(argument: "cnn") == .cnn && ModelChoice(argument: "CNN") == nil)
        #expect("\(OptimizerChoice.adadelta)" == "adadelta" && !OptimizerChoice.adadelta.hasLearningRate)
    }
}
