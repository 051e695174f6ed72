/// One YAML document, stored as an arena: nodes in one array, container children in another,
/// scalar bytes in a third. A file of many objects costs a handful of allocations, not one per node.
/// Aliases share the anchored node, so the tree is a DAG whose expansion the parser has bounded.
public final class YAMLDocument: Sendable {
    public let file: String
    /// Position of this document in its file's stream, from 0.
    public let index: Int
    /// First line of the document (its `---` marker, or its first content), 1-based.
    public let startLine: Int
    /// Line on which the document ends, 1-based.
    public let endLine: Int

    let records: [NodeRecord]
    let children: [Int32]
    let bytes: [UInt8]
    let tags: [String]
    let rootID: Int32

    init(file: String, index: Int, startLine: Int, endLine: Int,
         records: [NodeRecord], children: [Int32], bytes: [UInt8], tags: [String], rootID: Int32) {
        self.file = file
        self.index = index
        self.startLine = startLine
        self.endLine = endLine
        self.records = records
        self.children = children
        self.bytes = bytes
        self.tags = tags
        self.rootID = rootID
    }

    /// The top node, or nil for an empty document (`---` followed by nothing).
    public var root: YAMLNode? {
        rootID < 0 ? nil : YAMLNode(document: self, id: rootID)
    }

    /// How many distinct nodes the document holds (aliases counted once).
    public var nodeCount: Int { records.count }
}

public enum YAMLNodeKind: UInt8, Sendable {
    case scalar, mapping, sequence
}

public enum YAMLScalarStyle: UInt8, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// Fixed-size node record; positions are 1-based like every position we report.
struct NodeRecord: Sendable {
    var kind: YAMLNodeKind
    var style: YAMLScalarStyle
    var line: Int32
    var column: Int32
    var endLine: Int32
    var endColumn: Int32
    /// Scalars: offset into `bytes`. Containers: offset into `children` (mappings store key, value pairs).
    var start: Int32
    var count: Int32
    /// Index into `tags`, or -1 when the node has no explicit tag.
    var tag: Int32
}
