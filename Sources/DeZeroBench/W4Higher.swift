import DeZero

/// W4 higher: tanh's 1st to 6th derivatives at 1.0 by repeated backward with createGraph
/// (the book's Step 35), timed as a whole.
func runHigher() {
    var values: [Double] = []
    let times = measure(repeats: 20) {
        let x = Variable(1.0)
        let y = tanh(x)
        y.backward(createGraph: true)
        values = [x.grad!.item()]
        for _ in 0..<5 {
            let gx = x.grad!
            x.clearGrad()
            gx.backward(createGraph: true)
            values.append(x.grad!.item())
        }
        // x.grad's graph holds x (through tanh's input): a cycle that reference counting
        // never frees, so without this every run would leak its whole graph.
        x.clearGrad()
    }
    emit(["workload": "higher", "ms": Summary(times.map { $0 * 1e3 }), "derivatives": values,
          "sixth_abs_error": abs(values[5] - 13.624075441312101)])
}
