import Testing
import DeZero
@Test func dezeroReexportsArrays() { #expect(NDArray(2.0).item() == 2) }
