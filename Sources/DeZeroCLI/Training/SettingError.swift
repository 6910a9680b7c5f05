/// A number or name from outside the program — a command-line flag, a field of a checkpoint's
/// saved configuration — that is out of its range. It names the setting both ways, so the
/// same check reads right for a flag (`--batch-size 0: must be at least 1`) and for a file
/// (`the saved batchSize is 0; it must be at least 1`).
struct SettingError: Error, Equatable, CustomStringConvertible {
    /// The field of ``RunConfiguration`` (the key in the saved JSON), e.g. `batchSize`.
    let field: String
    /// The command-line flag that sets it, e.g. `--batch-size`; nil for settings with no flag.
    let flag: String?
    /// The value found, as text.
    let value: String
    /// What the value must be, e.g. `must be at least 1`.
    let requirement: String

    /// As a flag problem: `--batch-size 0: must be at least 1`.
    var flagMessage: String { "\(flag ?? field) \(value): \(requirement)" }

    /// As a problem of a saved file: `the saved batchSize is 0; it must be at least 1`.
    var savedMessage: String {
        "the saved \(field) is \(value); it \(requirement)"
    }

    var description: String { flag == nil ? savedMessage : flagMessage }
}

/// Text from outside, quoted for a one-line message: control characters escaped (`\n`), and
/// cut at 100 characters, so a hostile value cannot break the message into lines or flood it.
func quotedForMessage(_ text: some StringProtocol) -> String {
    let escaped = text.unicodeScalars.prefix(100).map { $0.escaped(asASCII: false) }.joined()
    return "'" + escaped + (text.unicodeScalars.count > 100 ? "…" : "") + "'"
}
