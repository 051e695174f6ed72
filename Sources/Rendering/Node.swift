/// Where a value was written: the file and position a user would edit, plus the transformer or
/// patch that last put it there (nil when it still holds what the file says).
public struct Origin: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int
    /// "patch apps/prod/limits.yaml", "namePrefix", "configMapGenerator"…: the step that last changed it.
    public var changedBy: String?

    public init(file: String, line: Int, column: Int, changedBy: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.changedBy = changedBy
    }

    /// The same position, marked as last set by `step`.
    public func changed(by step: String) -> Origin {
        var copy = self
        copy.changedBy = step
        return copy
    }
}

/// How a scalar resolves when read as YAML 1.2 core schema (what kustomize's kyaml sees).
public enum ScalarTag: UInt8, Sendable, Hashable {
    case string, int, float, bool, null
}

public struct Scalar: Sendable, Hashable {
    /// The value's text as written (decoded from quoting); canonical forms are the emitter's job.
    public var text: String
    public var tag: ScalarTag

    public init(_ text: String, tag: ScalarTag = .string) {
        self.text = text
        self.tag = tag
    }
}

/// A mutable YAML value with provenance: the working representation of every rendered object.
/// Equality compares values only, never origins.
public struct Node: Sendable {
    public enum Value: Sendable, Equatable {
        case scalar(Scalar)
        /// Keys are strings because kustomize serialises through JSON.
        case mapping([Entry])
        case sequence([Node])
    }

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: Node

        public init(key: String, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var value: Value
    public var origin: Origin?

    public init(_ value: Value, origin: Origin? = nil) {
        self.value = value
        self.origin = origin
    }

    public static func string(_ text: String, origin: Origin? = nil) -> Node {
        Node(.scalar(Scalar(text, tag: .string)), origin: origin)
    }

    public static func scalar(_ text: String, tag: ScalarTag, origin: Origin? = nil) -> Node {
        Node(.scalar(Scalar(text, tag: tag)), origin: origin)
    }

    public static var null: Node { Node(.scalar(Scalar("null", tag: .null))) }

    public static func mapping(_ entries: [Entry] = [], origin: Origin? = nil) -> Node {
        Node(.mapping(entries), origin: origin)
    }

    public static func sequence(_ items: [Node] = [], origin: Origin? = nil) -> Node {
        Node(.sequence(items), origin: origin)
    }
}

extension Node: Equatable {
    public static func == (lhs: Node, rhs: Node) -> Bool { lhs.value == rhs.value }
}

// MARK: Reading

extension Node {
    public var isMapping: Bool { if case .mapping = value { return true } else { return false } }
    public var isSequence: Bool { if case .sequence = value { return true } else { return false } }
    public var isScalar: Bool { if case .scalar = value { return true } else { return false } }

    public var isNull: Bool {
        if case .scalar(let s) = value { return s.tag == .null }
        return false
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    /// The scalar's text for any non-null scalar (a port number reads as "80").
    public var text: String? {
        if case .scalar(let s) = value, s.tag != .null { return s.text }
        return nil
    }

    public var entries: [Entry] {
        if case .mapping(let e) = value { return e }
        return []
    }

    public var elements: [Node] {
        if case .sequence(let items) = value { return items }
        return []
    }

    public var keys: [String] { entries.map(\.key) }

    /// Mapping lookup; setting nil removes the key, setting a new key appends it.
    public subscript(key: String) -> Node? {
        get {
            guard case .mapping(let entries) = value else { return nil }
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            guard case .mapping(var entries) = value else {
                if let newValue { value = .mapping([Entry(key: key, value: newValue)]) }
                return
            }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
            value = .mapping(entries)
        }
    }

    /// Follows mapping keys: `node[path: ["metadata", "name"]]`.
    public subscript(path path: [String]) -> Node? {
        get {
            var node: Node? = self
            for key in path { node = node?[key] }
            return node
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            if path.count == 1 {
                self[first] = newValue
                return
            }
            var child = self[first] ?? .mapping()
            child[path: Array(path.dropFirst())] = newValue
            self[first] = child
        }
    }

    /// Rewrites every node bottom-up (used to stamp origins or to transform scalars).
    public func mapNodes(_ transform: (Node) throws -> Node) rethrows -> Node {
        var copy = self
        switch value {
        case .scalar: break
        case .mapping(let entries):
            copy.value = .mapping(try entries.map { Entry(key: $0.key, value: try $0.value.mapNodes(transform)) })
        case .sequence(let items):
            copy.value = .sequence(try items.map { try $0.mapNodes(transform) })
        }
        return try transform(copy)
    }

    /// Sets `origin` on this node and every descendant.
    public func stamped(_ origin: Origin) -> Node {
        mapNodes { node in
            var node = node
            node.origin = origin
            return node
        }
    }
}
