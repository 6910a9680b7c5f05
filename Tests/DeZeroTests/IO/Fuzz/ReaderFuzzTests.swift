import Foundation
import Testing
@testable import DeZero

/// The deterministic mutation test of every reader (docs/RELIABILITY.md): a fixed seed, a few
/// thousand inputs per format made from files the library writes, each checked against the
/// invariants of ``FuzzReader/check(_:)``. For long coverage-guided runs, see Fuzz/fuzz.sh.
@Suite("reader fuzzing")
struct ReaderFuzzTests {
    static let inputsPerReader = 4000

    @Test("every mutated input gives a value or a typed error, within its size bound, the same twice",
          arguments: FuzzReader.all.map(\.name))
    func mutations(reader name: String) throws {
        let reader = try #require(FuzzReader.named(name))
        let seeds = try reader.seeds()
        // The seeds themselves must be read, or the mutants would start from nothing readable.
        for (i, seed) in seeds.enumerated() { #expect(reader.check(seed) == .accepted, "\(name) seed \(i)") }
        var mutator = Mutator(seed: 0x5EED_0000 + UInt64(name.utf8.count), seeds: seeds)
        var accepted = 0, rejected = 0, violations = 0
        var slowest = 0.0
        for i in 0 ..< Self.inputsPerReader {
            let input = mutator.next()
            let start = Date()
            let verdict = reader.check(input)
            slowest = max(slowest, Date().timeIntervalSince(start))
            switch verdict {
            case .accepted: accepted += 1
            case .rejected: rejected += 1
            case .violation(let message):
                violations += 1
                if violations <= 5 { Issue.record("\(name) input \(i) (\(input.count) bytes, first \(input.prefix(32))): \(message)") }
            }
        }
        print("fuzz \(name): \(Self.inputsPerReader) inputs, \(rejected) typed errors, \(accepted) accepted, \(violations) violations, slowest \(Int(slowest * 1000)) ms")
        #expect(violations == 0)
        // A hang shows as a slow input long before it stalls the suite.
        #expect(slowest < 2, "\(name): one input took \(slowest) s")
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        #expect(accepted > 0 && rejected > Self.inputsPerReader / 4, "\(name): \(accepted) accepted, \(rejected) rejected")
    }

    @Test("the mutator is deterministic")
    func deterministic() {
        let seeds: [[UInt8]] = [Array("{\"a\": [1, 2]}".utf8), [0x50, 0x4B, 3, 4, 9, 9, 9, 9]]
        var a = Mutator(seed: 7, seeds: seeds), b = Mutator(seed: 7, seeds: seeds)
        for _ in 0 ..< 200 { #expect(a.next() == b.next()) }
    }
}
