/// Splits CEL source into tokens. Works on Unicode scalars so positions and string contents
/// are exact for any input, including invalid or hostile text.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    static func tokenize(_ source: String) throws(CELError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let spaced = lexer.skipTrivia()
            var token = try lexer.next()
            token.precededBySpace = spaced
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    private var position: SourcePosition { SourcePosition(offset: index, line: line, column: column) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = index + ahead
        return i < scalars.count ? scalars[i] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Skips whitespace and `//` comments; reports whether anything was skipped.
    private mutating func skipTrivia() -> Bool {
        let start = index
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                advance()
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { advance() }
            } else {
                break
            }
        }
        return index != start
    }

    private mutating func next() throws(CELError) -> Token {
        let start = position
        guard let c = peek() else { return Token(kind: .endOfInput, position: start) }

        if c.isASCIIDigit || (c == "." && (peek(1)?.isASCIIDigit ?? false)) {
            return Token(kind: try number(), position: start)
        }
        if c.isIdentifierStart {
            if let literal = try stringWithPrefix() { return Token(kind: literal, position: start) }
            var name = ""
            while let d = peek(), d.isIdentifierContinue {
                name.unicodeScalars.append(d)
                advance()
            }
            return Token(kind: .identifier(name), position: start)
        }
        if c == "\"" || c == "'" {
            let text = try quoted(raw: false, bytes: false)
            return Token(kind: .string(text.string), position: start)
        }
        if c == "`" {
            advance()
            var name = ""
            while let d = peek(), d != "`" {
                guard d.isASCII, d.properties.isAlphabetic || d.isASCIIDigit || "_.-/~".unicodeScalars.contains(d) else {
                    throw CELError(.syntax, "invalid character in quoted identifier", at: position)
                }
                name.unicodeScalars.append(d)
                advance()
            }
            guard peek() == "`", !name.isEmpty else {
                throw CELError(.syntax, "unterminated quoted identifier", at: start)
            }
            advance()
            return Token(kind: .quotedIdentifier(name), position: start)
        }
        for op in ["==", "!=", "<=", ">=", "&&", "||"] where matches(op) {
            advance()
            advance()
            return Token(kind: .punctuation(op), position: start)
        }
        if "<>!+-*/%?:.,[](){}".unicodeScalars.contains(c) {
            advance()
            return Token(kind: .punctuation(String(c)), position: start)
        }
        throw CELError(.syntax, "unexpected character '\(c.escaped(asASCII: true))'", at: start)
    }

    private func matches(_ text: String) -> Bool {
        var i = 0
        for s in text.unicodeScalars {
            if peek(i) != s { return false }
            i += 1
        }
        return true
    }

    // MARK: Numbers

    private mutating func number() throws(CELError) -> Token.Kind {
        let start = position
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            advance()
            advance()
            var digits = ""
            while let d = peek(), d.isHexDigit {
                digits.unicodeScalars.append(d)
                advance()
            }
            guard !digits.isEmpty, let value = UInt64(digits, radix: 16) else {
                throw CELError(.syntax, "invalid hexadecimal literal", at: start)
            }
            return try integerSuffix(value, at: start)
        }
        var text = ""
        var isDouble = false
        while let d = peek(), d.isASCIIDigit {
            text.unicodeScalars.append(d)
            advance()
        }
        if peek() == ".", let d = peek(1), d.isASCIIDigit {
            isDouble = true
            text.unicodeScalars.append(".")
            advance()
            while let d = peek(), d.isASCIIDigit {
                text.unicodeScalars.append(d)
                advance()
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { ahead = 2 }
            if let d = peek(ahead), d.isASCIIDigit {
                isDouble = true
                for _ in 0..<ahead {
                    text.unicodeScalars.append(peek() ?? "e")
                    advance()
                }
                while let d = peek(), d.isASCIIDigit {
                    text.unicodeScalars.append(d)
                    advance()
                }
            }
        }
        if isDouble {
            guard let value = Double(text) else { throw CELError(.syntax, "invalid double literal", at: start) }
            return .double(value)
        }
        guard let value = UInt64(text) else { throw CELError(.syntax, "integer literal out of range", at: start) }
        return try integerSuffix(value, at: start)
    }

    private mutating func integerSuffix(_ value: UInt64, at start: SourcePosition) throws(CELError) -> Token.Kind {
        if let u = peek(), u == "u" || u == "U" {
            advance()
            return .uint(value)
        }
        return .int(value)
    }

    // MARK: Strings and bytes

    /// Recognises `r'…'`, `b'…'`, `br'…'`, `rb'…'` in any letter case.
    private mutating func stringWithPrefix() throws(CELError) -> Token.Kind? {
        var raw = false
        var bytes = false
        var length = 0
        while length < 2, let c = peek(length) {
            if (c == "r" || c == "R") && !raw {
                raw = true
            } else if (c == "b" || c == "B") && !bytes {
                bytes = true
            } else {
                break
            }
            length += 1
        }
        guard length > 0, let q = peek(length), q == "\"" || q == "'" else { return nil }
        for _ in 0..<length { advance() }
        let literal = try quoted(raw: raw, bytes: bytes)
        return bytes ? .bytes(literal.bytes) : .string(literal.string)
    }

    private struct LiteralText {
        var bytes: [UInt8] = []
        var string: String { String(decoding: bytes, as: UTF8.self) }

        mutating func append(_ scalar: Unicode.Scalar) {
            bytes.append(contentsOf: Array(String(scalar).utf8))
        }
    }

    private mutating func quoted(raw: Bool, bytes: Bool) throws(CELError) -> LiteralText {
        let start = position
        guard let quote = peek() else { throw CELError(.syntax, "expected a string", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var text = LiteralText()
        while true {
            guard let c = peek() else { throw CELError(.syntax, "unterminated string literal", at: start) }
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                return text
            }
            if !triple && (c == "\n" || c == "\r") {
                throw CELError(.syntax, "newline in single-quoted string literal", at: position)
            }
            if c == "\\" && !raw {
                try escape(into: &text, bytes: bytes)
                continue
            }
            text.append(c)
            advance()
        }
    }

    private mutating func escape(into text: inout LiteralText, bytes: Bool) throws(CELError) {
        let start = position
        advance()
        guard let c = peek() else { throw CELError(.syntax, "unterminated escape sequence", at: start) }
        advance()
        let simple: [Unicode.Scalar: UInt8] = [
            "a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11,
            "\\": 92, "?": 63, "\"": 34, "'": 39, "`": 96,
        ]
        if let byte = simple[c] {
            text.bytes.append(byte)
            return
        }
        switch c {
        case "x", "X":
            let value = try digits(count: 2, radix: 16, at: start)
            try emit(value, into: &text, asByte: bytes, at: start)
        case "u", "U":
            let value = try digits(count: c == "u" ? 4 : 8, radix: 16, at: start)
            guard !bytes else { throw CELError(.syntax, "unicode escape in bytes literal", at: start) }
            try emit(value, into: &text, asByte: false, at: start)
        case "0"..."3":
            let rest = try digits(count: 2, radix: 8, at: start)
            let value = (c.value - 48) * 64 + rest
            try emit(value, into: &text, asByte: bytes, at: start)
        default:
            throw CELError(.syntax, "invalid escape sequence '\\\(c.escaped(asASCII: true))'", at: start)
        }
    }

    private mutating func digits(count: Int, radix: UInt32, at start: SourcePosition) throws(CELError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let d = peek(), let digit = d.digitValue(radix: radix) else {
                throw CELError(.syntax, "invalid escape sequence", at: start)
            }
            value = value &* radix &+ digit
            advance()
        }
        return value
    }

    private func emit(_ value: UInt32, into text: inout LiteralText, asByte: Bool, at start: SourcePosition) throws(CELError) {
        if asByte {
            guard value <= 0xFF else { throw CELError(.syntax, "byte escape out of range", at: start) }
            text.bytes.append(UInt8(value))
            return
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw CELError(.syntax, "invalid code point in escape sequence", at: start)
        }
        text.append(scalar)
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isHexDigit: Bool { digitValue(radix: 16) != nil }
    var isIdentifierStart: Bool { self == "_" || ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isIdentifierContinue: Bool { isIdentifierStart || isASCIIDigit }

    func digitValue(radix: UInt32) -> UInt32? {
        let v: UInt32
        switch self {
        case "0"..."9": v = value - 48
        case "a"..."z": v = value - 97 + 10
        case "A"..."Z": v = value - 65 + 10
        default: return nil
        }
        return v < radix ? v : nil
    }
}
