/// An RFC 6902 JSON patch (add, remove, replace, move, copy, test) written as JSON or YAML,
/// applied the way kustomize's patchjson6902 filter (evanphx/json-patch v5) applies it.
public struct JSONPatch: Sendable {
    public enum Operation: Sendable {
        case add(path: [String], value: Node)
        case remove(path: [String])
        case replace(path: [String], value: Node)
        case move(from: [String], path: [String])
        case copy(from: [String], path: [String])
        case test(path: [String], value: Node)
    }

    public var operations: [Operation]
    public var origin: Origin

    /// Parses the operations. Values keep their position in the patch text, offset to `origin`.
    public init(parsing text: String, origin: Origin) throws(RenderError) {
        let documents = try Kustomization.parseDocuments(Array(text.utf8), path: origin.file)
        guard documents.count == 1, let list = documents.first, list.isSequence else {
            throw RenderError(.invalid, "a JSON 6902 patch must be one list of operations", at: origin)
        }
        try self.init(operations: list, origin: origin)
    }

    /// Reads operations from an already parsed list.
    public init(operations list: Node, origin: Origin) throws(RenderError) {
        self.origin = origin
        operations = []
        for item in list.elements {
            operations.append(try Self.operation(item, origin: origin))
        }
    }

    private static func operation(_ item: Node, origin: Origin) throws(RenderError) -> Operation {
        let at = item.origin ?? origin
        guard let op = item["op"]?.text else {
            throw RenderError(.invalid, "JSON patch operation has no 'op': \(item)", at: at)
        }
        func pointer(_ key: String) throws(RenderError) -> [String] {
            guard let text = item[key]?.text else {
                throw RenderError(.invalid, "JSON patch operation '\(op)' has no '\(key)'", at: at)
            }
            return try JSONPointer.parse(text, at: at)
        }
        func value() throws(RenderError) -> Node {
            guard let value = item["value"] else {
                throw RenderError(.invalid, "JSON patch operation '\(op)' has no 'value'", at: at)
            }
            return value
        }
        switch op {
        case "add": return .add(path: try pointer("path"), value: try value())
        case "remove": return .remove(path: try pointer("path"))
        case "replace": return .replace(path: try pointer("path"), value: try value())
        case "move": return .move(from: try pointer("from"), path: try pointer("path"))
        case "copy": return .copy(from: try pointer("from"), path: try pointer("path"))
        case "test": return .test(path: try pointer("path"), value: try value())
        default: throw RenderError(.invalid, "Unexpected kind: \(op)", at: at)
        }
    }

    /// Applies every operation in order; values written by the patch record `step`.
    public func apply(to node: Node, step: String) throws(RenderError) -> Node {
        var document = node
        for operation in operations {
            try apply(operation, to: &document, step: step)
        }
        return document
    }

    private func apply(_ operation: Operation, to document: inout Node, step: String) throws(RenderError) {
        func stamped(_ value: Node) -> Node {
            value.mapNodes { node in
                var node = node
                node.origin = (node.origin ?? origin).changed(by: step)
                return node
            }
        }
        switch operation {
        case .add(let path, let value):
            try JSONPointer.add(stamped(value), at: path, in: &document, operation: "add", origin: origin)
        case .remove(let path):
            _ = try JSONPointer.remove(at: path, in: &document, operation: "remove", origin: origin)
        case .replace(let path, let value):
            try JSONPointer.replace(with: stamped(value), at: path, in: &document, origin: origin)
        case .move(let from, let path):
            let value = try JSONPointer.remove(at: from, in: &document, operation: "move", origin: origin)
            try JSONPointer.add(value, at: path, in: &document, operation: "move", origin: origin)
        case .copy(let from, let path):
            let value = try JSONPointer.value(at: from, in: document, operation: "copy", origin: origin)
            try JSONPointer.add(value, at: path, in: &document, operation: "copy", origin: origin)
        case .test(let path, let expected):
            let actual = try? JSONPointer.value(at: path, in: document, operation: "test", origin: origin)
            guard let actual, actual.jsonEquals(expected) else {
                throw RenderError(.transform, "testing value \(JSONPointer.display(path)) failed: test failed", at: origin)
            }
        }
    }
}

extension Node {
    /// Equality as JSON sees it: numbers by value, strings by text, maps ignoring key order.
    func jsonEquals(_ other: Node) -> Bool {
        switch (value, other.value) {
        case (.scalar(let a), .scalar(let b)):
            if a.tag == b.tag, a.text == b.text { return true }
            let numeric: Set<ScalarTag> = [.int, .float]
            if numeric.contains(a.tag), numeric.contains(b.tag), let x = Double(a.text), let y = Double(b.text) { return x == y }
            return false
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.jsonEquals($1) }
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { entry in other[entry.key].map { entry.value.jsonEquals($0) } ?? false }
        default:
            return false
        }
    }
}
