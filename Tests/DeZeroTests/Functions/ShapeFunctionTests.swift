import Testing
import DeZero

@Suite("tensor functions: reshape, transpose, expandDims, flatten")
struct FunctionsShapeTests {
    @Test("reshape: method forms, -1, no-op, gradient restores the input shape")
    func reshapeForms() {
        let x = Variable(sampleArray([2, 3], seed: 1))
        #expect(x.reshape(3, 2).shape == [3, 2])
        #expect(x.reshape([6]).shape == [6])
        #expect(x.reshape(-1, 2).shape == [3, 2])
        #expect(reshape(x, [1, 6]).shape == [1, 6])
        #expect(x.reshape(2, 3) === x)   // same shape: nothing recorded
        let y = x.reshape(6) * NDArray([1, 2, 3, 4, 5, 6] as [Double])
        y.backward()
        #expect(x.grad!.shape == [2, 3])
        #expect(x.grad!.scalars(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("gradient checks of the shape functions", arguments: [
        "reshape", "reshape-1", "T", "transpose()", "axes", "negative axes", "variadic", "expandDims0",
        "expandDims-1", "expandDims1", "flatten", "flatten1d",
    ])
    func gradients(name: String) {
        let shape = name == "flatten1d" ? [5] : [2, 3, 4]
        let x = sampleArray(name == "T" ? [3, 4] : shape, seed: 2)
        let op: (Variable) -> Variable = switch name {
        case "reshape": { $0.reshape(4, 6) }
        case "reshape-1": { reshape($0, [-1, 2]) }
        case "T": { $0.T }
        case "transpose()": { $0.transpose() }
        case "axes": { $0.transpose(axes: [1, 2, 0]) }
        case "negative axes": { transpose($0, axes: [-1, 0, -2]) }
        case "variadic": { $0.transpose(1, 0, 2) }
        case "expandDims0": { expandDims($0, axis: 0) }
        case "expandDims-1": { expandDims($0, axis: -1) }
        case "expandDims1": { expandDims($0, axis: 1) }
        case "flatten1d": { flatten($0) }
        default: { flatten($0) }
        }
        let r = gradientCheck(weightedOutput(op), x)
        #expect(r.passed, "\(name): \(r)")
    }

    @Test("shapes follow NumPy (expandDims) and DeZero (flatten keeps the batch axis)")
    func shapes() {
        let x = Variable(NDArray.zeros([2, 3, 4]))
        #expect(expandDims(x, axis: 0).shape == [1, 2, 3, 4])
        #expect(expandDims(x, axis: -1).shape == [2, 3, 4, 1])
        #expect(expandDims(x, axis: -2).shape == [2, 3, 1, 4])
        #expect(flatten(x).shape == [2, 12])
        #expect(flatten(Variable([1.0, 2, 3])).shape == [3, 1])
        #expect(x.transpose(axes: [2, 0, 1]).shape == [4, 2, 3])
        #expect(x.T.shape == [4, 3, 2])
        #expect(Variable([1.0, 2]).T.shape == [2])
    }

    @Test("transpose moves the values: x.T[i, j] == x[j, i]")
    func transposeValues() {
        let x = Variable(NDArray([[1, 2, 3], [4, 5, 6]] as [[Double]]))
        #expect(x.T.scalars(as: Double.self) == [1, 4, 2, 5, 3, 6])
        let y = Variable(NDArray((0..<6).map(Double.init), shape: [1, 2, 3]))
        // axes [2, 0, 1]: result[k, 0, j] = y[0, j, k]
        #expect(y.transpose(axes: [2, 0, 1]).scalars(as: Double.self) == [0, 3, 1, 4, 2, 5])
    }

    @Test("second order through reshape, transpose and expandDims", arguments: ["reshape", "transpose", "axes", "expandDims", "flatten"])
    func secondOrder(name: String) {
        let op: (Variable) -> Variable = switch name {
        case "reshape": { $0.reshape(3, 2) }
        case "transpose": { $0.T }
        case "axes": { $0.reshape(1, 2, 3).transpose(axes: [2, -3, 1]) }
        case "expandDims": { expandDims($0, axis: -1) }
        default: { flatten($0.reshape(2, 1, 3)) }
        }
        let r = gradientCheck(createGraphGradientOfCubed(op), sampleArray([2, 3], seed: 3), rtol: 1e-4, atol: 1e-5)
        #expect(r.passed, "\(name): \(r)")
    }
}
