import HeapModule
import Synchronization

/// One run of backpropagation: a max-heap of functions keyed by generation, so a function
/// runs only after every function that feeds gradient into its outputs (the book's Step 16),
/// and a mark per function so each is queued once.
///
/// A chain (each function feeding the next) never has more than one function waiting, so the
/// first waiting function is held in `next` outside the heap; the heap is used only while two
/// or more wait. The order is the heap's either way: one entry is trivially the maximum.
struct BackwardPass {
    let retainGrad: Bool
    /// Whether the pass records the graph of the backward computation (`createGraph`).
    let createGraph: Bool
    private let mark: UInt64
    private var queue = Heap<Entry>()
    /// The only waiting function while `queue` is empty.
    private var next: Entry?
    private var sequence = 0

    /// Heap entry: larger generation first; among equals, the one queued first.
    private struct Entry: Comparable {
        let generation: Int
        let sequence: Int
        let function: Function
        static func < (a: Entry, b: Entry) -> Bool {
            a.generation != b.generation ? a.generation < b.generation : a.sequence > b.sequence
        }
        static func == (a: Entry, b: Entry) -> Bool { a.generation == b.generation && a.sequence == b.sequence }
    }

    private static let passCounter = Atomic<UInt64>(0)

    init(retainGrad: Bool, createGraph: Bool) {
        self.retainGrad = retainGrad
        self.createGraph = createGraph
        mark = BackwardPass.passCounter.add(1, ordering: .relaxed).newValue
    }

    mutating func enqueue(_ f: Function) {
        guard f.visitMark != mark else { return }
        f.visitMark = mark
        let entry = Entry(generation: f.generation, sequence: sequence, function: f)
        sequence &+= 1
        if queue.isEmpty {
            guard let waiting = next else {
                next = entry
                return
            }
            next = nil
            queue.insert(waiting)
        }
        queue.insert(entry)
    }

    /// Adds `gx` to `x.grad` (a new variable, never in place, so a graph built with
    /// `createGraph` stays correct) and queues the function that made `x`.
    mutating func accumulate(_ gx: Variable, into x: Variable, from f: Function) {
        if gx.shape != x.shape {
            dezeroFailure("\(type(of: f)).backward: gradient of shape \(shapeDescription(gx.shape)) for an input of shape \(shapeDescription(x.shape))")
        }
        if let g = x.grad { x.grad = g + gx } else { x.grad = gx }
        if let c = x.creator { enqueue(c) }
    }

    mutating func run() {
        while true {
            let entry: Entry
            if let waiting = next {
                next = nil
                entry = waiting
            } else if let top = queue.popMax() {
                entry = top
            } else {
                return
            }
            entry.function.propagate(&self)
        }
    }
}

extension Variable {
    /// Computes the gradient of this variable with respect to every variable it depends on,
    /// accumulating into their ``grad``.
    ///
    /// - Parameters:
    ///   - retainGrad: keep the gradients of intermediate variables (by default only leaves keep theirs).
    ///   - createGraph: record the backward computation itself, so gradients can be differentiated
    ///     again (higher-order derivatives).
    ///
    /// If ``grad`` is `nil`, backpropagation starts from ones. On a variable with no creator it
    /// just sets that gradient. Calling backward twice adds to the leaves' gradients, as in DeZero;
    /// call ``clearGrad()`` in between to start afresh.
    ///
    /// With `createGraph`, a gradient usually depends on the variable it belongs to (`x.grad`
    /// of `tanh(x)` is recorded from `x`), so `x` holds a graph that holds `x`: reference
    /// counting cannot free that cycle (Python's garbage collector does). Call ``clearGrad()``
    /// on such a variable once its recorded gradient is no longer needed (the example does, before
    /// its second backward, which records nothing).
    ///
    /// ```swift
    /// let x = Variable(2.0)
    /// let y = x ** 4 - 2 * x ** 2
    /// y.backward(createGraph: true)
    /// let gx = x.grad!           // 24
    /// x.clearGrad()
    /// gx.backward()
    /// print(x.grad!)             // variable(44.0)
    /// ```
    public func backward(retainGrad: Bool = false, createGraph: Bool = false) {
        // The starting gradient is data: a recorded backward does not differentiate into it.
        if grad == nil { grad = Variable(NDArray.ones(shape, dtype: dtype), requiresGrad: false) }
        guard let f = creator else { return }
        Config.backprop.withValue(createGraph) {
            var pass = BackwardPass(retainGrad: retainGrad, createGraph: createGraph)
            pass.enqueue(f)
            pass.run()
        }
    }
}
