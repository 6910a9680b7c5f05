import Testing
@testable import DeZeroArray
@Test func placeholderBuilds() { #expect(NDArray(1.0).item() == 1) }
