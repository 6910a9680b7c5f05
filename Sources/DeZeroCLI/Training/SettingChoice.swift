import ArgumentParser

/// A setting of a run with a fixed list of values — dataset, model, optimizer, activation —
/// as an enum: the command line parses it (`--help` lists the values, a wrong one is refused
/// with the list), the configuration saves its name as text, and each message that lists the
/// choices derives them from `allCases`, so a new case appears everywhere at once.
///
/// ```swift
/// enum Colour: String, SettingChoice { case red, green }
/// Colour.valueList         // "red, green"
/// "\(Colour.red)"          // "red"
/// ```
protocol SettingChoice: RawRepresentable<String>, CaseIterable, ExpressibleByArgument, Codable, Hashable,
                        CustomStringConvertible {}

extension SettingChoice {
    /// The name on the command line and in saved files.
    var description: String { rawValue }

    /// Every value, comma-separated, in declaration order: `sgd, momentum, adagrad, …`.
    static var valueList: String { list(Array(allCases)) }

    /// Some values, comma-separated.
    static func list(_ values: [Self]) -> String { values.map(\.rawValue).joined(separator: ", ") }
}
