import Foundation
import Testing
import DeZero

@Suite("memory: graphs are freed")
struct MemoryTests {
    @Test("functions hold outputs weakly: dropping the output frees the whole graph")
    func graphFreed() {
        weak var weakFunction: Function?
        weak var weakIntermediate: Variable?
        weak var weakOutput: Variable?
        let x = Variable(0.5)
        do {
            let a = exp(x)
            let y = square(a)
            weakFunction = y.creator
            weakIntermediate = a
            weakOutput = y
            #expect(weakFunction != nil && weakIntermediate != nil)
        }
        #expect(weakOutput == nil)
        #expect(weakFunction == nil)
        #expect(weakIntermediate == nil)
        #expect(x.grad == nil)
    }

    @Test("a function's outputs list forgets a dead output")
    func outputsForgotten() {
        let x = Variable(1.0)
        var f: Function?
        do {
            let y = sin(x)
            f = y.creator
            #expect(f!.outputs.count == 1 && f!.outputs[0] != nil)
        }
        #expect(f!.outputs[0] == nil)
    }

    @Test("a million-operation chain builds, differentiates and frees on a 512 KiB stack")
    func millionChain() {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var grad = 0.0
        nonisolated(unsafe) var freed = false
        let thread = Thread {
            let x = Variable(0.5)
            weak var weakY: Variable?
            do {
                var y = x
                for _ in 0..<1_000_000 { y = sin(y) }
                y.backward()
                weakY = y
            }
            freed = weakY == nil
            grad = x.grad!.item()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        // d/dx of sin applied n times is the product of cos along the chain.
        var v = 0.5, expected = 1.0
        for _ in 0..<1_000_000 { expected *= cos(v); v = sin(v) }
        #expect(freed)
        #expect(abs(grad - expected) <= 1e-9 * abs(expected))
    }

    @Test("a recorded gradient's graph holds its variable; clearGrad frees them (W4's pattern)")
    func recordedGradientFreedByClearGrad() {
        weak var weakX: Variable?
        weak var weakY: Variable?
        weak var weakGrad: Variable?
        var third = 0.0
        do {
            let x = Variable(1.0)
            let y = tanh(x)
            y.backward(createGraph: true)
            for _ in 0..<2 {
                let gx = x.grad!
                x.clearGrad()
                gx.backward(createGraph: true)
            }
            third = x.grad!.item()
            weakX = x
            weakY = y
            weakGrad = x.grad
            #expect(weakGrad?.creator != nil)
            x.clearGrad()
        }
        // The third derivative of tanh: -2 (1 - t^2)(1 - 3 t^2) with t = tanh(1).
        let t = Foundation.tanh(1.0)
        #expect(abs(third - (-2 * (1 - t * t) * (1 - 3 * t * t))) < 1e-12)
        #expect(weakGrad == nil)
        #expect(weakY == nil)
        #expect(weakX == nil)
    }
}
