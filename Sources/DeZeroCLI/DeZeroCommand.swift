import ArgumentParser
import DeZero

@main
struct DeZeroCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dezero",
        abstract: "DeZero for Swift: define-by-run autodiff and deep learning.",
        version: "0.1.0",
        subcommands: [TrainCommand.self, EvalCommand.self, GraphCommand.self],
        defaultSubcommand: nil
    )
}
