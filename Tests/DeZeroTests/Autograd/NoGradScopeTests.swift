import Foundation
import Testing
@testable import DeZero

/// `Config.enableBackprop` skips its task-local lookup on threads that run no task while no
/// no-grad scope is open. These tests run on plain threads (where that shortcut applies) and
/// check that it never shows a value other than the one the scopes say.
@Suite("no-grad scopes on plain threads and escaping tasks")
struct NoGradScopeTests {
    /// Runs `body` on a new thread that runs no task, and waits for it.
    private func onPlainThread<R>(_ body: @escaping @Sendable () -> R) -> R {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: R?
        let thread = Thread {
            result = body()
            done.signal()
        }
        thread.start()
        done.wait()
        return result!
    }

    private static func records() -> Bool { exp(Variable(1.0)).creator != nil }

    @Test("a thread outside any scope records while another thread is inside one")
    func concurrentThreads() {
        let firstChecked = DispatchSemaphore(value: 0)
        let insideOpen = DispatchSemaphore(value: 0), outsideChecked = DispatchSemaphore(value: 0)
        let insideDone = DispatchSemaphore(value: 0), allDone = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outside: [Bool] = []
        nonisolated(unsafe) var inside: [Bool] = []
        let a = Thread {
            withNoGrad {
                inside.append(Self.records())
                insideOpen.signal()
                outsideChecked.wait()  // the other thread reads while this scope is open
                inside.append(Self.records())
            }
            inside.append(Self.records())
            insideDone.signal()
            allDone.signal()
        }
        let b = Thread {
            outside.append(Self.records())  // before any scope: the shortcut
            firstChecked.signal()
            insideOpen.wait()
            outside.append(Self.records())  // a scope is open elsewhere: the lookup
            outside.append(Config.enableBackprop)
            outsideChecked.signal()
            insideDone.wait()
            outside.append(Self.records())
            allDone.signal()
        }
        b.start()
        firstChecked.wait()
        a.start()
        allDone.wait()
        allDone.wait()
        #expect(outside == [true, true, true, true])
        #expect(inside == [false, false, true])
    }

    @Test("nested scopes on a plain thread: no-grad inside no-grad, a recording backward inside no-grad")
    func nestedScopes() {
        let seen: [Bool] = onPlainThread {
            var seen: [Bool] = []
            let x = Variable(0.5)
            let y = sin(x)  // recorded: made outside any scope
            seen.append(Config.enableBackprop)
            withNoGrad {
                seen.append(Config.enableBackprop)
                withNoGrad { seen.append(Config.enableBackprop) }
                seen.append(Config.enableBackprop)
                // createGraph binds recording for the pass: the gradient has a creator
                y.backward(createGraph: true)
                seen.append(x.grad?.creator != nil)
                seen.append(Config.enableBackprop)
            }
            seen.append(Config.enableBackprop)
            // a plain backward binds no-recording for its pass only
            x.clearGrad()
            sin(x).backward()
            seen.append(x.grad?.creator == nil)
            seen.append(Self.records())
            return seen
        }
        #expect(seen == [true, false, false, false, true, false, true, true, true])
    }

    @Test("a task started inside a no-grad scope keeps no-grad after the scope has ended")
    func escapingTask() async {
        let (gate, open) = AsyncStream<Void>.makeStream()
        let task: Task<Bool, Never> = onPlainThread {
            let task = withNoGrad {
                Task {
                    for await _ in gate { break }  // runs only after the scope below has ended
                    return exp(Variable(1.0)).creator == nil
                }
            }
            open.yield()
            open.finish()
            return task
        }
        #expect(await task.value)
        #expect(Self.records())
    }

    @Test("a backward pass tells built-in formulas whether it records, and forgets it afterwards")
    func passFlagIsScoped() {
        let x = Variable(0.5)
        let y = sin(x)
        let f = y.creator!
        y.backward(createGraph: true)
        #expect(f.passRecordsGraph == nil)
        #expect(x.grad?.creator != nil)
        // called directly, outside a pass, the formula follows the current mode
        let g = withNoGrad { (f as! Sin).backward(Variable(1.0)) }
        #expect(g.creator == nil)
        #expect((f as! Sin).backward(Variable(1.0)).creator != nil)
    }
}
