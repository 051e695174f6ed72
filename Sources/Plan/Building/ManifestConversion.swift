import Rendering

/// Rendered objects to the plan's JSON and back. YAML scalars become the JSON types the API
/// server decodes them as (a rendered `replicas: 3` is the number 3); back again they become the
/// scalars `KustomizeYAML` writes the same way kustomize would.
enum ManifestConversion {
    static func json(_ node: Node) -> PlanJSON {
        switch node.value {
        case .mapping(let entries):
            var members: [String: PlanJSON] = [:]
            // A decoded map holds each key once; the last value wins, as in kustomize.
            for entry in entries { members[entry.key] = json(entry.value) }
            return .object(members)
        case .sequence(let items):
            return .array(items.map(json))
        case .scalar(let scalar):
            switch scalar.tag {
            case .null: return .null
            case .bool: return .bool(scalar.text.lowercased() == "true")
            case .int: return ScalarResolver.integerValue(scalar.text).map { .number(String($0)) } ?? .string(scalar.text)
            case .float:
                guard let value = Double(scalar.text.filter { $0 != "_" }), value.isFinite else { return .string(scalar.text) }
                return .number(String(value))
            case .string: return .string(scalar.text)
            }
        }
    }

    static func node(_ json: PlanJSON) -> Node {
        switch json {
        case .null: return .null
        case .bool(let flag): return .scalar(flag ? "true" : "false", tag: .bool)
        case .number(let text):
            let isInteger = !text.contains { $0 == "." || $0 == "e" || $0 == "E" }
            return .scalar(text, tag: isInteger ? .int : .float)
        case .string(let text): return .string(text)
        case .array(let items): return .sequence(items.map(node))
        case .object(let members):
            return .mapping(PlanJSON.sortedKeys(members).compactMap { key in
                members[key].map { Node.Entry(key: key, value: node($0)) }
            })
        }
    }

    /// kustomize-style YAML for one manifest, or nil when it cannot be written (a value kustomize
    /// itself would refuse).
    static func yaml(_ json: PlanJSON) -> String? {
        try? KustomizeYAML.document(node(json))
    }
}
