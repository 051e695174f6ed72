/// RFC 6901 pointers into a `Node`, with the edit rules of evanphx/json-patch v5 (the library
/// kustomize uses): `-` appends to a list, negative indexes count from the end, and a missing
/// parent, key or index is an error.
enum JSONPointer {
    static func parse(_ text: String, at origin: Origin) throws(RenderError) -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else {
            throw RenderError(.invalid, "JSON pointer must be empty or start with '/': \(text)", at: origin)
        }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(unescape)
    }

    /// `~1` is '/', `~0` is '~' (decoded in that order, so `~01` stays `~1`).
    private static func unescape(_ segment: Substring) -> String {
        var result = ""
        var iterator = segment.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "1": result.append("/")
            case "0": result.append("~")
            case let other?: result.append("~"); result.append(other)
            case nil: result.append("~")
            }
        }
        return result
    }

    static func display(_ path: [String]) -> String {
        path.map { segment in
            "/" + segment.map { $0 == "~" ? "~0" : $0 == "/" ? "~1" : String($0) }.joined()
        }.joined()
    }

    static func value(at path: [String], in document: Node, operation: String, origin: Origin) throws(RenderError) -> Node {
        var node = document
        for (depth, segment) in path.enumerated() {
            guard let child = child(of: node, segment) else {
                throw missing(operation, Array(path.prefix(depth + 1)), origin)
            }
            node = child
        }
        return node
    }

    static func add(_ value: Node, at path: [String], in document: inout Node, operation: String, origin: Origin) throws(RenderError) {
        guard let last = path.last else {
            document = value
            return
        }
        try edit(parentOf: path, in: &document, operation: operation, origin: origin) { parent throws(RenderError) in
            switch parent.value {
            case .mapping:
                parent[last] = value
            case .sequence(var items):
                let index: Int
                if last == "-" {
                    index = items.count
                } else {
                    guard let raw = Int(last), raw <= items.count, raw >= -items.count else {
                        throw RenderError(.transform,
                            "\(operation) operation does not apply: doc is missing path: \(display(path)): index out of range", at: origin)
                    }
                    index = raw < 0 ? raw + items.count : raw
                }
                items.insert(value, at: index)
                parent.value = .sequence(items)
            case .scalar:
                throw missing(operation, path, origin)
            }
        }
    }

    @discardableResult
    static func remove(at path: [String], in document: inout Node, operation: String, origin: Origin) throws(RenderError) -> Node {
        guard let last = path.last else {
            throw RenderError(.transform, "\(operation) operation does not apply: cannot remove the whole document", at: origin)
        }
        var removed = Node.null
        try edit(parentOf: path, in: &document, operation: operation, origin: origin) { parent throws(RenderError) in
            switch parent.value {
            case .mapping:
                guard let value = parent[last] else {
                    throw RenderError(.transform, "Unable to remove nonexistent key: \(last): missing value", at: origin)
                }
                removed = value
                parent[last] = nil
            case .sequence(var items):
                guard let index = index(last, count: items.count) else {
                    throw RenderError(.transform, "Unable to remove nonexistent index \(last): index out of range", at: origin)
                }
                removed = items.remove(at: index)
                parent.value = .sequence(items)
            case .scalar:
                throw missing(operation, path, origin)
            }
        }
        return removed
    }

    static func replace(with value: Node, at path: [String], in document: inout Node, origin: Origin) throws(RenderError) {
        guard let last = path.last else {
            document = value
            return
        }
        try edit(parentOf: path, in: &document, operation: "replace", origin: origin) { parent throws(RenderError) in
            switch parent.value {
            case .mapping:
                guard parent[last] != nil else {
                    throw RenderError(.transform,
                        "replace operation does not apply: doc is missing key: \(display(path)): missing value", at: origin)
                }
                parent[last] = value
            case .sequence(var items):
                guard let index = index(last, count: items.count) else {
                    throw RenderError(.transform,
                        "replace operation does not apply: doc is missing key: \(display(path)): missing value", at: origin)
                }
                items[index] = value
                parent.value = .sequence(items)
            case .scalar:
                throw missing("replace", path, origin)
            }
        }
    }

    // MARK: Helpers

    private static func child(of node: Node, _ segment: String) -> Node? {
        switch node.value {
        case .mapping: return node[segment]
        case .sequence(let items): return index(segment, count: items.count).map { items[$0] }
        case .scalar: return nil
        }
    }

    /// An existing element's index; negative indexes count from the end.
    private static func index(_ segment: String, count: Int) -> Int? {
        guard let raw = Int(segment), raw < count, raw >= -count else { return nil }
        return raw < 0 ? raw + count : raw
    }

    /// Runs `body` on the container holding the last segment of `path`, writing changes back.
    private static func edit(parentOf path: [String], in document: inout Node, operation: String, origin: Origin,
                             depth: Int = 0, _ body: (inout Node) throws(RenderError) -> Void) throws(RenderError) {
        if depth == path.count - 1 {
            try body(&document)
            return
        }
        let segment = path[depth]
        switch document.value {
        case .mapping:
            guard var child = document[segment] else { throw missing(operation, path, origin) }
            try edit(parentOf: path, in: &child, operation: operation, origin: origin, depth: depth + 1, body)
            document[segment] = child
        case .sequence(var items):
            guard let index = index(segment, count: items.count) else { throw missing(operation, path, origin) }
            try edit(parentOf: path, in: &items[index], operation: operation, origin: origin, depth: depth + 1, body)
            document.value = .sequence(items)
        case .scalar:
            throw missing(operation, path, origin)
        }
    }

    private static func missing(_ operation: String, _ path: [String], _ origin: Origin) -> RenderError {
        RenderError(.transform, "\(operation) operation does not apply: doc is missing path: \"\(display(path))\": missing value", at: origin)
    }
}
