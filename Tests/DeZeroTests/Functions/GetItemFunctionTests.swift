import Testing
import DeZero

@Suite("tensor functions: indexing")
struct FunctionsGetItemTests {
    static let x34 = NDArray((0..<12).map(Double.init), shape: [3, 4])

    @Test("forward values of each subscript form")
    func forward() {
        let x = Variable(Self.x34)
        #expect(x[1].scalars(as: Double.self) == [4, 5, 6, 7])
        #expect(x[-1, 2].item() == 10)
        #expect(x[0..<2].shape == [2, 4])
        #expect(x[1...].scalars(as: Double.self) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(x[..<1].scalars(as: Double.self) == [0, 1, 2, 3])
        #expect(x[-2 ... -1].shape == [2, 4])
        #expect(x[[.all, .range(1..<3)]].scalars(as: Double.self) == [1, 2, 5, 6, 9, 10])
        #expect(x[.all, .every(-2)].scalars(as: Double.self) == [3, 1, 7, 5, 11, 9])
        #expect(x[NDArray([2, 0, 2])].shape == [3, 4])
        #expect(x[[.array(NDArray([0, 2])), .array(NDArray([3, 1]))]].scalars(as: Double.self) == [3, 9])
    }

    @Test("repeated indices accumulate in the gradient (np.add.at)")
    func repeatedIndices() {
        let x = Variable([1.0, 2.0, 3.0])
        let y = x[NDArray([2, 0, 2, 2])]
        y.backward()
        #expect(x.grad!.scalars(as: Double.self) == [1, 0, 3])

        let m = Variable(Self.x34)
        let z = m[[.all, .array(NDArray([0, 0, 3]))]] * NDArray([1.0, 10.0, 100.0])
        z.backward()
        // Column 0 taken twice (weights 1 and 10), column 3 once (100), for every row.
        #expect(m.grad!.scalars(as: Double.self) == [11, 0, 0, 100, 11, 0, 0, 100, 11, 0, 0, 100])
    }

    @Test("gradient checks: integers, ranges, slices with steps, index arrays, masks", arguments: [
        "int", "negative int", "two ints", "range", "closed range", "from", "slice step", "reverse",
        "rows array", "repeated array", "broadcast arrays", "array and slice", "mask", "newAxis",
    ])
    func gradients(name: String) {
        let op: (Variable) -> Variable = switch name {
        case "int": { $0[1] }
        case "negative int": { $0[-1] }
        case "two ints": { $0[2, -3] }
        case "range": { $0[0..<2] }
        case "closed range": { $0[-2 ... -1] }
        case "from": { $0[1...] }
        case "slice step": { $0[.all, .range(0..<4, step: 2)] }
        case "reverse": { $0[.every(-1), .every(-1)] }
        case "rows array": { $0[NDArray([2, 0])] }
        case "repeated array": { $0[NDArray([1, 1, 2, 1])] }
        case "broadcast arrays": { $0[[.array(NDArray([0, 2, 2], shape: [3, 1])), .array(NDArray([1, 1, 3]))]] }
        case "array and slice": { $0[[.range(1...), .array(NDArray([3, 0, 3]))]] }
        case "mask": { $0[NDArray([true, false, true])] }
        default: { $0[[.newAxis, 1, .all]] }
        }
        let r = gradientCheck(weightedOutput(op), sampleArray([3, 4], seed: 11))
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("second order: the gradient of indexing is differentiable (GetItemGrad's backward is GetItem)",
          arguments: ["int", "range", "repeated array"])
    func secondOrder(name: String) {
        let op: (Variable) -> Variable = switch name {
        case "int": { $0[1] }
        case "range": { $0[1..<3] }
        default: { $0[NDArray([2, 0, 2])] }
        }
        let r = gradientCheck(createGraphGradientOfCubed(op), sampleArray([3, 4], seed: 12), rtol: 1e-4, atol: 1e-5)
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("GetItemGrad scatters, adds at repeats, and its gradient gathers")
    func getItemGrad() {
        let indices: [NDIndex] = [.array(NDArray([1, 1, 0]))]
        let g = GetItemGrad(indices: indices, inputShape: [3])(Variable([1.0, 2.0, 4.0]))
        #expect(g.scalars(as: Double.self) == [4, 3, 0])
        let scatter: (Variable) -> Variable = { GetItemGrad(indices: indices, inputShape: [3, 2])($0) }
        let r = gradientCheck(weightedOutput(scatter), sampleArray([3, 2], seed: 13))
        #expect(r.passed, "\(r)")
        // Its own backward is recorded too (third derivatives of indexing).
        let r2 = gradientCheck(createGraphGradientOfCubed(scatter), sampleArray([3, 2], seed: 14), rtol: 1e-4, atol: 1e-5)
        #expect(r2.passed, "second order: \(r2)")
    }

    @Test("float32 stays float32 through indexing and its gradient")
    func float32() {
        let x = Variable(NDArray([1, 2, 3, 4] as [Float], shape: [2, 2]))
        let y = x[1]
        #expect(y.dtype == .float32)
        y.backward()
        #expect(x.grad!.dtype == .float32)
        #expect(x.grad!.scalars(as: Float.self) == [0, 0, 1, 1])
    }
}
