import Testing
import Foundation
@testable import DeZeroArray

// Pinned values were computed independently with a plain-Python transcription of the
// published algorithms (Vigna's splitmix64.c and xoshiro256starstar.c at prng.di.unimi.it,
// Python integers masked to 64 bits), not with this library:
//
//   M = (1 << 64) - 1
//   def splitmix64(x):
//       x = (x + 0x9E3779B97F4A7C15) & M; z = x
//       z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
//       z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
//       return x, z ^ (z >> 31)
//   def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
//   def next(s):
//       r = (rotl((s[1] * 5) & M, 7) * 9) & M; t = (s[1] << 17) & M
//       s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
//       return r
//
// The normals come from the same script plus Marsaglia's polar method with fdlibm's log
// polynomial in Python floats (IEEE binary64, as Swift's Double), doubles as (x >> 11)·2⁻⁵³.
// splitmix64 from 0 giving 0xE220A8397B1DCDAF, and xoshiro256** from state [1, 2, 3, 4]
// giving 11520, 0, 1509978240, …, are also the test vectors other implementations publish.

@Suite struct RandomTests {
    @Test func splitMix64MatchesReference() {
        var x: UInt64 = 0
        #expect(RandomGenerator.splitMix64(&x) == 0xE220_A839_7B1D_CDAF)
    }

    @Test func xoshiroMatchesReferenceFromRawState() throws {
        var g = try #require(RandomGenerator(state: [1, 2, 3, 4]))
        let out = (0..<6).map { _ in g.next() }
        #expect(out == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600])
    }

    @Test func seedingThroughSplitMixMatchesReference() {
        var g = RandomGenerator(seed: 42)
        #expect(g.state == [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52, 0x581C_E1FF_0E4A_E394])
        #expect((0..<4).map { _ in g.next() } == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1])
        var z = RandomGenerator(seed: 0)
        #expect((0..<4).map { _ in z.next() } == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C])
    }

    @Test func uniformAndNormalValuesArePinned() {
        var g = RandomGenerator(seed: 42)
        #expect(g.uniform([3]) == NDArray([0.08386297105988216, 0.3789802506626686, 0.6800434110281394] as [Double]))
        var h = RandomGenerator(seed: 42)
        // Bit-exact: only IEEE basic operations and the library's own log are involved.
        #expect(h.normal([4]) == NDArray([-0.7262191382447857, -0.21119691823195985, 0.2216227015035933, 0.5227716877560146] as [Double]))
    }

