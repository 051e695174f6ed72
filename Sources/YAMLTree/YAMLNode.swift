import Diagnostics

/// A node inside a `YAMLDocument`: a cheap view (document reference plus index).
public struct YAMLNode: Sendable {
    public let document: YAMLDocument
    let id: Int32

    init(document: YAMLDocument, id: Int32) {
        self.document = document
        self.id = id
    }

    var record: NodeRecord { document.records[Int(id)] }

    public var kind: YAMLNodeKind { record.kind }
    public var isScalar: Bool { record.kind == .scalar }
    public var isMapping: Bool { record.kind == .mapping }
    public var isSequence: Bool { record.kind == .sequence }
    public var style: YAMLScalarStyle { record.style }

    /// The explicit tag (`!!str`, `!vault`), or nil.
    public var tag: String? {
        let t = record.tag
        return t < 0 ? nil : document.tags[Int(t)]
    }

    public var line: Int { Int(record.line) }
    public var column: Int { Int(record.column) }

    public var location: SourceLocation {
        SourceLocation(file: document.file, line: line, column: column)
    }

    public var span: SourceSpan {
        let r = record
        return SourceSpan(start: location, endLine: Int(r.endLine), endColumn: Int(r.endColumn))
    }

    /// Same node in the same document (aliases of one anchor compare equal).
    public func isSameNode(as other: YAMLNode) -> Bool {
        document === other.document && id == other.id
    }
}

// MARK: Scalars

extension YAMLNode {
    /// The scalar's text, nil for collections.
    public var scalar: String? {
        let r = record
        guard r.kind == .scalar else { return nil }
        return document.bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(r.start)..<Int(r.start + r.count)]), as: UTF8.self)
        }
    }

    /// Compares the scalar's bytes with `text` without allocating a String.
    public func scalarEquals(_ text: String) -> Bool {
        let r = record
        guard r.kind == .scalar else { return false }
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == Int(r.count) else { return false }
            return document.bytes.withUnsafeBufferPointer { buffer in
                var i = 0
                let base = Int(r.start)
                while i < utf8.count {
                    if buffer[base + i] != utf8[i] { return false }
                    i += 1
                }
                return true
            }
        }
    }

    /// A plain `null`, `~`, or empty plain scalar: what Kubernetes decodes as absent.
    public var isNull: Bool {
        guard isScalar, style == .plain, tag == nil || tag == "tag:yaml.org,2002:null" else { return false }
        let r = record
        if r.count == 0 { return true }
        return scalarEquals("null") || scalarEquals("~") || scalarEquals("Null") || scalarEquals("NULL")
    }

    /// The scalar as a string value, nil for null and for collections.
    public var string: String? { isNull ? nil : scalar }

    /// Booleans as Kubernetes' YAML decoder reads them (YAML 1.1 words included).
    public var bool: Bool? {
        guard isScalar, style == .plain, let text = scalar else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    public var int: Int? {
        guard isScalar, style == .plain, let text = scalar else { return nil }
        return Int(text)
    }
}

// MARK: Collections

extension YAMLNode {
    /// Sequence items in order; empty for anything else.
    public var elements: [YAMLNode] {
        let r = record
        guard r.kind == .sequence else { return [] }
        return (Int(r.start)..<Int(r.start + r.count)).map { YAMLNode(document: document, id: document.children[$0]) }
    }

    /// Mapping entries in source order, merge keys (`<<`) left as written.
    public var entries: [(key: YAMLNode, value: YAMLNode)] {
        let r = record
        guard r.kind == .mapping else { return [] }
        return stride(from: Int(r.start), to: Int(r.start + r.count), by: 2).map {
            (YAMLNode(document: document, id: document.children[$0]),
             YAMLNode(document: document, id: document.children[$0 + 1]))
        }
    }

    public var count: Int {
        let r = record
        switch r.kind {
        case .scalar: return 0
        case .sequence: return Int(r.count)
        case .mapping: return Int(r.count) / 2
        }
    }

    /// The value for a key, looking through YAML merge keys (`<<: *base`) as Kubernetes' decoder does:
    /// explicit keys win over merged ones, earlier merge sources over later ones.
    public subscript(key: String) -> YAMLNode? {
        entry(for: key)?.value
    }

    /// The key node and value for a key, so a finding can point at the key.
    public func entry(for key: String) -> (key: YAMLNode, value: YAMLNode)? {
        lookup(key, depth: 0)
    }

    private func lookup(_ key: String, depth: Int) -> (key: YAMLNode, value: YAMLNode)? {
        let r = record
        guard r.kind == .mapping, depth < 32 else { return nil }
        let children = document.children
        var merges: [YAMLNode] = []
        var i = Int(r.start)
        let end = Int(r.start + r.count)
        while i < end {
            let k = YAMLNode(document: document, id: children[i])
            if k.scalarEquals(key) { return (k, YAMLNode(document: document, id: children[i + 1])) }
            if k.style == .plain, k.scalarEquals("<<") { merges.append(YAMLNode(document: document, id: children[i + 1])) }
            i += 2
        }
        for merge in merges {
            let sources = merge.isSequence ? merge.elements : [merge]
            for source in sources {
                if let found = source.lookup(key, depth: depth + 1) { return found }
            }
        }
        return nil
    }

    /// Follows a path of mapping keys and sequence indexes: `node.at("spec", "template", "spec")`.
    public func at(_ path: String...) -> YAMLNode? {
        var node: YAMLNode? = self
        for component in path {
            guard let current = node else { return nil }
            if current.isSequence, let index = Int(component) {
                let items = current.elements
                node = items.indices.contains(index) ? items[index] : nil
            } else {
                node = current[component]
            }
        }
        return node
    }
}
