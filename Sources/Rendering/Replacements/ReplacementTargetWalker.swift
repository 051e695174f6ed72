/// Finds every node a replacement target path names and hands each to `visit` in place (kyaml's
/// `PathMatcher`): numbers index sequences, `*` enters every element, `[k=v]` enters every mapping
/// whose `k` matches the regex `v` anywhere, `[=v]` picks matching scalars. With `create`, missing
/// fields, a `[k=v]` entry and the element just past the end of a list are added on the way.
struct ReplacementTargetWalker {
    enum CreatedKind { case scalar, mapping, sequence }

    let parts: [String]
    /// The kind of the leaf to create (the replacement value's kind); nil leaves the tree alone.
    let create: CreatedKind?
    /// Origin given to nodes the walk creates (the replacement that asked for them).
    var createdOrigin: Origin?
    /// Called for each target; the flag says the node was just created (a scalar placeholder).
    typealias Visit = (inout Node, _ created: Bool) throws(RenderError) -> Void

    /// Visits every match and returns how many there were.
    func walk(_ node: inout Node, visit: Visit) throws(RenderError) -> Int {
        try walk(&node, at: 0, created: false, walked: [], visit: visit)
    }

    private func walk(_ node: inout Node, at position: Int, created: Bool, walked: [String], visit: Visit) throws(RenderError) -> Int {
        guard position < parts.count else {
            try visit(&node, created)
            return 1
        }
        let part = parts[position]
        if let index = Int(part), index >= 0 {
            return try walkIndex(index, in: &node, at: position, walked: walked, visit: visit)
        }
        if PathPart.isBracketed(part) {
            guard case .element(let key, let value) = try PathPart.element(part) else { return 0 }
            return try walkElements(key: key, value: value, in: &node, at: position, walked: walked, visit: visit)
        }
        if part == "*" {
            return try walkEvery(in: &node, at: position, walked: walked, visit: visit)
        }
        return try walkField(part, in: &node, at: position, walked: walked, visit: visit)
    }

    private func walkField(_ name: String, in node: inout Node, at position: Int, walked: [String], visit: Visit) throws(RenderError) -> Int {
        let path = walked + [name]
        if node.isNull {
            guard create != nil else { return 0 }
            node = .mapping(origin: createdOrigin ?? node.origin)
        }
        guard node.isMapping else { throw ReplacementLookup.wrongKind(node, expected: "MappingNode", walked: walked[...]) }
        if var child = node[name] {
            let count = try walk(&child, at: position + 1, created: false, walked: path, visit: visit)
            node[name] = child
            return count
        }
        guard let fresh = newNode(after: position) else { return 0 }
        var child = fresh
        let count = try walk(&child, at: position + 1, created: true, walked: path, visit: visit)
        node[name] = child
        return count
    }

    private func walkIndex(_ index: Int, in node: inout Node, at position: Int, walked: [String], visit: Visit) throws(RenderError) -> Int {
        var items = try elements(of: node, walked: walked)
        var created = false
        if items.count == index, let fresh = newNode(after: position) {
            items.append(fresh)
            created = true
        }
        guard index < items.count else {
            throw RenderError(.transform, "index \(index) specified but only \(items.count) elements found", at: node.origin)
        }
        let count = try walk(&items[index], at: position + 1, created: created, walked: walked, visit: visit)
        node.value = .sequence(items)
        return count
    }

    private func walkEvery(in node: inout Node, at position: Int, walked: [String], visit: Visit) throws(RenderError) -> Int {
        var items = try elements(of: node, walked: walked)
        guard !items.isEmpty else { return 0 }
        var count = 0
        for index in items.indices {
            count += try walk(&items[index], at: position + 1, created: false, walked: walked, visit: visit)
        }
        node.value = .sequence(items)
        return count
    }

    private func walkElements(key: String, value: String, in node: inout Node, at position: Int, walked: [String], visit: Visit) throws(RenderError) -> Int {
        let pattern = try ReplacementPattern(value)
        var items = try elements(of: node, walked: walked)
        var count = try visitMatching(&items, key: key, pattern: pattern, from: 0, at: position, created: false, walked: walked, visit: visit)
        if count == 0, create != nil {
            // kyaml appends the entry the path describes, then searches again and finds it.
            let entryValue = Node.scalar(value, tag: ScalarResolver.resolve(value), origin: createdOrigin)
            let entry = key.isEmpty ? entryValue : Node.mapping([Node.Entry(key: key, value: entryValue)], origin: createdOrigin)
            items.append(entry)
            count = try visitMatching(&items, key: key, pattern: pattern, from: items.count - 1, at: position,
                                      created: key.isEmpty, walked: walked, visit: visit)
        }
        if count > 0 || create != nil { node.value = .sequence(items) }
        return count
    }

    private func visitMatching(_ items: inout [Node], key: String, pattern: ReplacementPattern, from start: Int, at position: Int,
                               created: Bool, walked: [String], visit: Visit) throws(RenderError) -> Int {
        var count = 0
        for index in start..<items.count {
            if key.isEmpty {
                // A list of scalars: the matching scalar itself is the target, the rest of the path is ignored.
                guard let text = items[index].scalar?.text, pattern.occurs(in: ReplacementLookup.trim(text)) else { continue }
                try visit(&items[index], created)
                count += 1
            } else {
                guard items[index].isMapping, let field = items[index][key], let text = field.scalar?.text,
                      pattern.occurs(in: ReplacementLookup.trim(text)) else { continue }
                count += try walk(&items[index], at: position + 1, created: false, walked: walked, visit: visit)
            }
        }
        return count
    }

    private func elements(of node: Node, walked: [String]) throws(RenderError) -> [Node] {
        if node.isNull { return [] }
        guard node.isSequence else { throw ReplacementLookup.wrongKind(node, expected: "SequenceNode", walked: walked[...]) }
        return node.elements
    }

    /// The node kyaml creates for a missing part: a sequence before an index or list entry, a
    /// mapping before a field, the value's kind at the leaf. Nil when nothing may be created.
    private func newNode(after position: Int) -> Node? {
        guard let create else { return nil }
        guard position + 1 < parts.count else {
            switch create {
            case .scalar: return .scalar("", tag: .null, origin: createdOrigin)
            case .mapping: return .mapping(origin: createdOrigin)
            case .sequence: return .sequence(origin: createdOrigin)
            }
        }
        let next = parts[position + 1]
        if PathPart.isBracketed(next) { return .sequence(origin: createdOrigin) }
        if let index = Int(next), index >= 0 { return .sequence(origin: createdOrigin) }
        return .mapping(origin: createdOrigin)
    }
}
