import CEL
import Rendering

extension CEL.Value {
    /// Deeper data than this is not a Kubernetes object; it becomes an error value instead of
    /// recursing further.
    static let maximumNodeDepth = 200

    /// A rendered YAML node as CEL sees it: mappings become maps with string keys, sequences
    /// lists, scalars take the type their YAML tag resolved to. Null-valued map entries are
    /// dropped, as the API server stores `key:` and `key: null`, so `has()` is false for them.
    public init(node: Node) {
        self = Self.converting(node, depth: 0)
    }

    private static func converting(_ node: Node, depth: Int) -> CEL.Value {
        guard depth < maximumNodeDepth else { return .error(CEL.EvaluationError("object nested too deeply")) }
        switch node.value {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let items):
            return .list(items.map { converting($0, depth: depth + 1) })
        case .mapping(let entries):
            var map = CEL.MapValue()
            for entry in entries where !entry.value.isNull {
                // Keys are unique after YAML conversion; a repeat would keep the first value.
                try? map.insert(converting(entry.value, depth: depth + 1), forKey: .string(entry.key))
            }
            return .map(map)
        }
    }

    static func scalarValue(_ scalar: Scalar) -> CEL.Value {
        switch scalar.tag {
        case .string:
            return .string(scalar.text)
        case .null:
            return .null
        case .bool:
            return .bool(scalar.text.lowercased() == "true")
        case .int:
            let digits = String(scalar.text.filter { $0 != "_" })
            if let value = ScalarResolver.integerValue(digits) { return .int(value) }
            // Beyond int64: go-yaml decodes these as uint64 or float64.
            if let value = UInt64(digits) { return .uint(value) }
            if let value = Double(digits) { return .double(value) }
            return .string(scalar.text)
        case .float:
            return floatValue(scalar.text).map(CEL.Value.double) ?? .string(scalar.text)
        }
    }

    private static func floatValue(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return Double(String(text.filter { $0 != "_" }))
        }
    }
}
