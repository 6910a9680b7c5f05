import DeZero
@testable import DeZeroCLI
import Foundation
import Testing

/// The checkpoint reader against damaged and hostile metadata: every mutant of a real
/// checkpoint's metadata must give a typed, one-line error or a configuration that is in range
/// and restores — never a trap (which would end this test process) or a huge allocation.
@Suite("checkpoint metadata under mutation")
struct CheckpointMutationTests {
    /// Memory the mutants may claim. Small, so that no accepted mutant can allocate much here.
    static let memoryLimit = 64e6

    /// Raw JSON literals put in place of one field of the saved configuration.
    static let jsonLiterals = [
        "0", "-1", "-5", "1", "2", "3", "7", "1000000000", "100000000", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "18446744073709551616", "1e308", "-1e308", "1e400", "-1e400", "1e-400", "1e-308",
        "0.5", "2.0", "1.5e3", "-0", "-0.0", "NaN", "Infinity", "\"x\"", "\"\"", "\"digits\"", "\"spiral\"",
        "\"sincurve\"", "\"mnist\"", "\"cnn\"", "\"lstm\"", "\"relu\"", "\"sgd\"", "\"adadelta\"", "\"1\"",
        "\"\\u0000\\n\"", "true", "false", "null", "[]", "[0]", "[-5]", "[1000000000]", "[1,2,3]", "[16]", "[16,32]",
        "[8,8]", "[1,1]", "[3,3]", "[[1]]", "[\"a\"]", "[1.5]", "[null]", "{}", "{\"a\":1}",
    ]

    /// Strings put in place of the other metadata fields.
    static let fieldValues = [
        "", "0", "1", "2", "-1", "9223372036854775807", "9223372036854775808", "9007199254740992", "9007199254740993",
        "1e3", "abc", " 1", "1 ", "+1", "0x1", "١", "99999999999999999999", "0,0,0,0", "1,2,3", "1,2,3,4", "1,2,3,4,5",
        "1,,2,3", "-1,2,3,4", "18446744073709551615,1,1,1", "18446744073709551616,1,1,1", "a,b,c,d", ",,,",
        "1,2,3,4,", "\n", String(repeating: "9", count: 5000),
    ]

    static let metadataKeys = ["dezero.epoch", "dezero.optimizer_iteration", "dezero.loader_state", "dezero.noise_state"]

    enum Outcome { case accepted, refused }

    @Test("2000 mutants of a real checkpoint's metadata: each a typed one-line error or a valid, restorable run")
    func mutants() throws {
        let dir = try makeTemporaryDirectory()
        let run = try runDezero(["train", "--epochs", "1", "--hidden", "16", "--output", "run"], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let url = dir.appendingPathComponent("run/\(Checkpoint.fileName)")
        let (tensors, metadata) = try Safetensors.read(from: url)
        let original = try #require(metadata["dezero.config"])
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])

        // The unmutated checkpoint is accepted: the test can tell acceptance from refusal.
        var datasets: [DatasetChoice: TrainingData] = [:]
        #expect(try attempt(metadata, tensors: tensors, datasets: &datasets) == .accepted)

        var generator = RandomGenerator(seed: 20_240_909)
        var accepted = 0, refused = 0
        for _ in 0..<2000 {
            var mutant = metadata
            for _ in 0..<(1 + generator.nextInt(in: 0..<3)) {
                mutate(&mutant, fields: fields, original: original, generator: &generator)
            }
            switch try attempt(mutant, tensors: tensors, datasets: &datasets) {
            case .accepted: accepted += 1
            case .refused: refused += 1
            }
        }
        // Both outcomes occur in numbers: the mutations reach the checks, and benign ones pass.
        #expect(refused > 1000, "refused \(refused), accepted \(accepted)")
        #expect(accepted > 50, "refused \(refused), accepted \(accepted)")
    }

    /// Applies one random mutation: a field of the configuration JSON replaced or removed, the
    /// JSON text cut or corrupted, or another metadata field replaced or removed.
    func mutate(_ metadata: inout [String: String], fields: [String: Any], original: String, generator: inout RandomGenerator) {
        func pick<T>(_ items: [T]) -> T { items[generator.nextInt(in: 0..<items.count)] }
        let json = metadata["dezero.config"] ?? original
        switch generator.nextInt(in: 0..<10) {
        case 0..<5:  // one configuration field gets a hostile literal, or goes
            let key = pick(fields.keys.sorted())
            let literal: String? = generator.nextInt(in: 0..<12) == 0 ? nil : pick(Self.jsonLiterals)
            metadata["dezero.config"] = Self.json(fields, replacing: key, with: literal)
        case 5:  // the JSON text cut short
            let bytes = Array(json.utf8)
            metadata["dezero.config"] = String(decoding: bytes.prefix(generator.nextInt(in: 0..<max(bytes.count, 1))), as: UTF8.self)
        case 6:  // one byte of the JSON text changed
            var bytes = Array(json.utf8)
            if !bytes.isEmpty {
                bytes[generator.nextInt(in: 0..<bytes.count)] = pick(Array("0123456789-.,:[]{}\"eE x".utf8))
            }
            metadata["dezero.config"] = String(decoding: bytes, as: UTF8.self)
        case 7:  // a key of the metadata removed
            metadata[pick(Self.metadataKeys + ["dezero.config"])] = nil
        default:  // another metadata field gets a hostile value
            metadata[pick(Self.metadataKeys)] = pick(Self.fieldValues)
        }
    }

    /// The configuration as JSON text with `key`'s value replaced by a raw literal (nil: key
    /// removed), the other values as they were.
    static func json(_ fields: [String: Any], replacing key: String, with literal: String?) -> String {
        let members = fields.keys.sorted().compactMap { name -> String? in
            if name == key { return literal.map { "\"\(name)\":\($0)" } }
            let value = try! JSONSerialization.data(withJSONObject: fields[name]!, options: [.fragmentsAllowed])
            return "\"\(name)\":" + String(decoding: value, as: UTF8.self)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// What `dezero train --resume` does with a checkpoint before its first epoch: parse and
    /// check the metadata, load the data, fit the configuration to it, build the model and
    /// optimizer and restore their state. A refusal must be a typed error on one line.
    func attempt(_ metadata: [String: String], tensors: [String: NDArray], datasets: inout [DatasetChoice: TrainingData]) throws -> Outcome {
        do {
            let checkpoint = try Checkpoint.parse(metadata: metadata, tensors: tensors, path: "mutant.safetensors")
            var config = checkpoint.config
            // Only what the reader accepted reaches here: its ranges must hold.
            #expect(throws: Never.self) { try config.validate() }
            #expect((0...config.epochs).contains(checkpoint.epoch))
            let data = try datasets[config.dataset] ?? TrainingData.load(config)
            datasets[config.dataset] = data
            let url = URL(fileURLWithPath: "mutant.safetensors")
            let setup = try RunSetup(config, data: data, memoryLimit: Self.memoryLimit, checkpoint: url)
            config = setup.config
            #expect(config.batchSize >= 1 && config.batchSize <= data.train.count)
            #expect(ModelMemory(config).trainingBytes <= Self.memoryLimit)
            _ = try checkpoint.restore(model: setup.model, optimizer: setup.optimizer, loader: setup.loader, source: url)
            return .accepted
        } catch {
            let typed = error is SavedFileError || error is CLIFailure || error is WeightFileError
            #expect(typed, "untyped error \(type(of: error)): \(error)")
            let message = "\(error)"
            #expect(!message.isEmpty && !message.contains("\n"), "\(message)")
            return .refused
        }
    }
}
