import CDeZeroKernels
import Foundation
import Testing
@testable import DeZeroArray

/// The vectorised C kernels, every instruction-set version this CPU runs (portable, AVX2,
/// AVX-512), against the C library over wide ranges: random bit patterns (every exponent,
/// subnormals), dense ranges where the functions vary, and the special values.
@Suite struct ElementwiseAccuracyTests {
    /// Distance in units in the last place, with NaN equal to NaN and ±0 equal.
    static func ulps(_ a: Float, _ b: Float) -> Int {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : Int.max }
        if a == b { return 0 }
        func key(_ x: Float) -> Int64 { x.sign == .minus ? -Int64(x.magnitude.bitPattern) : Int64(x.bitPattern) }
        return Int(Swift.abs(key(a) - key(b)))
    }

    static func ulps(_ a: Double, _ b: Double) -> Int {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : Int.max }
        if a == b { return 0 }
        func key(_ x: Double) -> Int64 { x.sign == .minus ? -Int64(x.magnitude.bitPattern) : Int64(x.bitPattern) }
        let (d, o) = key(a).subtractingReportingOverflow(key(b))
        return o ? Int.max : Int(d.magnitude)
    }

    static let specialsF: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
                                     .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                     88.72283, 88.7229, 89, -87.33655, -103.972, -103.98, -150, 1, -1, 0.625, -0.625,
                                     9, 44, 1e-20, 8e5, 8.0001e5, 1e7, 3.0e38, 0.70710677, 1.4142135]

    /// Float32 test inputs: specials, 2^16 random bit patterns (every exponent, subnormals,
    /// NaN payloads), and a dense sweep of [-sweep, sweep].
    static func inputsF(sweep: Float) -> [Float] {
        var g = SplitMix64(seed: 1)
        var xs = specialsF
        for _ in 0..<(1 << 16) { xs.append(Float(bitPattern: UInt32(truncatingIfNeeded: g.next()))) }
        let m = 1 << 16
        for i in 0..<m { xs.append((Float(i) / Float(m) * 2 - 1) * sweep) }
        return xs
    }

    static func reference(_ op: dz_unary_op, _ x: Float) -> Float {
        let d = Double(x)
        switch op {
        case DZ_OP_EXP: return Float(Foundation.exp(d))
        case DZ_OP_LOG: return Float(Foundation.log(d))
        case DZ_OP_TANH: return Float(Foundation.tanh(d))
        case DZ_OP_SIGMOID: return Float(1 / (1 + Foundation.exp(-d)))
        case DZ_OP_SIN: return Float(Foundation.sin(d))
        default: return Float(Foundation.cos(d))
        }
    }

    @Test(arguments: [(DZ_OP_EXP, 1, Float(100)), (DZ_OP_LOG, 1, 1000), (DZ_OP_TANH, 2, 12),
                      (DZ_OP_SIGMOID, 2, 120), (DZ_OP_SIN, 1, 2000), (DZ_OP_COS, 1, 2000)])
    func float32KernelsWithinTolerance(op: dz_unary_op, maxUlps: Int, sweep: Float) {
        let xs = Self.inputsF(sweep: sweep)
        let expected = xs.map { Self.reference(op, $0) }
        var levels = 0
        for level in 0...2 {
            guard let kernel = dz_unary_f32_at_level(op, Int32(level)) else { continue }
            levels += 1
            var ys = [Float](repeating: 0, count: xs.count)
            kernel(xs, &ys, xs.count)
            var worst = 0, worstX: Float = 0
            for i in xs.indices {
                let u = Self.ulps(ys[i], expected[i])
                if u > worst { worst = u; worstX = xs[i] }
            }
            #expect(worst <= maxUlps, "op \(op.rawValue) level \(level): \(worst) ulp at x = \(worstX)")
        }
        #expect(levels >= 1)
    }

    @Test(arguments: [DZ_OP_EXP, DZ_OP_LOG])
    func float64KernelsWithinOneUlp(op: dz_unary_op) {
        var g = SplitMix64(seed: 2)
        var xs: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .leastNormalMagnitude,
                            .greatestFiniteMagnitude, 709.782712893384, 709.79, -708.4, -745.1332191019411,
                            -745.14, 1, 2, 0.5, 1e-310]
        for _ in 0..<(1 << 15) { xs.append(Double(bitPattern: g.next())) }
        for i in 0..<(1 << 15) { xs.append((Double(i) / 32768 * 2 - 1) * (op == DZ_OP_EXP ? 750 : 1e6)) }
        let expected = xs.map { op == DZ_OP_EXP ? Foundation.exp($0) : Foundation.log($0) }
        for level in 0...2 {
            guard let kernel = dz_unary_f64_at_level(op, Int32(level)) else { continue }
            var ys = [Double](repeating: 0, count: xs.count)
            kernel(xs, &ys, xs.count)
            var worst = 0, worstX = 0.0
            for i in xs.indices {
                let u = Self.ulps(ys[i], expected[i])
                if u > worst { worst = u; worstX = xs[i] }
            }
            #expect(worst <= 1, "op \(op.rawValue) level \(level): \(worst) ulp at x = \(worstX)")
        }
    }

    @Test func tailsAndInPlaceGiveTheSameResults() {
        // Every length up to two AVX-512 vectors, so each tail path runs; in place too.
        let xs = (0..<40).map { Float($0) * 0.37 - 7 }
        for n in 0...xs.count {
            var out = [Float](repeating: -1, count: n)
            dz_exp_f32(xs, &out, n)
            var inPlace = Array(xs[0..<n])
            inPlace.withUnsafeMutableBufferPointer { dz_exp_f32($0.baseAddress, $0.baseAddress, n) }
            #expect(out == inPlace)
            #expect(out.indices.allSatisfy { Self.ulps(out[$0], Float(Foundation.exp(Double(xs[$0])))) <= 1 })
        }
    }

    @Test func reductionKernels() {
        // 0.1 is not exact in float32; a float32 running sum of a million of them drifts by ~1%,
        // the float64 accumulation rounds the exact sum once.
        let n = 1_000_000
        let xs = [Float](repeating: 0.1, count: n)
        #expect(dz_sum_f32(xs, n) == Double(Float(0.1)) * Double(n))
        #expect(dz_sum_f64([1, 2, 3.5], 3) == 6.5)
        for count in [1, 2, 7, 16, 33, 100] {
            var v = (0..<count).map { Float(($0 * 37) % 11) - 5 }
            #expect(dz_max_f32(v, count) == v.max()!)
            #expect(dz_min_f32(v, count) == v.min()!)
            v[count - 1] = .nan
            #expect(dz_max_f32(v, count).isNaN && dz_min_f32(v, count).isNaN)
            let d = v.map { Double($0) }
            #expect(dz_max_f64(d, count).isNaN)
        }
        var acc: [Double] = [1, 2, 3]
        dz_accumulate_f32([0.5, 0.25, -3], &acc, 3)
        #expect(acc == [1.5, 2.25, 0])
    }
}
