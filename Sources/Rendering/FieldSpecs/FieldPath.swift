/// Walks a field spec's path through an object the way kustomize's fieldspec filter does:
/// sequences met on the way are entered element by element (the path never names indexes),
/// a segment ending in `[]` names a list that is never created, and a missing field is created
/// only when the spec says `create` and the caller says what to create at the end.
public enum FieldPath {
    /// Calls `body` on every node the spec's path reaches in `object`, if the spec applies to the
    /// object's kind. `leaf` is what a missing (or null) last field becomes when the spec has
    /// `create: true`; nil means the caller never creates fields (name references, images).
    /// A scalar met before the path ends is an error, as in kustomize.
    public static func visit(_ spec: FieldSpec, in object: inout Node, creating leaf: Node? = nil,
                             _ body: (inout Node) throws(RenderError) -> Void) throws(RenderError) {
        guard spec.selects(object) else { return }
        try walk(spec.path[...], in: &object, leaf: spec.create ? leaf : nil, body)
    }

    private static func walk(_ path: ArraySlice<String>, in node: inout Node, leaf: Node?,
                             _ body: (inout Node) throws(RenderError) -> Void) throws(RenderError) {
        guard let segment = path.first else {
            try body(&node)
            return
        }
        if node.isNull { return }
        switch node.value {
        case .sequence:
            try NodeEdit.elements(of: &node) { (items: inout [Node]) throws(RenderError) in
                for index in items.indices { try walk(path, in: &items[index], leaf: leaf, body) }
            }
        case .mapping:
            try field(segment, rest: path.dropFirst(), in: &node, leaf: leaf, body)
        case .scalar:
            throw RenderError(.transform, "expected sequence or mapping node at '\(segment)'", at: node.origin)
        }
    }

    private static func field(_ segment: String, rest: ArraySlice<String>, in node: inout Node, leaf: Node?,
                              _ body: (inout Node) throws(RenderError) -> Void) throws(RenderError) {
        let isList = segment.hasSuffix("[]")
        let name = isList ? String(segment.dropLast(2)) : segment
        // What a missing or null field turns into: a `[]` hint makes a null an empty list but
        // never creates the field; otherwise intermediate fields are maps and the last one is `leaf`.
        let replacement: Node?
        let createsMissing: Bool
        if isList {
            replacement = .sequence([], origin: leaf?.origin)
            createsMissing = false
        } else if let leaf {
            replacement = rest.isEmpty ? leaf : .mapping([], origin: leaf.origin)
            createsMissing = true
        } else {
            replacement = nil
            createsMissing = false
        }
        try NodeEdit.entries(of: &node) { (entries: inout [Node.Entry]) throws(RenderError) in
            let index: Int
            if let found = entries.firstIndex(where: { $0.key == name }) {
                index = found
                if entries[index].value.isNull, let replacement { entries[index].value = replacement }
            } else if createsMissing, let replacement {
                entries.append(Node.Entry(key: name, value: replacement))
                index = entries.count - 1
            } else {
                return
            }
            try walk(rest, in: &entries[index].value, leaf: leaf, body)
        }
    }
}

extension FieldSpec {
    /// The spec's path as written in configuration, `\/` escapes restored.
    public var pathString: String {
        path.map { $0.replacingSlashes() }.joined(separator: "/")
    }

    /// Whether the spec applies to an object, reading its apiVersion as kustomize's fieldspec
    /// filter does: `v1`/`v2…` alone is a core version, any other lone word is a group.
    public func selects(_ object: Node) -> Bool {
        let kind = object["kind"]?.text ?? ""
        if !gvk.kind.isEmpty && gvk.kind != kind { return false }
        let (group, version) = FieldSpec.groupAndVersion(object["apiVersion"]?.text ?? "")
        if !gvk.group.isEmpty && gvk.group != group { return false }
        if !gvk.version.isEmpty && gvk.version != version { return false }
        return true
    }

    static func groupAndVersion(_ apiVersion: String) -> (group: String, version: String) {
        guard let slash = apiVersion.firstIndex(of: "/") else {
            let looksCore = apiVersion.hasPrefix("v1") || apiVersion.hasPrefix("v2")
            return looksCore ? ("", apiVersion) : (apiVersion, "")
        }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }
}

private extension String {
    func replacingSlashes() -> String {
        guard contains("/") else { return self }
        var result = ""
        for character in self {
            if character == "/" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
