/// A JSON document as a value. The double keeps every object in this form so that
/// comparisons (no-op applies, generation bumps, ownership conflicts) are exact and
/// so that output is deterministic (object keys are written sorted).
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value == value.rounded() && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The value at a path of object keys, or nil when any step is missing or not an object.
    public func value(at path: [String]) -> JSONValue? {
        var node = self
        for key in path {
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    /// Sets the value at a path, creating intermediate objects (and replacing non-objects).
    public mutating func setValue(_ newValue: JSONValue, at path: [String]) {
        guard let first = path.first else { self = newValue; return }
        var members = objectValue ?? [:]
        var child = members[first] ?? .object([:])
        child.setValue(newValue, at: Array(path.dropFirst()))
        members[first] = child
        self = .object(members)
    }

    /// Removes the value at a path; returns whether something was removed.
    @discardableResult
    public mutating func removeValue(at path: [String]) -> Bool {
        guard let first = path.first, var members = objectValue else { return false }
        if path.count == 1 {
            guard members.removeValue(forKey: first) != nil else { return false }
            self = .object(members)
            return true
        }
        guard var child = members[first] else { return false }
        let removed = child.removeValue(at: Array(path.dropFirst()))
        members[first] = child
        self = .object(members)
        return removed
    }

    /// Converts to Foundation-style values (`[String: Any]`, `[Any]`, `String`, `Int`,
    /// `Double`, `Bool`, `NSNull`-free: JSON null becomes `Optional<Any>.none` boxed as `NSNull`).
    public var anyValue: Any {
        switch self {
        case .null: return Optional<Any>.none as Any
        case .bool(let value): return value
        case .int(let value): return value
        case .double(let value): return value
        case .string(let value): return value
        case .array(let items): return items.map(\.anyValue)
        case .object(let members): return members.mapValues(\.anyValue)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
