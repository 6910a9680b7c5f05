// swift-tools-version: 6.1
import PackageDescription

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
        .testTarget(name: "DeZeroTests", dependencies: ["DeZero"]),
        // Runs the built `dezero` executable as a user would.
        .testTarget(name: "DeZeroCLITests", dependencies: ["DeZeroCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
