import Testing
import DeZeroArray

// In-place arithmetic keeps a float array's dtype, as NumPy's same-kind casting does: the
// operation runs in the wider type and the result is rounded once into the array.
@Suite struct InPlaceDTypeTests {
    @Test func float32ArrayStaysFloat32AndRoundsOnce() {
        let g = NDArray([0.1, 1e-9, -3.3] as [Double])
        for op in ["-", "+", "*", "/"] {
            var w = NDArray([1, 2, 3] as [Float])
            let wide = w.astype(.float64)
            let expected: NDArray
            switch op {
            case "-": w -= g; expected = wide - g
            case "+": w += g; expected = wide + g
            case "*": w *= g; expected = wide * g
            default: w /= g; expected = wide / g
            }
            #expect(w.dtype == .float32, "\(op)=")
            #expect(w.scalars(as: Float.self) == expected.scalars(as: Double.self).map { Float($0) }, "\(op)=")
        }
        // 1 − (2⁻²⁵ + 2⁻⁵⁰) lies just below the midpoint of 1 and the float32 below it, so rounded
        // once it gives 1 − 2⁻²⁴; rounding g to float32 first (2⁻²⁵) would land on the midpoint
        // and give 1.
        var w = NDArray([1] as [Float])
        w -= NDArray([0x1p-25 + 0x1p-50] as [Double])
        #expect(w.scalars(as: Float.self) == [1 - 0x1p-24])
    }
}
