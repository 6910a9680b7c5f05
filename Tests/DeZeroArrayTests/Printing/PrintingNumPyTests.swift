import Testing
import Foundation
import DeZeroArray

// Prints a few hundred random arrays (all dtypes, ranks 0–3, summarised sizes, NaN/inf,
// signed zeros, subnormals, values on rounding boundaries) and compares each with what the
// NumPy on this machine prints for the same bits. Needs `python3` with NumPy on the PATH;
// skipped without it, unless DEZERO_REQUIRE_TOOLS=1, where a missing tool fails the test.

/// Reads lines "dtype;shape;values" (floats as IEEE bit patterns) and prints, per line,
/// a JSON object with NumPy's repr() and str().
private let numpyScript = """
import sys, json, numpy as np
out = []
for line in sys.stdin.read().splitlines():
    dtype, shape, values = line.split(';')
    shape = tuple(int(s) for s in shape.split(',') if s)
    vals = [int(v) for v in values.split(',') if v]
    if dtype == 'float64': a = np.array(vals, dtype=np.uint64).view(np.float64)
    elif dtype == 'float32': a = np.array(vals, dtype=np.uint32).view(np.float32)
    elif dtype == 'int64': a = np.array(vals, dtype=np.int64)
    else: a = np.array(vals, dtype=np.int64).astype(np.bool_)
    a = a.reshape(shape)
    out.append({'repr': repr(a), 'str': str(a)})
print(json.dumps(out))
"""

/// Random arrays that stress the print rules, and their encoding for the script.
private func stressArrays(count: Int, seed: UInt64) -> [NDArray] {
    var g = RandomGenerator(seed: seed)
    let edgeValues: [Double] = [.leastNonzeroMagnitude, .leastNormalMagnitude / 3, .greatestFiniteMagnitude, 3.4e38, 1e-45, 0.5, 0.125, 1e16,
                                9.999999995e-5, 0.001953125, 99_999_999.5, 1e8, 999_999.5, 1e6,
                                0.30000000000000004, .nan, .infinity, -0.0]
    return (0..<count).map { _ in
        let ndim = g.nextInt(in: 0..<4)
        var shape = (0..<ndim).map { _ in g.nextInt(in: 1..<(ndim > 1 ? 6 : 40)) }
        if g.nextDouble() < 0.08 { shape = (0..<3).map { _ in g.nextInt(in: 8..<15) } }  // summarised
        let n = shape.reduce(1, *)
        switch g.nextInt(in: 0..<4) {
        case 0:
            let scale = (0..<g.nextInt(in: 0..<19)).reduce(1) { r, _ in r * 10 }
            return g.integers(-scale, scale, shape: shape)
        case 1:
            return mask(g.uniform(shape), below: 0.5)
        default:
            let exponent = Double(g.nextInt(in: -12..<12))
            var values = g.normal([n]).scalars(as: Double.self).map { $0 * pow(10, exponent) }
            switch g.nextInt(in: 0..<6) {
            case 0: values = values.map { $0.rounded() }
            case 1: values = values.map { ($0 * 100).rounded() / 100 }
            case 2: values = values.map { $0 * pow(10, Double(g.nextInt(in: -6..<6))) }
            case 3: values[g.nextInt(in: 0..<n)] = [.nan, .infinity, -.infinity, 0, -0.0][g.nextInt(in: 0..<5)]
            case 4: values = values.map { _ in Double(g.nextInt(in: -5..<5)) / 8 }
            default: values = values.map { _ in edgeValues[g.nextInt(in: 0..<edgeValues.count)] * (g.nextDouble() < 0.5 ? -1 : 1) }
            }
            let a = NDArray(values, shape: shape)
            return g.nextDouble() < 0.5 ? a.astype(.float32) : a
        }
    }
}

/// Elementwise `a < b` as a bool array, for test data (comparison ops live elsewhere).
private func mask(_ a: NDArray, below b: Double) -> NDArray {
    NDArray(a.scalars(as: Double.self).map { $0 < b }, shape: a.shape)
}

private func encode(_ a: NDArray) -> String {
    let values: [String]
    switch a.dtype {
    case .float64: values = a.scalars(as: Double.self).map { String($0.bitPattern) }
    case .float32: values = a.scalars(as: Float.self).map { String($0.bitPattern) }
    case .int64: values = a.scalars(as: Int64.self).map { String($0) }
    case .bool: values = a.scalars(as: Bool.self).map { $0 ? "1" : "0" }
    }
    return "\(a.dtype);\(a.shape.map(String.init).joined(separator: ","));\(values.joined(separator: ","))"
}

@Suite struct PrintingNumPyTests {
    @Test(.enabled(if: NumPyPython.python != nil || NumPyPython.required, "needs python3 with NumPy on the PATH"))
    func randomArraysPrintAsNumPyPrintsThem() throws {
        let python = try #require(NumPyPython.python, "python3 with NumPy not found on the PATH (DEZERO_REQUIRE_TOOLS=1)")
        let arrays = stressArrays(count: 400, seed: 2024)
        let input = Data(arrays.map(encode).joined(separator: "\n").utf8)
        let output = try NumPyPython.run(python, ["-c", numpyScript], input: input)
        let expected = try JSONDecoder().decode([[String: String]].self, from: output)
        try #require(expected.count == arrays.count)
        var mismatches = 0
        for (a, e) in zip(arrays, expected) where a.debugDescription != e["repr"] || a.strDescription != e["str"] {
            mismatches += 1
            if mismatches <= 3 {
                Issue.record("NumPy repr:\n\(e["repr"]!)\nours:\n\(a.debugDescription)\nNumPy str:\n\(e["str"]!)\nours:\n\(a.strDescription)")
            }
        }
        #expect(mismatches == 0)
    }
}
