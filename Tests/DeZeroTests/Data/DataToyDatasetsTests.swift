import Foundation
import Testing
import DeZero

@Suite struct DataToyDatasetsTests {
    @Test func spiralFollowsTheBooksFormula() {
        let train = Spiral()
        #expect(train.count == 300)
        #expect(train.data.shape == [300, 2] && train.data.dtype == .float32)
        #expect(train.label.shape == [300] && train.label.dtype == .int64)
        let labels = train.label.scalars(as: Int64.self).map { Int($0) }
        #expect((0..<3).map { c in labels.filter { $0 == c }.count } == [100, 100, 100])
        #expect(labels != labels.sorted())  // shuffled

        // Radius r = i/100 for i = 0…99, once per class; angle 4j + 4r + noise with noise ~ N(0, 0.2²).
        let xy = train.data.scalars(as: Float.self).map(Double.init)
        var radii = [Int](repeating: 0, count: 100)
        var noise: [Double] = []
        for k in 0..<300 {
            let (x, y) = (xy[2 * k], xy[2 * k + 1])
            let r = (x * x + y * y).squareRoot()
            let i = Int((r * 100).rounded())
            #expect(abs(r - Double(i) / 100) < 1e-6)
            radii[i] += 1
            guard i > 0 else { continue }  // the angle of the origin is undefined
            let expected = Double(labels[k]) * 4 + 4 * r
            let d = remainder(atan2(x, y) - expected, 2 * Double.pi)
            noise.append(d)
        }
        #expect(radii == [Int](repeating: 3, count: 100))
        let mean = noise.reduce(0, +) / Double(noise.count)
        let std = (noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(noise.count)).squareRoot()
        #expect(abs(mean) < 0.05)
        #expect(std > 0.17 && std < 0.23)
        #expect(noise.allSatisfy { abs($0) < 1.2 })  // six standard deviations
    }

    @Test func spiralSplitsAreFixedAndDifferent() {
        #expect(Spiral().data == Spiral().data)
        #expect(Spiral(train: false).data != Spiral().data)
        #expect(Spiral(train: false).count == 300)
    }

    @Test func sinCurveShapesAndValues() {
        let test = SinCurve(train: false)
        #expect(test.count == 999)
        #expect(test.data.shape == [999, 1] && test.label.shape == [999, 1])
        #expect(test.data.dtype == .float32)
        let y = test.data.scalars(as: Float.self), next = test.label.scalars(as: Float.self)
        // Test curve: cos at linspace(0, 2π, 1000), no noise; the label is the next value.
        for i in [0, 1, 250, 500, 998] {
            #expect(y[i] == Float(cos(2 * Double.pi * Double(i) / 999)))
        }
        #expect(Array(y.dropFirst()) == Array(next.dropLast()))
        #expect(abs(next[998] - 1) < 1e-6)  // cos(2π)

        let train = SinCurve(dtype: .float64)
        #expect(train.data.dtype == .float64)
        let noisy = train.data.scalars(as: Double.self)
        let noise = noisy.enumerated().map { $1 - sin(2 * Double.pi * Double($0) / 999) }
        #expect(noise.allSatisfy { abs($0) <= 0.05 + 1e-12 })
        #expect(noise.filter { abs($0) > 0.025 }.count > 300)  // spread over the interval, about half
        #expect(SinCurve(seed: 1).data != SinCurve(seed: 2).data)
    }
}
