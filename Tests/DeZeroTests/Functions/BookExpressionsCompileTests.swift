import Foundation
import Testing

/// The book's longer expressions, written as the book writes them (no type annotations, no
/// splitting), must type-check quickly against the built DeZero module (DESIGN.md §4).
///
/// Swift's type checker tries overload combinations for every operator and literal of an
/// expression; with several equally good scalar overloads per operator the work grows
/// exponentially, and the book's Goldstein-Price function (Step 24) once failed with "unable
/// to type-check this expression in reasonable time". This test runs `swiftc -typecheck` from
/// the toolchain that runs the tests over `BookExpressions.source`, importing the DeZero module
/// of this very build, and fails when an expression is not accepted or takes longer than
/// `expressionLimitMilliseconds` of the compiler's own measure (it also stops the solver after
/// `solverLimitSeconds`, so a regression fails in seconds instead of hanging).
@Suite("The book's expressions type-check quickly")
struct BookExpressionsCompileTests {
    static let expressionLimitMilliseconds = 2000.0
    static let solverLimitSeconds = 20

    @Test("swiftc -typecheck accepts the book's long expressions, each within the time limit",
          .enabled(if: CompilerFixture.swiftc != nil || toolsRequired))
    func bookExpressionsTypeCheckQuickly() throws {
        let swiftc = try #require(CompilerFixture.swiftc, "swiftc not found next to the swift on the PATH (DEZERO_REQUIRE_TOOLS=1)")
        let build = try #require(CompilerFixture.buildFolder,
                                 "no Modules/DeZero.swiftmodule above the test bundle; searched \(CompilerFixture.searchStarts.map(\.path))")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dezero-typecheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("BookExpressions.swift")
        try BookExpressions.source.write(to: source, atomically: true, encoding: .utf8)

        let arguments = ["-typecheck", source.path] + (try CompilerFixture.moduleArguments(build: build, scratch: folder)) + [
            "-Xfrontend", "-solver-expression-time-threshold=\(Self.solverLimitSeconds)",
            "-Xfrontend", "-debug-time-expression-type-checking",
        ]
        let run = try CompilerFixture.run(swiftc, arguments)
        #expect(run.status == 0, "swiftc -typecheck failed:\n\(run.output)")

        let times = CompilerFixture.expressionTimes(run.output, file: source.lastPathComponent)
        #expect(!times.isEmpty, "no expression timings in the compiler's output:\n\(run.output)")
        let slow = times.filter { $0.milliseconds > Self.expressionLimitMilliseconds }
        #expect(slow.isEmpty, "expressions over \(Self.expressionLimitMilliseconds) ms: \(slow)")
        // The Goldstein-Price line is the one this test exists for: it must be among the timed ones.
        let goldsteinLine = BookExpressions.lineNumber(containing: "let z = (1 + (x + y + 1) ** 2")
        #expect(times.contains { $0.line == goldsteinLine }, "Goldstein-Price (line \(goldsteinLine)) was not type-checked")
    }
}

/// Finds the compiler and the build's modules, and runs the compiler.
enum CompilerFixture {
    /// `swiftc` beside the `swift` found on the PATH (symbolic links resolved), the toolchain
    /// that built this test bundle.
    static let swiftc: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let swift = URL(fileURLWithPath: String(dir)).appendingPathComponent("swift")
            guard FileManager.default.isExecutableFile(atPath: swift.path) else { continue }
            for candidate in [swift, swift.resolvingSymlinksInPath()] {
                let swiftc = candidate.deletingLastPathComponent().appendingPathComponent("swiftc")
                if FileManager.default.isExecutableFile(atPath: swiftc.path) { return swiftc }
            }
        }
        return nil
    }()

    /// Where to start looking for the build folder: the test executable and the loaded bundles.
    static var searchStarts: [URL] {
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        starts += ([Bundle.main] + Bundle.allBundles).map { $0.bundleURL.resolvingSymlinksInPath() }
        return starts
    }

    /// The build folder holding this test bundle (`.build/<triple>/debug` or similar): the first
    /// folder above a search start that holds `Modules/DeZero.swiftmodule` (SwiftPM 5.9 and later)
    /// or `DeZero.swiftmodule` (older layouts).
    static var buildFolder: URL? {
        for start in searchStarts {
            var dir = start
            for _ in 0..<6 {
                if modulesFolder(in: dir) != nil { return dir }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }

    static func modulesFolder(in build: URL) -> URL? {
        for candidate in [build.appendingPathComponent("Modules"), build] {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("DeZero.swiftmodule").path) { return candidate }
        }
        return nil
    }

    /// The flags that let `swiftc` import DeZero as the build compiled it: its modules folder and
    /// module maps for the two C modules under it (the build's generated map of CDeZeroKernels
    /// when present, otherwise one written into `scratch` for the header in the repository).
    static func moduleArguments(build: URL, scratch: URL) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var kernelsMap = build.appendingPathComponent("CDeZeroKernels.build/module.modulemap")
        if !FileManager.default.fileExists(atPath: kernelsMap.path) {
            let header = root.appendingPathComponent("Sources/CDeZeroKernels/include/CDeZeroKernels.h")
            kernelsMap = scratch.appendingPathComponent("CDeZeroKernels.modulemap")
            try "module CDeZeroKernels {\n    umbrella header \"\(header.path)\"\n    export *\n}\n"
                .write(to: kernelsMap, atomically: true, encoding: .utf8)
        }
        let zlibMap = root.appendingPathComponent("Sources/CZlib/module.modulemap")
        return ["-I", modulesFolder(in: build)!.path,
                "-Xcc", "-fmodule-map-file=\(kernelsMap.path)", "-Xcc", "-fmodule-map-file=\(zlibMap.path)"]
    }

    struct Timing: CustomStringConvertible {
        let line: Int
        let milliseconds: Double
        var description: String { "line \(line): \(milliseconds) ms" }
    }

    /// The `-debug-time-expression-type-checking` lines for `file`: `12.34ms<TAB>/path/file.swift:19:13`.
    static func expressionTimes(_ output: String, file: String) -> [Timing] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, parts[0].hasSuffix("ms"), let ms = Double(parts[0].dropLast(2)) else { return nil }
            let location = parts[1].split(separator: ":")
            guard location.count >= 3, location[location.count - 3].hasSuffix(file),
                  let line = Int(location[location.count - 2]) else { return nil }
            return Timing(line: line, milliseconds: ms)
        }
    }

    /// Runs `program` and returns its exit status and its output (stdout and stderr together).
    static func run(_ program: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try runChild(program, arguments)
        return (run.status, run.output)
    }
}

