import Testing
import Foundation
import DeZeroArray

// NumPyRandomState against NumPy's own np.random (legacy RandomState) on this machine: the
// same seeds and call sequences must give the same bits. Needs `python3` with NumPy on the
// PATH; skipped without it, unless DEZERO_REQUIRE_TOOLS=1, where a missing tool fails the
// test. The pinned values in the first tests are NumPy's and MT19937's published outputs.

@Suite struct NumPyRandomStateTests {
    @Test func mersenneTwisterMatchesTheReferenceOutput() {
        // mt19937ar.c's init_genrand(5489): first outputs 3499211612, 581869302, 3890346734.
        var mt = MersenneTwister(seed: 5489)
        #expect((0..<3).map { _ in mt.next32() } == [3_499_211_612, 581_869_302, 3_890_346_734])
        // init_by_array({0x123, 0x234, 0x345, 0x456}) of mt19937ar.c's test: 1067595299, 955945823.
        var byArray = MersenneTwister(key: [0x123, 0x234, 0x345, 0x456])
        #expect((0..<2).map { _ in byArray.next32() } == [1_067_595_299, 955_945_823])
    }

    @Test func seedZeroGivesNumPysWellKnownFirstValues() {
        var np = NumPyRandomState(seed: 0)
        #expect(np.random() == 0.5488135039273248)
        np.seed(0)
        #expect(np.randn(2, 3).scalars(as: Double.self)[0] == 1.764052345967664)
        np.seed(0)
        #expect(np.permutation(5).scalars(as: Int64.self) == [2, 0, 1, 3, 4])
        np.seed(0)
        #expect(np.randint(0, 10, shape: [5]).scalars(as: Int64.self) == [5, 0, 3, 3, 7])
    }

    @Test func reseedingDropsTheCachedNormal() {
        var np = NumPyRandomState(seed: 3)
        _ = np.standardNormal()
        #expect(np.hasGauss)
        np.seed(3)
        #expect(!np.hasGauss && np.cachedGaussian == 0)
        #expect(np == NumPyRandomState(seed: 3))
    }

    @Test func stateRoundTripsThroughCodable() throws {
        var np = NumPyRandomState(seed: 11)
        _ = np.randn(3)
        let copy = try JSONDecoder().decode(NumPyRandomState.self, from: JSONEncoder().encode(np))
        #expect(copy == np)
        var a = np, b = copy
        #expect(a.rand(5) == b.rand(5))
        #expect(NumPyRandomState(key: [1, 2, 3], position: 0) == nil)
    }

    /// Call sequences covering every function, odd normal counts (the cache), table
    /// regeneration (700 doubles take 1,400 words), ranges needing 32 and 64 bits, empty and
    /// one-element permutations, and reseeding in the middle.
    fileprivate static let programs: [[Op]] = [
        [.seed(0), .rand([3, 2]), .randn([5]), .rand([4]), .randn([3]), .state],
        [.seed(1984), .normals(301), .permutation(300), .state],
        [.seed(42), .randint(0, 10, [20]), .randint(-5, 5, [7]), .randint(0, 1 << 32, [5]),
         .randint(0, (1 << 32) + 1, [5]), .randint(0, 1 << 40, [5]), .randint(-(1 << 62), 1 << 62, [3]),
         .randint(Int.min, Int.max, [3]), .randint(3, 4, [2]), .randintScalar(1, 7), .state],
        [.seed(4_294_967_295), .uniform(-0.05, 0.05, [1000]), .shuffle(17), .permutation(1), .permutation(0),
         .randn([1]), .seed(7), .randn([2]), .randomScalar, .normals(1), .state],
        [.seed(123), .rand([700]), .randn([1001]), .permutationRows(5, 3), .state],
        [.seedKey([1, 2, 3]), .rand([3]), .randn([3]), .state],
    ]

    @Test(.enabled(if: NumPyPython.python != nil || NumPyPython.required, "needs python3 with NumPy on the PATH"))
    func callSequencesMatchNumPyBitForBit() throws {
        let python = try #require(NumPyPython.python, "python3 with NumPy not found on the PATH (DEZERO_REQUIRE_TOOLS=1)")
        let programsJSON = String(decoding: try JSONEncoder().encode(Self.programs.map { $0.map(\.json) }), as: UTF8.self)
        let output = try NumPyPython.run(python, ["-c", numpyRandomScript, programsJSON])
        let expected = try JSONDecoder().decode([[[String]]].self, from: output)
        try #require(expected.count == Self.programs.count)
        for (index, program) in Self.programs.enumerated() {
            var np = NumPyRandomState(seed: 0)
            let actual = program.map { $0.run(&np) }
            try #require(actual.count == expected[index].count, "program \(index): NumPy answered \(expected[index].count) calls of \(actual.count)")
            for (step, (a, e)) in zip(actual, expected[index]).enumerated() {
                #expect(a == e, "program \(index), call \(step) (\(program[step].json)): first difference at \(a.indices.first { $0 < e.count && a[$0] != e[$0] } ?? min(a.count, e.count))")
            }
        }
    }
}

