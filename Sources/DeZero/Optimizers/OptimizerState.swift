/// An optimizer's state, for a training checkpoint: the step count and each parameter's state
/// arrays (Adam's `m` and `v`, the momentum `v`, …) under the parameter's key.
///
/// ```swift
/// let saved = optimizer.state                 // ["l0/W": ["m": …, "v": …], …]
/// let flat = saved.flattened                  // ["l0/W/m": …, "l0/W/v": …, …] for a file
/// // … later, with the same model structure:
/// try optimizer.loadState(OptimizerState(iteration: saved.iteration, flattened: flat))
/// ```
public struct OptimizerState: Sendable, Equatable {
    /// Calls of `update()` so far (Adam's `t`).
    public var iteration: Int
    /// Parameter key → state name → array. Parameters never updated have no entry.
    public var slots: [String: [String: NDArray]]

    /// A state with the given step count and arrays (empty by default).
    public init(iteration: Int = 0, slots: [String: [String: NDArray]] = [:]) {
        self.iteration = iteration
        self.slots = slots
    }

    /// The arrays under one flat key each, `parameterKey/stateName` (`l0/W/m`).
    public var flattened: [String: NDArray] {
        var out: [String: NDArray] = [:]
        for (key, named) in slots {
            for (name, array) in named { out[key + "/" + name] = array }
        }
        return out
    }

    /// Rebuilds the state from ``flattened`` arrays: each key splits at its last `/`.
    public init(iteration: Int, flattened: [String: NDArray]) {
        var slots: [String: [String: NDArray]] = [:]
        for (flatKey, array) in flattened {
            let cut = flatKey.lastIndex(of: "/") ?? flatKey.startIndex
            let key = String(flatKey[..<cut])
            let name = String(flatKey[cut...].drop { $0 == "/" })
            slots[key, default: [:]][name] = array
        }
        self.init(iteration: iteration, slots: slots)
    }
}

/// Why ``Optimizer/loadState(_:)`` refused a state; every problem found is listed.
///
/// ```swift
/// do { try optimizer.loadState(saved) } catch { print(error) }   // every mismatch, in one line
/// ```
public struct OptimizerStateError: Error, CustomStringConvertible, Equatable {
    /// One line per problem.
    public let problems: [String]

    /// "optimizer state does not fit the model: " and the problems, joined by `; `.
    public var description: String {
        "optimizer state does not fit the model: " + problems.joined(separator: "; ")
    }
}

extension Optimizer {
    /// The current state, keyed by the target's parameter keys.
    public var state: OptimizerState {
        var out = OptimizerState(iteration: iteration)
        guard let target, !slotNames.isEmpty else { return out }
        for (key, p) in target.namedParams {
            guard let s = slots[ObjectIdentifier(p)], s.matches(p) else { continue }
            out.slots[key] = Dictionary(uniqueKeysWithValues: zip(slotNames, s.arrays(count: slotNames.count)))
        }
        return out
    }

    /// Restores a state taken with ``state`` (from this or another optimizer of the same kind
    /// over a model of the same structure). Nothing changes unless the whole state fits:
    /// every key names a parameter of the target, and every parameter's arrays are the ones
    /// this optimizer keeps, with the parameter's shape and dtype.
    ///
    /// - Throws: ``OptimizerStateError`` listing every mismatch.
    public func loadState(_ state: OptimizerState) throws(OptimizerStateError) {
        guard let target else { throw OptimizerStateError(problems: ["call setup(_:) with the model before loading state"]) }
        var problems: [String] = []
        if state.iteration < 0 { problems.append("negative iteration \(state.iteration)") }
        let byKey = Dictionary(target.namedParams.map { ($0.key, $0.parameter) }, uniquingKeysWith: { a, _ in a })
        var restored: [ObjectIdentifier: OptimizerSlot] = [:]
        for key in state.slots.keys.sorted() {
            let named = state.slots[key]!
            guard let p = byKey[key] else {
                problems.append("no parameter \(key) in the model")
                continue
            }
            guard Set(named.keys) == Set(slotNames) else {
                problems.append("\(key) has state \(named.keys.sorted()), \(type(of: self)) keeps \(slotNames.sorted())")
                continue
            }
            var arrays: [NDArray] = []
            for name in slotNames {
                let a = named[name]!
                if a.shape != p.shape || a.dtype != p.dtype {
                    problems.append("\(key)/\(name) is \(shapeDescription(a.shape)) \(a.dtype), the parameter is \(shapeDescription(p.shape)) \(p.dtype)")
                }
                arrays.append(a)
            }
            restored[ObjectIdentifier(p)] = OptimizerSlot(param: p, arrays: arrays)
        }
        guard problems.isEmpty else { throw OptimizerStateError(problems: problems) }
        slots = restored
        iteration = state.iteration
    }
}
