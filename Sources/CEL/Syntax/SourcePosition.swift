/// Where a node or a diagnostic sits in the expression text.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// Offset in Unicode scalars from the start of the text.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static let start = SourcePosition(offset: 0, line: 1, column: 1)

    public var description: String { "\(line):\(column)" }
}

/// A failure to turn source text into a program: syntax, macro or type errors, or limits.
public struct CELError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case macro
        case check
        case limit
    }

    public var kind: Kind
    public var message: String
    public var position: SourcePosition

    public init(_ kind: Kind, _ message: String, at position: SourcePosition) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { "\(kind.rawValue) error at \(position): \(message)" }
}