/// The book's expressions as a program that imports DeZero: each line as the book writes it,
/// with only the changes Swift needs (`x.grad!.data` for DeZero's `x.grad.data`, a loop for
/// Python's `math.factorial`).
enum BookExpressions {
    static func lineNumber(containing text: String) -> Int {
        (source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1) + 1
    }

    static let source = #"""
import DeZero

// Step 23
func step23(_ x: Variable) -> Variable {
    let y = (x + 3) ** 2
    return y
}

// Step 24
func sphere(_ x: Variable, _ y: Variable) -> Variable {
    let z = x ** 2 + y ** 2
    return z
}
func matyas(_ x: Variable, _ y: Variable) -> Variable {
    let z = 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
    return z
}
func goldstein(_ x: Variable, _ y: Variable) -> Variable {
    let z = (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) * (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
    return z
}

// Step 27
func mySin(_ x: Variable, threshold: Double = 0.0001) -> Variable {
    var y = Variable(0.0)
    var factorial = 1.0
    for i in 0..<100000 {
        if i > 0 { factorial *= Double(2 * i) * Double(2 * i + 1) }
        let c = (i % 2 == 0 ? 1.0 : -1.0) / factorial
        let t = c * x ** (2 * i + 1)
        y = y + t
        if abs(t.item()) < threshold { break }
    }
    return y
}

// Step 28
func rosenbrock(_ x0: Variable, _ x1: Variable) -> Variable {
    let y = 100 * (x1 - x0 ** 2) ** 2 + (x0 - 1) ** 2
    return y
}
func step28(_ x0: Variable, _ x1: Variable, lr: Double) {
    x0.data -= lr * x0.grad!.data
    x1.data -= lr * x1.grad!.data
}

// Step 29
func f(_ x: Variable) -> Variable {
    let y = x ** 4 - 2 * x ** 2
    return y
}
func gx2(_ x: NDArray) -> NDArray {
    return 12 * x ** 2 - 4
}
func step29(_ x: Variable) {
    x.data -= x.grad!.data / gx2(x.data)
}

// Step 36
func step36(_ gx: Variable, _ y: Variable) -> Variable {
    let z = gx ** 3 + y
    return z
}

// Steps 37-40
func step37() -> Variable {
    let x = Variable([[1, 2, 3], [4, 5, 6]])
    let c = Variable([[10, 20, 30], [40, 50, 60]])
    let t = x + c
    return sum(t)
}

// Step 42
func step42(_ x: NDArray, _ noise: NDArray, _ W: Variable, _ b: Variable, lr: Double) -> Variable {
    let y = 5 + 2 * x + noise
    let diff = Variable(y) - (matmul(Variable(x), W) + b)
    let loss = sum(diff ** 2) / Double(diff.count)
    W.data -= lr * W.grad!.data
    return loss
}

// Step 43
func step43(_ x: NDArray, _ noise: NDArray) -> NDArray {
    let y = sin(2 * Double.pi * x) + noise
    return y
}

// Compound assignment rebinds, as Python's x += y on a Variable
func compound(_ a: Variable, _ b: Variable) -> Variable {
    var x = a
    x += b
    x *= 2
    x -= 0.5 * b
    x /= b ** 2 + 1
    return x
}
"""#
}
