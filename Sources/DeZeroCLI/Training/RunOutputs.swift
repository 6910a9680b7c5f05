import DeZero
import Foundation

/// The files a finished run leaves in its output folder (besides metrics.jsonl, written as
/// the epochs go): the curves picture, the decision regions for 2-D data, and the weights.
enum RunOutputs {
    static func write(history: [EpochMetrics], config: RunConfiguration, model: Model, data: TrainingData, to folder: URL) throws {
        let svg = trainingCurvesSVG(trainLoss: history.map(\.trainLoss), testLoss: history.map(\.testLoss),
                                    trainAccuracy: history.compactMap(\.trainAccuracy), testAccuracy: history.compactMap(\.testAccuracy))
        try Data(svg.utf8).write(to: folder.appendingPathComponent("curves.svg"), options: .atomic)
        if config.inputSize == 2 && config.classes > 0 {
            try writeDecisionRegions(model: model, data: data, to: folder.appendingPathComponent("decision.svg"))
        }
        try model.saveWeights(to: folder.appendingPathComponent("model.safetensors"),
                              metadata: ["dezero.config": config.json(), "format": "dezero-swift"])
    }

    /// Colours a grid over the training points by the class the model predicts there.
    static func writeDecisionRegions(model: Model, data: TrainingData, to url: URL) throws {
        let all = data.train.batch(Array(0..<data.train.count))
        let grid = DecisionGrid(covering: all.x, resolution: 150)
        let scores = withNoGrad { withTestMode { model(Variable(grid.inputs.astype(all.x.dtype))) } }
        let predictions = scores.data.argmax(axis: 1)
        try Data(grid.svg(predictions: predictions, data: all.x, labels: all.t).utf8).write(to: url, options: .atomic)
    }
}
