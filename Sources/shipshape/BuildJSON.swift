import Rendering
import Reports

/// `build --format json`: each object with its source and the origin of every field.
enum BuildJSON {
    static func document(_ resources: [Resource], root: String) -> JSONValue {
        .object([
            "root": .string(root),
            "objects": .array(resources.map(object)),
        ])
    }

    static func object(_ resource: Resource) -> JSONValue {
        .object([
            "apiVersion": .string(resource.apiVersion),
            "kind": .string(resource.kind),
            "name": .string(resource.name),
            "namespace": resource.namespace.isEmpty ? .null : .string(resource.namespace),
            "source": origin(resource.source),
            "object": value(resource.node),
            "provenance": .array(resource.node.fieldProvenance().map { field in
                var entry = ["path": JSONValue.string(field.path)]
                if case .object(let members) = origin(field.origin) { entry.merge(members) { $1 } }
                return .object(entry)
            }),
        ])
    }

    static func origin(_ origin: Origin) -> JSONValue {
        var members: [String: JSONValue] = [
            "file": .string(origin.file), "line": .int(origin.line), "column": .int(origin.column),
        ]
        if let step = origin.changedBy { members["changedBy"] = .string(step) }
        return .object(members)
    }

    static func value(_ node: Node) -> JSONValue {
        switch node.value {
        case .mapping(let entries):
            return .object(Dictionary(entries.map { ($0.key, value($0.value)) }, uniquingKeysWith: { $1 }))
        case .sequence(let items):
            return .array(items.map(value))
        case .scalar(let scalar):
            switch scalar.tag {
            case .null: return .null
            case .bool: return .bool(scalar.text.lowercased() == "true")
            case .int: return ScalarResolver.integerValue(scalar.text).map { .int(Int($0)) } ?? .string(scalar.text)
            case .float: return Double(scalar.text).map { .number(String($0)) } ?? .string(scalar.text)
            case .string: return .string(scalar.text)
            }
        }
    }
}
