// How a layer finds its parameters and sublayers without registration: by reflecting over its
// stored properties. DeZero does this with `__setattr__`, which records every attribute that is
// a Parameter or a Layer; Swift has no such hook, so the stored properties are read with
// `Mirror` once, on first use, and cached by the layer.

/// One part of a layer found by reflection: a parameter or a sublayer, with its key.
struct LayerMember {
    enum Part {
        case parameter(Parameter)
        case layer(Layer)
    }
    /// The key relative to the layer that owns the property (`W`, `l1`, `l0` for MLP's first layer).
    let key: String
    let part: Part
}

/// The members of a layer and whether the list is final (it is not while a `lazy var` that
/// can hold a layer or parameter has not been touched yet: it may still appear).
struct DiscoveredMembers {
    let members: [LayerMember]
    let isComplete: Bool
}

enum ParameterDiscovery {
    /// The label Swift gives the storage of `lazy var name` in a mirror.
    static let lazyStoragePrefix = "$__lazy_storage_$_"

    /// Reads the stored properties of `layer`, its superclasses' first (so a base class's
    /// parameters come before a subclass's), each class's in declaration order.
    static func members(of layer: Layer) -> DiscoveredMembers {
        var chain: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: layer)
        while let m = mirror {
            // Layer's own stored properties are bookkeeping, never parts.
            if m.subjectType != Layer.self { chain.append(m) }
            mirror = m.superclassMirror
        }
        var members: [LayerMember] = []
        var complete = true
        for m in chain.reversed() {
            for child in m.children {
                guard var name = child.label else { continue }
                let isLazy = name.hasPrefix(lazyStoragePrefix)
                if isLazy { name.removeFirst(lazyStoragePrefix.count) }
                var found: [(path: [String], part: LayerMember.Part)] = []
                let settled = collect(child.value, path: [], into: &found)
                if isLazy && !settled { complete = false }
                for f in found {
                    members.append(LayerMember(key: layer.key(forProperty: name, elementPath: f.path), part: f.part))
                }
            }
        }
        return DiscoveredMembers(members: members, isComplete: complete)
    }

    /// Adds the parameters and layers held by `value` (directly, in an optional, or in arrays
    /// and string-keyed dictionaries of them, nested to any depth; dictionary keys sorted).
    /// Returns false when `value` is an empty optional whose type could hold a part.
    @discardableResult
    static func collect(_ value: Any, path: [String], into found: inout [(path: [String], part: LayerMember.Part)]) -> Bool {
        // The casts look through a non-empty optional.
        if let p = value as? Parameter {
            found.append((path, .parameter(p)))
            return true
        }
        if let l = value as? Layer {
            found.append((path, .layer(l)))
            return true
        }
        let type = Swift.type(of: value)
        if let optionalType = type as? any OptionalTypeProbe.Type {
            // An empty optional (a nil one fails the casts above, a non-empty one of another type lands here).
            guard let wrapped = Mirror(reflecting: value).children.first?.value else {
                return !canHoldParts(optionalType.discoveryWrappedType)
            }
            return collect(wrapped, path: path, into: &found)
        }
        if let arrayType = type as? any ArrayTypeProbe.Type, canHoldParts(arrayType.discoveryElementType),
           let array = value as? any ArrayTypeProbe {
            for (i, element) in array.discoveryElements.enumerated() {
                collect(element, path: path + [String(i)], into: &found)
            }
            return true
        }
        if let dictType = type as? any DictionaryTypeProbe.Type, dictType.discoveryKeyType == String.self,
           canHoldParts(dictType.discoveryValueType), let dict = value as? any DictionaryTypeProbe {
            for (key, element) in dict.discoveryEntries {
                collect(element, path: path + [key], into: &found)
            }
            return true
        }
        return true
    }

    /// Whether a value of static type `type` can hold a parameter or a layer.
    static func canHoldParts(_ type: Any.Type) -> Bool {
        if type is Parameter.Type || type is Layer.Type { return true }
        if let o = type as? any OptionalTypeProbe.Type { return canHoldParts(o.discoveryWrappedType) }
        if let a = type as? any ArrayTypeProbe.Type { return canHoldParts(a.discoveryElementType) }
        if let d = type as? any DictionaryTypeProbe.Type { return d.discoveryKeyType == String.self && canHoldParts(d.discoveryValueType) }
        return false
    }
}

// Static type information from containers, through protocols the standard containers adopt
// here, so discovery decides from a property's type whether to look inside it, and never
// casts the elements of, say, a large [Float] one by one.

protocol OptionalTypeProbe {
    static var discoveryWrappedType: Any.Type { get }
}

extension Optional: OptionalTypeProbe {
    static var discoveryWrappedType: Any.Type { Wrapped.self }
}

protocol ArrayTypeProbe {
    static var discoveryElementType: Any.Type { get }
    var discoveryElements: [Any] { get }
}

extension Array: ArrayTypeProbe {
    static var discoveryElementType: Any.Type { Element.self }
    var discoveryElements: [Any] { map { $0 } }
}

protocol DictionaryTypeProbe {
    static var discoveryKeyType: Any.Type { get }
    static var discoveryValueType: Any.Type { get }
    var discoveryEntries: [(String, Any)] { get }
}

extension Dictionary: DictionaryTypeProbe {
    static var discoveryKeyType: Any.Type { Key.self }
    static var discoveryValueType: Any.Type { Value.self }
    var discoveryEntries: [(String, Any)] {
        // Only used for String keys (checked by the caller).
        map { ("\($0.key)", $0.value as Any) }.sorted { $0.0 < $1.0 }
    }
}
