import Testing
import DeZero

// Layers used by the discovery tests. Parameters are tiny and named by content, so a test can
// tell them apart by value as well as by key.

private func param(_ v: Double) -> Parameter { Parameter(NDArray([v])) }

private final class Leaf: Layer {
    let W = param(1)
    let b = param(2)
}

/// Properties declared out of alphabetical order, mixed with things that are not parameters.
private final class Mixed: Layer {
    let zeta = param(10)
    let count = 3
    let alpha = Leaf()
    let plain = Variable(NDArray([5.0]))        // a Variable, not a Parameter: not listed
    let table = NDArray([1.0, 2.0, 3.0])
    let floats: [Float] = [1, 2, 3]
    let act: (Variable) -> Variable = { $0 }
    let mid = param(11)
}

private final class Containers: Layer {
    let blocks = [Leaf(), Leaf()]
    let ws = [param(20), param(21)]
    let named = ["b": param(31), "a": param(30), "c": param(32)]
    let heads: [String: Leaf] = ["y": Leaf(), "x": Leaf()]
    let grid = [[param(40)], [param(41), param(42)]]
    let none: [Parameter] = []
}

private class Base: Layer {
    let first = param(1)
}

private final class Derived: Base {
    let second = param(2)
}

private final class WithOptionals: Layer {
    let missing: Parameter? = nil
    let present: Parameter? = param(7)
    let maybeLayer: Leaf? = Leaf()
}

private final class WithLazy: Layer {
    let before = param(1)
    lazy var head = Leaf()
    let after = param(2)
}

private final class Replaceable: Layer {
    var w = param(1)
}

private final class Shared: Layer {
    let a: Leaf
    let b: Leaf
    let tied: Parameter
    let tiedAgain: Parameter
    init(_ leaf: Leaf) {
        a = leaf
        b = leaf
        tied = param(9)
        tiedAgain = tied
        super.init()
    }
}

private final class Cyclic: Layer {
    let own = param(1)
    var partner: Cyclic?
}

private final class RenamedKeys: Layer {
    let avgMean = param(1)
    let gamma = param(2)
    override func key(forProperty name: String, elementPath: [String]) -> String {
        name == "avgMean" ? "avg_mean" : super.key(forProperty: name, elementPath: elementPath)
    }
}

private func values(_ layer: Layer) -> [Double] { layer.params.map { $0.data.item() } }

@Suite("layers: parameter discovery")
struct LayerDiscoveryTests {
    @Test("declaration order, nested layers give slash keys, non-parameters are ignored")
    func declarationOrderAndNesting() {
        let m = Mixed()
        #expect(m.namedParams.map(\.key) == ["zeta", "alpha/W", "alpha/b", "mid"])
        #expect(values(m) == [10, 1, 2, 11])
        #expect(m.params.allSatisfy { $0 !== m.plain })
    }

    @Test("arrays and dictionaries of layers and parameters, keys sorted, nested arrays")
    func containers() {
        let c = Containers()
        #expect(c.namedParams.map(\.key) == [
            "blocks/0/W", "blocks/0/b", "blocks/1/W", "blocks/1/b",
            "ws/0", "ws/1",
            "named/a", "named/b", "named/c",
            "heads/x/W", "heads/x/b", "heads/y/W", "heads/y/b",
            "grid/0/0", "grid/1/0", "grid/1/1",
        ])
        #expect(values(c)[4...8] == [20, 21, 30, 31, 32])
        #expect(c.namedParams.first { $0.key == "heads/y/W" }!.parameter === c.heads["y"]!.W)
    }

    @Test("superclass parameters come first")
    func superclass() {
        #expect(Derived().namedParams.map(\.key) == ["first", "second"])
    }

    @Test("optionals: nil ones are skipped, others unwrapped")
    func optionals() {
        let o = WithOptionals()
        #expect(o.namedParams.map(\.key) == ["present", "maybeLayer/W", "maybeLayer/b"])
    }

    @Test("a lazy var counts under its own name once used, even after the list was read")
    func lazyVar() {
        let l = WithLazy()
        #expect(l.namedParams.map(\.key) == ["before", "after"])
        _ = l.head  // initialises the lazy storage
        let keys = l.namedParams.map(\.key)
        #expect(keys == ["before", "head/W", "head/b", "after"])
        #expect(!keys.contains { $0.contains("$") })
    }

    @Test("the list is cached; invalidateParameterCache() reads the properties again")
    func caching() {
        let r = Replaceable()
        let original = r.w
        #expect(r.params.map(ObjectIdentifier.init) == [ObjectIdentifier(original)])
        let replacement = param(2)
        r.w = replacement
        #expect(r.params[0] === original)  // still the cached list
        r.invalidateParameterCache()
        #expect(r.params[0] === replacement)
    }

    @Test("shared layers and tied parameters are listed once, under their first key")
    func sharedParts() {
        let s = Shared(Leaf())
        #expect(s.namedParams.map(\.key) == ["a/W", "a/b", "tied"])
        #expect(s.params.count == 3)
    }

    @Test("a reference cycle between layers does not loop")
    func cycle() {
        let a = Cyclic(), b = Cyclic()
        a.partner = b
        b.partner = a
        #expect(a.namedParams.map(\.key) == ["own", "partner/own"])
        a.partner = nil  // break the cycle so both are freed
    }

    @Test("a layer can give a property DeZero's key")
    func keyOverride() {
        #expect(RenamedKeys().namedParams.map(\.key) == ["avg_mean", "gamma"])
    }

    @Test("clearGrads drops every gradient, nested ones included")
    func clearGrads() {
        let m = Mixed()
        for p in m.params { p.grad = Variable(NDArray([1.0])) }
        m.plain.grad = Variable(NDArray([1.0]))
        m.clearGrads()
        #expect(m.params.allSatisfy { $0.grad == nil })
        #expect(m.plain.grad != nil)  // not a parameter of the layer
    }
}
