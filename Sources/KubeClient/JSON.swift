/// A JSON value as the API server sends and receives it. A value type (not `[String: Any]`) so
/// objects cross tasks and threads safely and compare by value.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Kept as written: Kubernetes integers are int64 and quantities must round-trip exactly.
    case number(String)
    case string(String)
    case array([JSON])
    /// Members keep the server's order; lookups are linear, which suits object-sized maps.
    case object([(key: String, value: JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (Double(a) != nil && Double(a) == Double(b))
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            let sortedA = a.sorted { $0.key < $1.key }, sortedB = b.sorted { $0.key < $1.key }
            return zip(sortedA, sortedB).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public static func int(_ value: Int) -> JSON { .number(String(value)) }

    public static func object(_ members: KeyValuePairs<String, JSON>) -> JSON {
        .object(members.map { (key: $0.key, value: $0.value) })
    }
}

// MARK: Reading

extension JSON {
    public subscript(key: String) -> JSON? {
        get {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.key == key }?.value
        }
        set {
            guard case .object(var members) = self else {
                if let newValue { self = .object([(key: key, value: newValue)]) }
                return
            }
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key: key, value: newValue))
            }
            self = .object(members)
        }
    }

    /// Follows object keys: `object[path: "metadata", "name"]`.
    public subscript(path keys: String...) -> JSON? {
        var node: JSON? = self
        for key in keys { node = node?[key] }
        return node
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var int: Int? { if case .number(let n) = self { return Int(n) } else { return nil } }
    public var array: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var members: [(key: String, value: JSON)]? {
        if case .object(let m) = self { return m } else { return nil }
    }
}
