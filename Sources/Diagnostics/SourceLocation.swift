/// A 1-based line and column in a file, the file given relative to the repository root.
public struct SourceLocation: Hashable, Codable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of a file, for findings about a whole file (binary content, unreadable bytes).
    public static func startOf(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A start and an end position in one file. `end` is exclusive, as libyaml reports it.
public struct SourceSpan: Hashable, Codable, Sendable {
    public var start: SourceLocation
    public var endLine: Int
    public var endColumn: Int

    public init(start: SourceLocation, endLine: Int, endColumn: Int) {
        self.start = start
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public init(file: String, line: Int, column: Int) {
        self.init(start: SourceLocation(file: file, line: line, column: column), endLine: line, endColumn: column)
    }

    public var file: String { start.file }
}
