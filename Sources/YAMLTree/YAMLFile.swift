import Diagnostics

/// A comment and where it starts; kept for markers later stages read
/// (`# {"$imagepolicy": ...}`, `# shipshape:ignore ...`).
public struct YAMLComment: Sendable, Hashable {
    public let line: Int
    public let column: Int
    /// The text after `#`, without the leading marker.
    public let text: String
}

/// Everything the front-end learned from one file: its documents, comments and problems.
public struct YAMLFile: Sendable {
    public let path: String
    public let documents: [YAMLDocument]
    public let comments: [YAMLComment]
    public let diagnostics: [Diagnostic]
    /// Byte count, for throughput figures.
    public let size: Int

    public init(path: String, documents: [YAMLDocument], comments: [YAMLComment], diagnostics: [Diagnostic], size: Int) {
        self.path = path
        self.documents = documents
        self.comments = comments
        self.diagnostics = diagnostics
        self.size = size
    }

    /// True when parsing stopped early, so later documents may be missing.
    public var isIncomplete: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
