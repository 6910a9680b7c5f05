import Testing
import DeZero

@Suite("tensor functions: accuracy")
struct FunctionsAccuracyTests {
    @Test("fraction of rows whose largest score is the label; (N,) and (N, 1) labels; no gradient")
    func handExample() {
        let y = Variable(NDArray([[0.2, 0.8, 0.0], [0.1, 0.9, 0.0], [0.8, 0.1, 0.1], [0.3, 0.3, 0.4]] as [[Double]]))
        // Predictions 1, 1, 0, 2 against labels 1, 2, 0, 2: three of four right.
        let acc = accuracy(y, Variable(NDArray([1, 2, 0, 2])))
        #expect(acc.item() == 0.75)
        #expect(acc.dtype == .float64)
        #expect(acc.creator == nil)
        #expect(accuracy(y, Variable(NDArray([1, 2, 0, 2], shape: [4, 1]))).item() == 0.75)
        #expect(accuracy(y, Variable(NDArray([0, 0, 1, 1]))).item() == 0)
        // A tie takes the first class: [0.5, 0.5] predicts 0.
        let tie = Variable(NDArray([[0.5, 0.5]] as [[Float]]))
        #expect(accuracy(tie, Variable(NDArray([0]))).item() == 1)
    }
}
