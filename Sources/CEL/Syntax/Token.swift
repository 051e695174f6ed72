/// One lexical unit of CEL source.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Magnitude of a signed literal; the sign is applied by the parser so that
        /// `-9223372036854775808` stays representable.
        case int(UInt64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case identifier(String)
        /// A back-quoted field name such as `` `content-type` ``.
        case quotedIdentifier(String)
        case punctuation(String)
        case endOfInput
    }

    var kind: Kind
    var position: SourcePosition
    /// Whether whitespace or a comment separates this token from the previous one.
    var precededBySpace: Bool = false

    func isPunctuation(_ text: String) -> Bool {
        if case .punctuation(let p) = kind { return p == text }
        return false
    }
}

enum Keywords {
    /// Words the grammar reserves: they may not name variables or global functions, though they
    /// may still be used as field names and receiver-call names.
    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]
}
