import Testing
@testable import DeZeroArray

/// Programmer errors stop the process with a message naming the operation and the shapes.
/// Each test spawns a process, so there are only a few.
@Suite struct ElementwiseExitTests {
    static func stderr(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func broadcastMismatchNamesOpAndShapes() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]) + NDArray([1, 2, 3, 4] as [Float])
        }
        #expect(Self.stderr(r).contains("add: operands could not be broadcast together with shapes (2, 3) (4,)"))
    }

    @Test func axisOutOfRangeNamesOpAxisAndShape() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]).sum(axis: -3)
        }
        #expect(Self.stderr(r).contains("sum: axis -3 is out of bounds for array of dimension 2 with shape (2, 3)"))
    }

    @Test func maxOfEmptyHasNoIdentity() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([] as [Float], shape: [0, 3]).max(axis: 0)
        }
        #expect(Self.stderr(r).contains("max: zero-size array (0, 3) to reduction operation max which has no identity"))
    }

    @Test func sumToAndBroadcastToRejectIncompatibleShapes() async {
        let r1 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]).sumTo([2])
        }
        #expect(Self.stderr(r1).contains("sumTo: array of shape (2, 3) cannot be summed to shape (2,)"))
        let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray([1, 2, 3] as [Float]).broadcastTo([3, 2])
        }
        #expect(Self.stderr(r2).contains("broadcastTo: cannot broadcast array of shape (3,) to shape (3, 2)"))
    }

    @Test func whereShapesAndBoolNegation() async {
        let r1 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray.where(NDArray([true, false]), NDArray([1, 2, 3]), NDArray(0))
        }
        #expect(Self.stderr(r1).contains("where: operands could not be broadcast together with shapes (2,) (3,) ()"))
        let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = -NDArray([true])
        }
        #expect(Self.stderr(r2).contains("negative: the unary minus is not supported for bool arrays"))
    }

    @Test func inPlaceArithmeticRefusesWhatNumPyRefuses() async {
        let r1 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var a = NDArray([1, 2, 3])
            a -= NDArray([0.5, 0.5, 0.5] as [Double])       // a float result into an int64 array
        }
        #expect(Self.stderr(r1).contains("subtract (in place): cannot cast the float64 result to the array's dtype int64"))
        let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var a = NDArray([1, 2])
            a /= NDArray([2, 2])                            // true division of integers gives floats
        }
        #expect(Self.stderr(r2).contains("divide (in place): cannot cast the float64 result to the array's dtype int64"))
        let r3 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var a = NDArray([1, 2] as [Double])
            a += NDArray([1, 2, 3, 4] as [Double], shape: [2, 2])   // the result would be larger
        }
        #expect(Self.stderr(r3).contains("add (in place): operand of shape (2, 2) does not broadcast to the array's shape (2,)"))
    }
}
