import Rendering

/// A validation's `fieldPath` (`spec.template.spec.containers[0].resources`,
/// `metadata.labels['app.kubernetes.io/name']`, `podSpec.containers`), resolved inside a
/// rendered object to the place a user must edit.
public struct FieldPath: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var segments: [Segment]

    /// Lenient on purpose: a path that does not parse points at the object, it never fails a rule.
    public init(_ text: String) {
        segments = Self.parse(text)
    }

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// `podSpec.` paths are relative to the pod spec of the object's workload kind; nil when the
    /// object has no pod spec (the finding then points at the object).
    public func absolute(group: String, kind: String) -> FieldPath? {
        guard case .key("podSpec") = segments.first else { return self }
        guard let prefix = PodSpec.path(group: group, kind: kind) else { return nil }
        return FieldPath(segments: prefix.map(Segment.key) + segments.dropFirst())
    }

    /// Where a finding at this path points: the node at the longest existing prefix of the path
    /// (the object itself when nothing matches). When a patch changed something inside that
    /// node, the first such change is preferred, since the patch is what the user edits (the
    /// overlay that removed a limit); `written` is then the node's own position.
    public func location(in object: Node) -> (origin: Origin?, written: Origin?) {
        var node = object
        var origin = object.origin
        for segment in segments {
            let next: Node?
            switch segment {
            case .key(let key): next = node.isMapping ? node[key] : nil
            case .index(let index): next = node.elements.indices.contains(index) ? node.elements[index] : nil
            }
            guard let next else { break }
            node = next
            origin = next.origin ?? origin
        }
        if let patched = Self.firstPatched(node, depth: 0), patched != origin {
            return (patched, origin)
        }
        return (origin, nil)
    }

    /// Bounded pre-order search; rendered objects are shallow, hostile ones are cut off.
    private static func firstPatched(_ node: Node, depth: Int) -> Origin? {
        guard depth < 64 else { return nil }
        if let origin = node.origin, origin.changedBy?.hasPrefix("patch") == true { return origin }
        switch node.value {
        case .scalar: return nil
        case .mapping(let entries):
            for entry in entries {
                if let found = firstPatched(entry.value, depth: depth + 1) { return found }
            }
        case .sequence(let items):
            for item in items {
                if let found = firstPatched(item, depth: depth + 1) { return found }
            }
        }
        return nil
    }

    private static func parse(_ text: String) -> [Segment] {
        var segments: [Segment] = []
        var characters = Substring(text)
        var name = ""
        func flush() {
            if !name.isEmpty { segments.append(.key(name)) }
            name = ""
        }
        while let character = characters.first {
            characters = characters.dropFirst()
            switch character {
            case ".":
                flush()
            case "[":
                flush()
                guard let close = characters.firstIndex(of: "]") else { return segments }
                var inside = characters[..<close]
                characters = characters[characters.index(after: close)...]
                if let quote = inside.first, quote == "'" || quote == "\"", inside.count >= 2, inside.last == quote {
                    inside = inside.dropFirst().dropLast()
                    segments.append(.key(String(inside)))
                } else if let index = Int(inside) {
                    segments.append(.index(index))
                } else {
                    return segments
                }
            default:
                name.append(character)
            }
        }
        flush()
        return segments
    }
}
