import Testing
import DeZeroArray

// Expected results follow NumPy's documented semantics of array_equal (plus a dtype check)
// and allclose: |a − b| <= atol + rtol·|b|, NaN never close unless equal_nan, infinities
// close only to themselves; the allclose cases were confirmed with NumPy 2.4.6.

@Suite struct EqualityTests {
    @Test func equalNeedsShapeDtypeAndElements() {
        let a = NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])
        #expect(a == NDArray([1, 2, 3, 4] as [Double], shape: [2, 2]))
        #expect(a != NDArray([1, 2, 3, 5] as [Double], shape: [2, 2]))
        #expect(a != NDArray([1, 2, 3, 4] as [Double], shape: [4]))
        #expect(a != NDArray([1, 2, 3, 4] as [Float], shape: [2, 2]))
        #expect(NDArray([1, 2]) == NDArray([1, 2]))
        #expect(NDArray([true, false]) != NDArray([true, true]))
        #expect(NDArray(2.5) == NDArray(2.5))
        #expect(NDArray.zeros([0, 3]) == NDArray.zeros([0, 3]))
        #expect(NDArray.zeros([0, 3]) != NDArray.zeros([3, 0]))
    }

    @Test func nanIsUnequalAndSignedZerosAreEqual() {
        let n = NDArray([1, .nan] as [Double])
        #expect(n != n)
        #expect(NDArray([-0.0] as [Double]) == NDArray([0.0] as [Double]))
    }

    @Test func viewsCompareByElements() {
        let m = NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
        let transposed = m.view(shape: [3, 2], strides: [1, 3], offset: 0)
        #expect(transposed == NDArray([1, 4, 2, 5, 3, 6] as [Double], shape: [3, 2]))
        let column = m.view(shape: [2], strides: [3], offset: 2)
        #expect(column == NDArray([3, 6] as [Double]))
    }

    @Test func allCloseUsesNumPysFormula() {
        let a = NDArray([1e10, 1e-7] as [Double]), b = NDArray([1.00001e10, 1e-8] as [Double])
        #expect(!a.allClose(b))   // 9e-8 > 1e-8 + 1e-5·1e-8
        #expect(NDArray([1e10, 1e-8] as [Double]).allClose(NDArray([1.00001e10, 1e-9] as [Double])))
        #expect(NDArray([1.0]).allClose(NDArray([1.1]), atol: 0.2))
        #expect(!NDArray([1.0]).allClose(NDArray([1.1]), atol: 0.05))
        #expect(NDArray([100.0]).allClose(NDArray([101.0]), rtol: 0.01, atol: 0))
        // Not symmetric: the tolerance scales with the second operand.
        #expect(NDArray([1.0]).allClose(NDArray([2.0]), rtol: 0.5, atol: 0))
        #expect(!NDArray([2.0]).allClose(NDArray([1.0]), rtol: 0.5, atol: 0))
    }

    @Test func allCloseHandlesNaNAndInfinity() {
        let n = NDArray([1, .nan] as [Double])
        #expect(!n.allClose(n))
        #expect(n.allClose(n, equalNaN: true))
        #expect(NDArray([.infinity, 1] as [Double]).allClose(NDArray([.infinity, 1] as [Double])))
        #expect(!NDArray([.infinity] as [Double]).allClose(NDArray([-.infinity] as [Double])))
        #expect(!NDArray([.infinity] as [Double]).allClose(NDArray([1e308] as [Double])))
    }

    @Test func allCloseBroadcastsAndMixesDtypes() {
        let m = NDArray([1, 2, 1, 2] as [Double], shape: [2, 2])
        #expect(m.allClose(NDArray([1, 2.00001] as [Double])))
        #expect(NDArray([1, 2] as [Float]).allClose(NDArray([1, 2])))
        #expect(NDArray([0.1] as [Float]).allClose(NDArray([0.1] as [Double])))
        #expect(!NDArray([0.1] as [Float]).allClose(NDArray([0.1] as [Double]), rtol: 0, atol: 0))
        #expect(NDArray.ones([3, 1, 2]).allClose(NDArray(1.0)))
    }

    @Test func allCloseStopsOnShapesThatDoNotBroadcast() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray.zeros([2, 3]).allClose(NDArray.zeros([4]))
        }
        let message = String(decoding: r?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("allClose: operands could not be broadcast together with shapes (2, 3) (4,)"))
    }
}