    @Test func sameSeedSameNumbersDifferentSeedsDiffer() {
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7), c = RandomGenerator(seed: 8)
        let x = a.normal([100]), y = b.normal([100]), z = c.normal([100])
        #expect(x == y)
        #expect(x != z)
        #expect(a == b && a != c)
        #expect(a.integers(0, 1000, shape: [50]) == b.integers(0, 1000, shape: [50]))
        #expect(a.permutation(50) == b.permutation(50))
        var u = RandomGenerator(seed: 7), v = RandomGenerator(seed: 7)
        #expect(NDArray.randomNormal([3, 2], dtype: .float32, using: &u) == v.normal([3, 2], dtype: .float32))
        #expect(NDArray.randomUniform([5], low: -1, high: 1, using: &u) == v.uniform([5], low: -1, high: 1))
        #expect(NDArray.randomIntegers(0, 3, shape: [7], using: &u) == v.integers(0, 3, shape: [7]))
        #expect(NDArray.randomPermutation(9, using: &u) == v.permutation(9))
    }

    /// The block-wise array sampler must give exactly the values, and leave exactly the state,
    /// of one nextNormalPair() per pair — across block boundaries and for odd counts.
    @Test(arguments: [1, 2, 3, 255, 256, 511, 512, 513, 1001])
    func arrayNormalsEqualScalarPairs(_ n: Int) {
        var a = RandomGenerator(seed: UInt64(n)), b = a
        let x = a.normal([n], mean: 0.5, std: 3).scalars(as: Double.self)
        var expected: [Double] = []
        while expected.count < n {
            let (p, q) = b.nextNormalPair()
            expected.append(0.5 + 3 * p)
            if expected.count < n { expected.append(0.5 + 3 * q) }
        }
        #expect(x == expected)
        #expect(a == b)
    }

    @Test func float32DrawsAreRoundedFloat64Draws() {
        var a = RandomGenerator(seed: 3), b = RandomGenerator(seed: 3)
        #expect(a.normal([101], mean: 1, std: 2, dtype: .float32) == b.normal([101], mean: 1, std: 2).astype(.float32))
        #expect(a.uniform([50], dtype: .float32) == b.uniform([50]).astype(.float32))
    }

    @Test func normalSampleMomentsMatch() {
        var g = RandomGenerator(seed: 2024)
        let n = 100_000
        // Standard errors: mean 1/√n ≈ 0.0032, std ≈ 0.0022; the bounds are about 6 of them.
        for (mean, std, dtype) in [(0.0, 1.0, DType.float64), (3.0, 2.0, DType.float32)] {
            let x = g.normal([n], mean: mean, std: std, dtype: dtype).scalars(as: Double.self)
            let m = x.reduce(0, +) / Double(n)
            let s = (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n)).squareRoot()
            #expect(abs(m - mean) < 0.02 * std)
            #expect(abs(s - std) < 0.015 * std)
            // Tails: about 4.55 % of normal values lie beyond two standard deviations.
            let beyond = Double(x.filter { abs($0 - mean) > 2 * std }.count) / Double(n)
            #expect(abs(beyond - 0.0455) < 0.004)
        }
    }

    @Test func uniformStaysInHalfOpenRange() {
        var g = RandomGenerator(seed: 5)
        let x = g.uniform([100_000], low: -2, high: 3).scalars(as: Double.self)
        #expect(x.allSatisfy { $0 >= -2 && $0 < 3 })
        let mean = x.reduce(0, +) / Double(x.count)
        #expect(abs(mean - 0.5) < 0.03)  // standard error 5/√12/√n ≈ 0.0046
        #expect(x.filter { $0 < -1 }.count > 19_000 && x.filter { $0 < -1 }.count < 21_000)
        let f = g.uniform([100_000], dtype: .float32).scalars(as: Float.self)
        #expect(f.allSatisfy { $0 >= 0 && $0 < 1 })
        // A width of one ulp: low + width·u rounds to `high` for about half the draws,
        // which the sampler must keep below `high`.
        let top = 1 + Double.ulpOfOne
        let tiny = g.uniform([1000], low: 1, high: top).scalars(as: Double.self)
        #expect(tiny.allSatisfy { $0 >= 1 && $0 < top })
        #expect(g.uniform([3], low: 2, high: 2) == NDArray([2, 2, 2] as [Double]))
    }

    @Test func integersCoverTheRangeEvenly() {
        var g = RandomGenerator(seed: 11)
        let x = g.integers(-3, 7, shape: [20_000])
        #expect(x.dtype == .int64 && x.shape == [20_000])
        let values = x.scalars(as: Int64.self)
        #expect(values.allSatisfy { $0 >= -3 && $0 < 7 })
        for v in Int64(-3)..<7 {
            let k = values.filter { $0 == v }.count
            #expect(k > 1800 && k < 2200, "value \(v) drawn \(k) times of 20000")
        }
        let wide = g.integers(Int.min, Int.max, shape: [1000]).scalars(as: Int64.self)
        #expect(wide.contains { $0 < 0 } && wide.contains { $0 > 0 })
        #expect(g.integers(5, 6, shape: [4]) == NDArray([5, 5, 5, 5]))
        for _ in 0..<1000 { #expect((0..<3).contains(g.nextInt(in: 0..<3))) }
    }

    @Test func permutationIsAPermutation() {
        var g = RandomGenerator(seed: 1)
        let p = g.permutation(1000)
        #expect(p.dtype == .int64 && p.shape == [1000])
        let values = p.scalars(as: Int64.self)
        #expect(values.sorted() == Array(0..<1000))
        #expect(values != Array(0..<1000))
        #expect(g.permutation(0).shape == [0])
        #expect(g.permutation(1) == NDArray([0]))
        // Every ordering of three items appears, roughly equally often.
        var counts: [[Int64]: Int] = [:]
        for _ in 0..<6000 { counts[g.permutation(3).scalars(as: Int64.self), default: 0] += 1 }
        #expect(counts.count == 6)
        #expect(counts.values.allSatisfy { $0 > 850 && $0 < 1150 })
    }

    @Test func shuffleKeepsElementsAndIsReproducible() {
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        var x = Array("abcdefghijklmnop"), y = x
        a.shuffle(&x)
        b.shuffle(&y)
        #expect(x == y)
        #expect(x.sorted() == Array("abcdefghijklmnop"))
        #expect(x != Array("abcdefghijklmnop"))
        var empty: [Int] = []
        a.shuffle(&empty)
        #expect(empty.isEmpty)
    }

    @Test func stateSavesAndRestoresTheStream() throws {
        var g = RandomGenerator(seed: 123)
        _ = g.normal([7])
        let saved = g.state
        let first = g.uniform([5])
        g.state = saved
        #expect(g.uniform([5]) == first)
        var restored = try #require(RandomGenerator(state: saved))
        #expect(restored.uniform([5]) == first)
        #expect(RandomGenerator(state: [0, 0, 0, 0]) == nil)
        #expect(RandomGenerator(state: [1, 2, 3]) == nil)
    }

    @Test func codableRoundTripAndRejectsBadState() throws {
        var g = RandomGenerator(seed: 99)
        _ = g.next()
        let data = try JSONEncoder().encode(g)
        #expect(try JSONDecoder().decode([UInt64].self, from: data) == g.state)
        var back = try JSONDecoder().decode(RandomGenerator.self, from: data)
        #expect(back.next() == g.next())
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RandomGenerator.self, from: Data("[0,0,0,0]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RandomGenerator.self, from: Data("[1,2]".utf8)) }
    }

    @Test func reproducibleLogAgreesWithTheSystemLog() {
        var g = RandomGenerator(seed: 77)
        for _ in 0..<20_000 {
            let x = g.nextDouble() * 4
            guard x > 0 else { continue }
            let ours = reproducibleLog(x), system = Foundation.log(x)
            #expect(abs(ours - system) <= 2 * system.ulp, "log(\(x)): \(ours) vs \(system)")
        }
        #expect(reproducibleLog(1) == 0)
        #expect(reproducibleLog(0x1p-1074) == Foundation.log(0x1p-1074))
        #expect(abs(reproducibleLog(.greatestFiniteMagnitude) - Foundation.log(.greatestFiniteMagnitude)) <= 1e-12)
        #expect(reproducibleLog(0) == -.infinity && reproducibleLog(-1).isNaN && reproducibleLog(.infinity) == .infinity)
    }

    @Test func conformsToRandomNumberGenerator() {
        var a = RandomGenerator(seed: 4), b = RandomGenerator(seed: 4)
        let x = (0..<10).map { _ in Int.random(in: 0..<100, using: &a) }
        #expect(x == (0..<10).map { _ in Int.random(in: 0..<100, using: &b) })
        #expect(x.allSatisfy { (0..<100).contains($0) })
    }

    /// The library-wide generator is global state, so it is exercised only in a child process.
    @Test func defaultGeneratorIsSeedable() async {
        await #expect(processExitsWith: .success) {
            RandomGenerator.seedDefault(5)
            let a = NDArray.randomNormal([4]), i = NDArray.randomIntegers(0, 9, shape: [3])
            RandomGenerator.seedDefault(5)
            let b = NDArray.randomNormal([4]), j = NDArray.randomIntegers(0, 9, shape: [3])
            var own = RandomGenerator(seed: 5)
            let saved = RandomGenerator.defaultGenerator
            let u = NDArray.randomUniform([2]), p = NDArray.randomPermutation(4)
            RandomGenerator.defaultGenerator = saved
            let ok = a == b && i == j && a == own.normal([4])
                && u == NDArray.randomUniform([2]) && p == NDArray.randomPermutation(4)
                && RandomGenerator.withDefault({ $0.state }) != saved.state
            exit(ok ? 0 : 1)
        }
    }

    @Test func badArgumentsStopWithAMessage() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = RandomGenerator(seed: 0)
            _ = g.normal([2], dtype: .int64)
        }
        let message = String(decoding: r?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("normal: dtype must be float32 or float64, not int64"))
        let s = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = RandomGenerator(seed: 0)
            g.state = [0, 0, 0, 0]
        }
        let stateMessage = String(decoding: s?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stateMessage.contains("RandomGenerator.state: a state is four words"))
        await #expect(processExitsWith: .failure) {
            var g = RandomGenerator(seed: 0)
            _ = g.integers(3, 3, shape: [1])
        }
    }
}
