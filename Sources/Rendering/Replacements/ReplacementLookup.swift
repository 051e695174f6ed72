/// Reads the node at a path without changing anything (kyaml's `PathGetter` without create):
/// the replacement source and a legacy var's field. Numbers index sequences, `-` is the last
/// element, `[k=v]` picks the first mapping whose `k` equals `v` exactly.
enum ReplacementLookup {
    /// The node at `parts`, nil when some step is missing; throws when a step meets the wrong kind.
    static func node(at parts: [String], in root: Node) throws(RenderError) -> Node? {
        var current = root
        var walked: [String] = []
        // kyaml drops blank parts before walking.
        let cleaned = parts.map(trim).filter { !$0.isEmpty }
        for part in cleaned {
            let next: Node?
            if let index = Int(part) {
                guard index >= 0 else { throw RenderError(.invalid, "array index \(index) cannot be negative") }
                let items = try elements(of: current, walked: walked)
                next = index < items.count ? items[index] : nil
            } else if part == "-" {
                next = try elements(of: current, walked: walked).last
            } else if PathPart.isBracketed(part) {
                guard case .element(let key, let value) = try PathPart.element(part) else { return nil }
                next = try element(in: current, key: key, value: value, walked: walked)
            } else {
                walked.append(part)
                if current.isNull { return nil }
                guard current.isMapping else { throw wrongKind(current, expected: "MappingNode", walked: walked.dropLast()) }
                next = current[part]
            }
            guard let next else { return nil }
            current = next
        }
        return current
    }

    private static func elements(of node: Node, walked: [String]) throws(RenderError) -> [Node] {
        if node.isNull { return [] }
        guard node.isSequence else { throw wrongKind(node, expected: "SequenceNode", walked: walked[...]) }
        return node.elements
    }

    private static func element(in node: Node, key: String, value: String, walked: [String]) throws(RenderError) -> Node? {
        let items = try elements(of: node, walked: walked)
        if key.isEmpty {
            return items.first { $0.scalar?.text == value }
        }
        return items.first { item in item.isMapping && item[key]?.scalar?.text == value }
    }

    /// Go's `strings.TrimSpace` for the blanks YAML paths can hold.
    static func trim(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
              let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }

    static func wrongKind(_ node: Node, expected: String, walked: ArraySlice<String>) -> RenderError {
        RenderError(.invalid,
            "wrong Node Kind for \(walked.joined(separator: ".")) expected: \(expected) was \(node.kindName)",
            at: node.origin)
    }
}
