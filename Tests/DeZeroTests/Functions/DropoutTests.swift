import Testing
import DeZero

@Suite("dropout")
struct DropoutTests {
    @Test func testModeReturnsTheInputItself() {
        let x = Variable(sampleArray([3, 4], seed: 1))
        let y = withTestMode { dropout(x, dropoutRatio: 0.5) }
        #expect(y === x)
    }

    @Test func keptElementsAreScaledAndTheRestZero() {
        let x = Variable(NDArray.ones([1000], dtype: .float32))
        let y = withRandomSource(seed: 3) { dropout(x, dropoutRatio: 0.2) }
        let values = y.scalars(as: Float.self)
        #expect(y.dtype == .float32)
        // Every element is 0 or 1 / (1 - 0.2) = 1.25.
        #expect(values.allSatisfy { $0 == 0 || $0 == 1.25 })
        // About 20% dropped: 200 expected, standard deviation √(1000·0.2·0.8) ≈ 12.6.
        let dropped = values.filter { $0 == 0 }.count
        #expect((140...260).contains(dropped), "dropped \(dropped) of 1000")
    }

    @Test func theExpectedValueIsKept() {
        let x = Variable(NDArray.ones([20_000]))
        let y = withRandomSource(seed: 11) { dropout(x) }
        // Mean of 20,000 values that are 0 or 2 with equal chance: 1 ± 0.007 (one sd).
        #expect(abs(y.data.mean().item() - 1) < 0.05)
    }

    @Test func sameSeedSameMaskAndOtherSeedAnother() {
        let x = Variable(NDArray.ones([64]))
        let a = withRandomSource(seed: 5) { dropout(x) }.scalars(as: Double.self)
        let b = withRandomSource(seed: 5) { dropout(x) }.scalars(as: Double.self)
        let c = withRandomSource(seed: 6) { dropout(x) }.scalars(as: Double.self)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func successiveCallsInOneScopeDrawNewMasks() {
        let x = Variable(NDArray.ones([64]))
        let (a, b) = withRandomSource(seed: 5) { (dropout(x).scalars(as: Double.self), dropout(x).scalars(as: Double.self)) }
        #expect(a != b)
    }

    @Test func ratioZeroKeepsEverything() {
        let x = Variable(sampleArray([2, 5], seed: 2))
        let y = withRandomSource(seed: 0) { dropout(x, dropoutRatio: 0) }
        #expect(y.scalars(as: Double.self) == x.scalars(as: Double.self))
    }

    @Test func backwardIsTheScaledMask() {
        // With x all ones, y is the scaled mask itself, and so must be x's gradient.
        let x = Variable(NDArray.ones([4, 25]))
        let y = withRandomSource(seed: 8) { dropout(x, dropoutRatio: 0.6) }
        y.backward()
        let grad = x.grad!.scalars(as: Double.self)
        #expect(grad == y.scalars(as: Double.self))
        #expect(Set(grad).isSubset(of: [0, 2.5]))
        #expect(grad.contains(0) && grad.contains(2.5))
    }

    @Test func gradientCheckWithAFixedMask() {
        let mask = NDArray([2, 0, 2, 2, 0, 0, 2, 0, 2, 2, 2, 0] as [Double], shape: [3, 4])
        let f = weightedOutput { Dropout(scaledMask: mask)($0) }
        let result = gradientCheck(f, sampleArray([3, 4], seed: 4))
        #expect(result.passed, "\(result)")
        // And by hand: Σ w·mask·x has gradient w·mask.
        let x = Variable(sampleArray([3, 4], seed: 4))
        let w = sampleArray([3, 4], seed: 99)
        sum(Dropout(scaledMask: mask)(x) * w).backward()
        let expected = zip(w.scalars(as: Double.self), mask.scalars(as: Double.self)).map { $0 * $1 }
        #expect(valuesAgree(x.grad!.scalars(as: Double.self), expected))
    }

    @Test func secondDerivativeThroughTheMask() {
        // d/dx of the gradient of Σ w·(mask·x)³ is 6·w·mask³·x: checked numerically.
        let mask = NDArray([0, 1.5, 1.5, 0, 1.5, 1.5] as [Double], shape: [2, 3])
        let result = gradientCheck(createGraphGradientOfCubed { Dropout(scaledMask: mask)($0) }, sampleArray([2, 3], seed: 6))
        #expect(result.passed, "\(result)")
    }
}
