/// Merging lists by key, following kyaml's associative-sequence walk step by step (including
/// its quirks with elements that lack a merge key), because the element order and which
/// elements survive are visible in the rendered output.
extension Walker {
    mutating func walkAssociativeList(dest: Node?, origin: Node?, shape: PatchSchema.Shape,
                                      path: [String]) throws(RenderError) -> Outcome {
        let target: Node
        if dest == nil || dest?.isNull == true {
            guard let origin else { return Outcome(node: nil, isDest: false) }
            target = origin
        } else if let origin, origin.isNull {
            return Outcome(node: nil, isDest: false)
        } else {
            target = dest ?? .sequence()
        }
        let keys = shape.mergeKeys ?? []
        let sources = [origin, target].compactMap { $0 }   // kustomize prepends: patch first
        let values = Self.elementValues(sources, keys: keys)
        var merged = ListMerge(target: target.elements, origin: origin?.elements ?? [],
                               elementShape: schema.elements(of: shape), path: path)
        let items: [Node]?
        if !values.isEmpty || !keys.isEmpty {
            items = try merged.run(values: values, keys: keys, walker: &self)
        } else {
            items = try merged.run(values: Self.primitiveValues(sources), keys: [""], walker: &self)
        }
        guard let items else { return Outcome(node: target, isDest: true) }
        return Outcome(node: Node(.sequence(items), origin: target.origin), isDest: false)
    }

    /// Each element's merge-key values, patch elements first, without repeats.
    static func elementValues(_ sources: [Node], keys: [String]) -> [[String]] {
        var result: [[String]] = []
        for source in sources {
            for element in source.elements {
                let values = keys.map { key -> String in
                    guard let field = element[key], !field.isNilOrEmpty else { return "" }
                    return field.valueText
                }
                if values.isEmpty || result.contains(values) { continue }
                result.append(values)
            }
        }
        return result
    }

    /// A list merged by value (a merge strategy without keys, e.g. `finalizers`).
    static func primitiveValues(_ sources: [Node]) -> [[String]] {
        var seen = Set<String>()
        var result: [[String]] = []
        for source in sources {
            for element in source.elements where seen.insert(element.valueText).inserted {
                result.append([element.valueText])
            }
        }
        return result
    }
}

/// The state of one list merge: the target's elements (updated where kyaml would have merged
/// an element in place) and the elements collected from the walk.
struct ListMerge {
    var target: [Node]
    let origin: [Node]
    let elementShape: PatchSchema.Shape?
    let path: [String]

    /// Returns nil when there was nothing to merge (the target list stays as it is).
    mutating func run(values valuesList: [[String]], keys: [String], walker: inout Walker) throws(RenderError) -> [Node]? {
        var valuesList = valuesList
        if keys.count > 1 { valuesList = Self.mergeValues(valuesList) }
        var collected: [Node] = []
        var validKeys = keys
        for values in valuesList where !values.isEmpty {
            let valid = Self.validate(valuesList, values: values, keys: keys)
            validKeys = valid.keys
            let lookup = Self.validate([valid.values], values: valid.values, keys: valid.keys)
            let targetIndex = try Self.firstMatch(in: target, keys: lookup.keys, values: lookup.values)
            let originIndex = try Self.firstMatch(in: origin, keys: lookup.keys, values: lookup.values)
            let outcome = try walker.walk(dest: targetIndex.map { target[$0] },
                                          origin: originIndex.map { origin[$0] },
                                          shape: elementShape, path: path + ["[\(values.joined(separator: ","))]"])
            guard var element = outcome.node, !element.isNull, !element.isEmptyMapping else {
                target = try Self.setElement(nil, in: target, keys: valid.keys, values: valid.values)
                continue
            }
            for (key, value) in zip(valid.keys, valid.values) where !key.isEmpty && element.isMapping {
                if element[key] == nil && !value.isEmpty { element[key] = .string(value, origin: element.origin) }
            }
            if outcome.isDest, let targetIndex { target[targetIndex] = element }
            collected = try Self.setElement(element, in: collected, keys: valid.keys, values: valid.values)
        }
        guard !valuesList.isEmpty else { return nil }
        return try Self.appendList(target, to: collected, keys: validKeys)
    }

    // MARK: kyaml's list primitives, on values

    /// Keys whose values are known somewhere in the list; elements lacking a secondary key
    /// (e.g. a port without `protocol`) still match on the others.
    static func validate(_ valuesList: [[String]], values: [String], keys: [String]) -> (keys: [String], values: [String]) {
        var known = Set<String>()
        for list in valuesList {
            for (index, value) in list.enumerated() where !value.isEmpty && index < keys.count { known.insert(keys[index]) }
        }
        guard !known.isEmpty else { return (keys, values) }
        let validKeys = keys.filter(known.contains)
        var validValues: [String] = []
        for (index, value) in values.enumerated() where !value.isEmpty || (index < keys.count && known.contains(keys[index])) {
            validValues.append(value)
        }
        return (validKeys, validValues)
    }

