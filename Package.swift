// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The book companion (DESIGN.md §9): one executable target per step of the book, `step01` …
// `step60`, each in `Steps/stepNN/`. Steps with no code in the book have no folder.
// Steps 1–22 build their own Variable on the array module, as the book builds on NumPy;
// from Step 23 on they use the framework.
let stepsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Steps")
let stepNames = (1...60).map { String(format: "step%02d", $0) }.filter {
    FileManager.default.fileExists(atPath: stepsFolder.appendingPathComponent("\($0)/main.swift").path)
}
let stepTargets: [Target] = stepNames.map { name in
    let number = Int(name.dropFirst(4))!
    return .executableTarget(
        name: name,
        dependencies: [number <= 22 ? "DeZeroArray" : "DeZero"],
        path: "Steps/\(name)"
    )
}

// The libFuzzer target (Fuzz/fuzz.sh, docs/RELIABILITY.md), declared only when DEZERO_FUZZ=1:
// it has no `main` of its own and links only with -sanitize=fuzzer.
let fuzzTargets: [Target] = ProcessInfo.processInfo.environment["DEZERO_FUZZ"] == "1"
    ? [.executableTarget(name: "DeZeroFuzz", dependencies: ["DeZero"], path: "Fuzz/DeZeroFuzz")]
    : []

let package = Package(
    name: "DeZero",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DeZero", targets: ["DeZero"]),
        .library(name: "DeZeroArray", targets: ["DeZeroArray"]),
        .executable(name: "dezero", targets: ["DeZeroCLI"]),
        .executable(name: "dezero-bench", targets: ["DeZeroBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // `swift package generate-documentation --target DeZero` builds the DocC catalog.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C kernels: GEMM micro-kernels and vector math, compiled with per-function
        // target attributes (AVX2/AVX-512) and chosen at run time by CPU detection,
        // because SwiftPM forbids -march style flags in a library.
        .target(name: "CDeZeroKernels"),
        // zlib (gzip for IDX datasets): on every Linux machine Swift runs on, and in macOS's SDK.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "DeZeroArray",
            dependencies: ["CDeZeroKernels"]
        ),
        .target(
            name: "DeZero",
            dependencies: [
                "DeZeroArray",
                "CZlib",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            exclude: ["Resources/digits8x8/README.md"],
            // Compiled into the library, so `Digits()` works offline even when the binary is
            // moved without a resource bundle (DESIGN.md §8).
            resources: [
                .embedInCode("Resources/digits8x8/train-images-idx3-ubyte.gz"),
                .embedInCode("Resources/digits8x8/train-labels-idx1-ubyte.gz"),
                .embedInCode("Resources/digits8x8/t10k-images-idx3-ubyte.gz"),
                .embedInCode("Resources/digits8x8/t10k-labels-idx1-ubyte.gz"),
            ]
        ),
        .executableTarget(
            name: "DeZeroCLI",
            dependencies: [
                "DeZero",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "DeZeroBench",
            dependencies: ["DeZero"]
        ),
        .testTarget(name: "DeZeroArrayTests", dependencies: ["DeZeroArray"]),
        .testTarget(name: "DeZeroTests", dependencies: ["DeZero", "DeZeroIOProbe"]),
        // A child process for the reliability tests: killed mid-save, or reading under a memory limit.
        .executableTarget(name: "DeZeroIOProbe", dependencies: ["DeZero"], path: "Tests/DeZeroIOProbe"),
        // Runs the built `dezero` executable as a user would.
        .testTarget(name: "DeZeroCLITests", dependencies: ["DeZeroCLI"]),
        // Runs every step program and compares its output with the book's (Steps/Expected).
        .testTarget(
            name: "StepsTests",
            dependencies: stepNames.map { .target(name: $0) }
        ),
    ] + stepTargets + fuzzTargets,
    swiftLanguageModes: [.v6]
)