/// One np.random call, run here and (as JSON) in NumPy. Results are strings: floats as the hex
/// of their bits, integers in decimal, so both sides compare exactly.
private enum Op {
    case seed(UInt32), seedKey([UInt32]), rand([Int]), randn([Int]), normals(Int), randomScalar
    case uniform(Double, Double, [Int]), randint(Int, Int, [Int]), randintScalar(Int, Int)
    case permutation(Int), permutationRows(Int, Int), shuffle(Int), state

    var json: [AnyCodable] {
        switch self {
        case .seed(let s): return ["seed", .int(Int(s))]
        case .seedKey(let k): return ["seed_key", .ints(k.map(Int.init))]
        case .rand(let s): return ["rand", .ints(s)]
        case .randn(let s): return ["randn", .ints(s)]
        case .normals(let n): return ["normals", .int(n)]
        case .randomScalar: return ["random"]
        case .uniform(let lo, let hi, let s): return ["uniform", .double(lo), .double(hi), .ints(s)]
        case .randint(let lo, let hi, let s): return ["randint", .int(lo), .int(hi), .ints(s)]
        case .randintScalar(let lo, let hi): return ["randint_scalar", .int(lo), .int(hi)]
        case .permutation(let n): return ["permutation", .int(n)]
        case .permutationRows(let r, let c): return ["permutation_rows", .int(r), .int(c)]
        case .shuffle(let n): return ["shuffle", .int(n)]
        case .state: return ["state"]
        }
    }

    func run(_ np: inout NumPyRandomState) -> [String] {
        func bits(_ values: [Double]) -> [String] { values.map { String($0.bitPattern, radix: 16) } }
        switch self {
        case .seed(let s): np.seed(s); return []
        case .seedKey(let k): np = NumPyRandomState(key: k); return []
        case .rand(let s): return bits(np.rand(shape: s).scalars(as: Double.self))
        case .randn(let s): return bits(np.randn(shape: s).scalars(as: Double.self))
        case .normals(let n): return bits((0..<n).map { _ in np.standardNormal() })
        case .randomScalar: return bits([np.random()])
        case .uniform(let lo, let hi, let s): return bits(np.uniform(low: lo, high: hi, shape: s).scalars(as: Double.self))
        case .randint(let lo, let hi, let s): return np.randint(lo, hi, shape: s).scalars(as: Int64.self).map { String($0) }
        case .randintScalar(let lo, let hi): return [String(np.randint(lo, hi))]
        case .permutation(let n): return np.permutation(n).scalars(as: Int64.self).map { String($0) }
        case .permutationRows(let r, let c):
            let rows = np.permutation(NDArray(Array(0..<(r * c)), shape: [r, c]))
            return rows.scalars(as: Int64.self).map { String($0) }
        case .shuffle(let n):
            var list = Array(0..<n)
            np.shuffle(&list)
            return list.map { String($0) }
        case .state:
            return [String(np.mt.position), np.hasGauss ? "1" : "0", String(np.cachedGaussian.bitPattern, radix: 16)]
                + np.mt.key.map { String($0) }
        }
    }
}

/// A JSON value for the op list.
private enum AnyCodable: Encodable, ExpressibleByStringLiteral {
    case string(String), int(Int), double(Double), ints([Int])
    init(stringLiteral value: String) { self = .string(value) }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .ints(let a): try c.encode(a)
        }
    }
}

/// Runs the op lists of argv[1] on NumPy's legacy generator and prints the results as JSON.
private let numpyRandomScript = """
import sys, json, numpy as np
def bits(a):
    return ['%x' % v for v in np.asarray(a, dtype=np.float64).ravel().view(np.uint64).tolist()]
def ints(a):
    return [str(v) for v in np.asarray(a).ravel().tolist()]
out = []
for program in json.loads(sys.argv[1]):
    rs = np.random.RandomState(0)
    results = []
    for op in program:
        name, args = op[0], op[1:]
        if name == 'seed': rs.seed(args[0]); r = []
        elif name == 'seed_key': rs.seed(np.array(args[0], dtype=np.int64)); r = []
        elif name == 'rand': r = bits(rs.rand(*args[0]))
        elif name == 'randn': r = bits(rs.randn(*args[0]))
        elif name == 'normals': r = bits([rs.standard_normal() for _ in range(args[0])])
        elif name == 'random': r = bits([rs.random_sample()])
        elif name == 'uniform': r = bits(rs.uniform(args[0], args[1], size=args[2]))
        elif name == 'randint': r = ints(rs.randint(args[0], args[1], size=args[2], dtype=np.int64))
        elif name == 'randint_scalar': r = [str(int(rs.randint(args[0], args[1])))]
        elif name == 'permutation': r = ints(rs.permutation(args[0]))
        elif name == 'permutation_rows': r = ints(rs.permutation(np.arange(args[0] * args[1]).reshape(args[0], args[1])))
        elif name == 'shuffle':
            lst = list(range(args[0])); rs.shuffle(lst); r = [str(v) for v in lst]
        elif name == 'state':
            _, key, pos, has_gauss, gauss = rs.get_state()
            r = [str(pos), str(int(has_gauss)), '%x' % np.array([gauss], dtype=np.float64).view(np.uint64)[0]] + [str(k) for k in key.tolist()]
        results.append(r)
    out.append(results)
print(json.dumps(out))
"""