    /// Multi-key lists: two value tuples that agree on one key and differ only where one side is
    /// empty are the same element (a port with and without `protocol: TCP`).
    static func mergeValues(_ input: [[String]]) -> [[String]] {
        var list = input
        for i in list.indices {
            let first = list[i]
            for j in list.indices {
                if let combined = match(first, list[j]) {
                    list[i] = combined
                    list[j] = combined
                }
            }
        }
        return list
    }

    private static func match(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count == b.count else { return nil }
        var common = false
        var result: [String] = []
        for (x, y) in zip(a, b) {
            if x == y {
                common = true
                result.append(x)
            } else if !x.isEmpty && !y.isEmpty {
                return nil
            } else {
                result.append(x.isEmpty ? y : x)
            }
        }
        return common ? result : nil
    }

    /// The first element whose key fields have exactly these values (kyaml's ElementList).
    static func firstMatch(in list: [Node], keys: [String], values: [String]) throws(RenderError) -> Int? {
        guard keys.count == values.count else {
            throw RenderError(.transform, "length of keys must equal length of values when MatchAnyValue is false")
        }
        if keys.first?.isEmpty ?? true {
            let wanted = values.first ?? ""
            return list.firstIndex { $0.valueText == wanted }
        }
        return list.firstIndex { element in
            element.isMapping && zip(keys, values).allSatisfy { key, value in element[key]?.valueText == value }
        }
    }

    /// kyaml's ElementSetter: replaces (or, with nil, removes) the elements matching the key
    /// values, appends when none matched, and drops empty elements on the way.
    static func setElement(_ element: Node?, in list: [Node], keys inputKeys: [String], values: [String]) throws(RenderError) -> [Node] {
        let keys = inputKeys.isEmpty ? [""] : inputKeys
        let matchesMappings = !keys[0].isEmpty && !(values.first ?? "").isEmpty
        var result: [Node] = []
        var matchedAny = false
        for item in list {
            if item.isNull || item.isEmptyMapping { continue }
            if !item.isMapping && matchesMappings {
                result.append(item)
                continue
            }
            var found = !values.isEmpty
            for (index, key) in keys.enumerated() where index < values.count {
                if try !fieldMatches(item, name: key, value: values[index]) {
                    found = false
                    break
                }
            }
            if !found {
                if !values.isEmpty { result.append(item) }
                continue
            }
            matchedAny = true
            if let element { result.append(element) }
        }
        guard let element, !element.isNull else { return result }
        if !matchedAny { result.append(element) }
        return result
    }

    /// kyaml's FieldMatcher with a string value: an empty value only asks for the field.
    private static func fieldMatches(_ item: Node, name: String, value: String) throws(RenderError) -> Bool {
        if name.isEmpty {
            guard item.isScalar else {
                throw RenderError(.transform, "wrong node kind: expected ScalarNode but got \(item.kindName)", at: item.origin)
            }
            return item.valueText == value
        }
        guard item.isMapping else {
            throw RenderError(.transform, "wrong node kind: expected MappingNode but got \(item.kindName)", at: item.origin)
        }
        guard let field = item[name] else { return false }
        return value.isEmpty || field.valueText == value
    }

    /// kyaml's appendMissingListNode: the target's elements that the walk did not produce
    /// (no element with the same key values among the collected ones) follow, in their order.
    static func appendList(_ source: [Node], to destination: [Node], keys: [String]) throws(RenderError) -> [Node] {
        var result = destination
        for element in source {
            if keys.first?.isEmpty ?? true {
                if !result.contains(where: { $0.valueText == element.valueText }) { result.append(element) }
                continue
            }
            guard element.isMapping, keys.allSatisfy({ element[$0] != nil }) else {
                result.append(element)
                continue
            }
            let values = keys.map { element[$0]?.valueText ?? "" }
            if try firstMatch(in: result, keys: keys, values: values) == nil { result.append(element) }
        }
        return result
    }
}

extension Node {
    var isEmptyMapping: Bool {
        if case .mapping(let entries) = value { return entries.isEmpty }
        return false
    }

    /// kyaml's IsNilOrEmpty for a field value: null, or an empty map or list.
    var isNilOrEmpty: Bool {
        switch value {
        case .scalar(let scalar): scalar.tag == .null
        case .mapping(let entries): entries.isEmpty
        case .sequence(let items): items.isEmpty
        }
    }
}
