import Foundation
import Testing
import DeZero

@Suite("backward: order, accumulation, options")
struct BackwardTests {
    @Test("a leaf's backward sets its gradient to ones and returns")
    func leafBackward() {
        let x = Variable(NDArray([1, 2, 3] as [Float], shape: [3]))
        x.backward()
        #expect(x.grad!.scalars(as: Float.self) == [1, 1, 1])
        #expect(x.grad!.dtype == .float32)
    }

    @Test("x + x accumulates two gradients into x (Step 14)")
    func reuse() {
        let x = Variable(3.0)
        let y = x + x
        y.backward()
        #expect(x.grad!.item() == 2)
        let z = x + x + x
        x.clearGrad()
        z.backward()
        #expect(x.grad!.item() == 3)
    }

    @Test("calling backward twice accumulates into leaves, clearGrad starts afresh")
    func twice() {
        let x = Variable(3.0)
        let y = x * x
        y.backward()
        #expect(x.grad!.item() == 6)
        y.grad = nil
        y.backward()
        #expect(x.grad!.item() == 12)
        x.clearGrad()
        #expect(x.grad == nil)
    }

    @Test("diamond graph: each function runs once, after all its consumers (Step 16)")
    func diamond() {
        // y = (x²)² + (x²)²  → dy/dx = 2 · 4x³ = 64 at x = 2; wrong ordering gives another number.
        let x = Variable(2.0)
        let a = square(x)
        let y = square(a) + square(a)
        y.backward()
        #expect(y.item() == 32)
        #expect(x.grad!.item() == 64)
    }

    @Test("intermediate gradients are dropped unless retainGrad")
    func retainGrad() {
        let x = Variable(1.0)
        let a = exp(x)
        let y = a * a
        y.backward()
        #expect(a.grad == nil && y.grad == nil)
        #expect(x.grad != nil)
        let x2 = Variable(1.0)
        let a2 = exp(x2)
        let y2 = a2 * a2
        y2.backward(retainGrad: true)
        #expect(abs(a2.grad!.item() - 2 * Foundation.exp(1.0)) < 1e-12)
        #expect(y2.grad!.item() == 1)
    }

    @Test("without createGraph the gradient has no creator; with it, it does")
    func createGraph() {
        let x = Variable(2.0)
        (x ** 3).backward()
        #expect(x.grad!.creator == nil)
        x.clearGrad()
        (x ** 3).backward(createGraph: true)
        #expect(x.grad!.creator != nil)
    }

    @Test("unchainBackward stops backpropagation at the cut")
    func unchain() {
        let x = Variable(2.0)
        let a = square(x)
        let b = exp(a)
        let y = b * 3
        b.unchainBackward()
        #expect(a.creator == nil && b.creator != nil)
        y.backward(retainGrad: true)
        #expect(a.grad != nil)
        #expect(x.grad == nil)
    }

    @Test("a gradient of the wrong shape from a custom backward stops with a message")
    func wrongShapeGradient() async {
        await #expect(processExitsWith: .failure) {
            final class Bad: UnaryFunction {
                override func forward(_ x: NDArray) -> NDArray { x }
                override func backward(_ gy: Variable) -> Variable { Variable([1.0, 2.0]) }
            }
            Bad()(Variable(1.0)).backward()
        }
    }
}

@Suite("modes: no-grad and test mode")
struct ModeTests {
    @Test("withNoGrad records no creator and restores the mode afterwards")
    func noGrad() {
        let x = Variable(2.0)
        let y = withNoGrad { square(x) }
        #expect(y.creator == nil)
        #expect(y.item() == 4)
        #expect(Config.enableBackprop)
        #expect(square(x).creator != nil)
    }

    @Test("withTestMode flips Config.train inside only")
    func testMode() {
        #expect(Config.train)
        withTestMode { #expect(!Config.train) }
        #expect(Config.train)
    }

    @Test("modes are scoped per task: a no-grad task does not leak into a concurrent one")
    func concurrentModes() async {
        await withTaskGroup(of: (Bool, Bool).self) { group in
            for i in 0..<8 {
                group.addTask {
                    let x = Variable(1.0)
                    if i % 2 == 0 {
                        return await withNoGrad {
                            await Task.yield()
                            return (true, exp(x).creator == nil)
                        }
                    }
                    await Task.yield()
                    return (false, exp(x).creator != nil)
                }
            }
            for await (_, ok) in group { #expect(ok) }
        }
    }

    @Test("modes are scoped per thread")
    func threads() {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var sawRecording = false
        withNoGrad {
            let t = Thread {
                sawRecording = exp(Variable(1.0)).creator != nil
                done.signal()
            }
            t.start()
            done.wait()
        }
        #expect(sawRecording)
    }
}
