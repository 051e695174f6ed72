/// Flux's post-build variable expansion language (fluxcd/pkg/envsubst, a fork of drone/envsubst):
/// only `${…}` forms expand, `$$` collapses to `$` outside them, and the parser's quirks (which
/// operators exist, where escapes apply, what each one does with an empty value) are reproduced
/// because a rendered manifest must match what the controller applies byte for byte.
public enum Envsubst {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case badSubstitution
        case missingClosingBrace
        case unparsableVariableName
        case unparsableFunctionArgument
        case unparsableDefault
        /// Strict mode: a variable read without a default-providing operator is not set.
        case variableNotSet(String)

        /// The controller's wording, which users grep for in events.
        public var description: String {
            switch self {
            case .badSubstitution: return "bad substitution"
            case .missingClosingBrace: return "missing closing brace"
            case .unparsableVariableName: return "unable to parse variable name"
            case .unparsableFunctionArgument: return "unable to parse substitution within function"
            case .unparsableDefault: return "unable to parse default function"
            case .variableNotSet(let name): return "variable not set (strict mode): \"\(name)\""
            }
        }
    }

    /// One piece of a parsed template.
    indirect enum Piece: Sendable, Equatable {
        case text(String)
        /// `${variable<op>arguments}`; `op` is "" for a bare reference.
        case expansion(op: String, variable: String, arguments: [Piece])
    }

    /// Expands `text`. `lookup` returns nil for an unset variable; with `strict` that is an error
    /// unless the operator supplies its own fallback, without it an unset variable reads as "".
    public static func expand(_ text: String, strict: Bool, lookup: (String) -> String?) throws(Failure) -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        let pieces = try parse(text)
        var output = ""
        for piece in pieces { output += try evaluate(piece, strict: strict, lookup: lookup) }
        return output
    }

    /// Whether `text` holds anything the expander would change or reject.
    public static func mayExpand(_ text: String) -> Bool {
        var previousDollar = false
        for byte in text.utf8 {
            if previousDollar && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "$")) { return true }
            previousDollar = byte == UInt8(ascii: "$")
        }
        return false
    }

    static func parse(_ text: String) throws(Failure) -> [Piece] {
        var parser = TemplateParser(text)
        return try parser.parseTop()
    }

    static func evaluate(_ piece: Piece, strict: Bool, lookup: (String) -> String?) throws(Failure) -> String {
        switch piece {
        case .text(let text):
            return text
        case .expansion(let op, let variable, let arguments):
            // Arguments expand first, so a nested unset variable fails even when the outer one is set.
            var values: [String] = []
            for argument in arguments { values.append(try evaluate(argument, strict: strict, lookup: lookup)) }
            let found = lookup(variable)
            if found == nil, strict, !defaultOperators.contains(op) { throw .variableNotSet(variable) }
            return EnvsubstFunctions.apply(op, to: found ?? "", arguments: values)
        }
    }

    /// Operators that tolerate an unset variable. `+`, `?` and their `:` forms are accepted by the
    /// parser but behave like plain defaults, as in Flux.
    static let defaultOperators: Set<String> = ["-", "+", "=", "?", ":-", ":+", ":=", ":?"]
}

/// A character-level parser with the same token boundaries as the upstream scanner: escapes are
/// removed from the buffer as they are met, and a token stops in front of a nested `${`.
struct TemplateParser {
    struct Mode: OptionSet {
        let rawValue: UInt8
        static let ident = Mode(rawValue: 1)
        static let openBrace = Mode(rawValue: 2)
        static let closeBrace = Mode(rawValue: 4)
        static let escape = Mode(rawValue: 8)
    }

    enum Token { case eof, ident, open, close, illegal }

    typealias Accept = (Unicode.Scalar, Int) -> Bool

    private var buffer: [Unicode.Scalar]
    private var position = 0
    private var start = 0
    private var lastWidth = 0
    private var mode: Mode = []
    /// Whether `\` escapes `/` and `\` (inside expansions) in addition to `$$`.
    private var backslashEscapes = false
    private var accept: Accept = { _, _ in true }

    init(_ text: String) {
        buffer = Array(text.unicodeScalars)
    }

    // MARK: Grammar

    mutating func parseTop() throws(Envsubst.Failure) -> [Piece] {
        var pieces: [Piece] = []
        while true {
            accept = { _, _ in true }
            mode = [.ident, .openBrace, .escape]
            backslashEscapes = false
            switch scan() {
            case .ident: pieces.append(.text(tokenText))
            case .eof: return pieces
            case .open: pieces.append(try parseExpansion())
            default: throw .badSubstitution
            }
        }
    }

    typealias Piece = Envsubst.Piece

    private mutating func parseExpansion() throws(Envsubst.Failure) -> Piece {
        backslashEscapes = true
        if peek() == "#" { return try parseLength() }
        accept = Self.isIdentifier
        mode = [.ident]
        guard scan() == .ident else { throw .unparsableVariableName }
        let name = tokenText
        switch peek() {
        case ":": return try parseDefaultOrSubstring(name)
        case "=": return try parseDefault(name)
        case ",", "^": return try parseCasing(name)
        case "/": return try parseReplace(name)
        case "#": return try parseRemove(name, marker: "#")
        case "%": return try parseRemove(name, marker: "%")
        default:
            accept = Self.isIdentifier
            mode = [.closeBrace]
            guard scan() == .close else { throw .missingClosingBrace }
            return .expansion(op: "", variable: name, arguments: [])
        }
    }

    private mutating func parseArgument(_ accepting: @escaping Accept, _ extra: Mode) throws(Envsubst.Failure) -> Piece {
        accept = accepting
        mode = extra.union(.openBrace)
        switch scan() {
        case .open: return try parseExpansion()
        case .ident, .close: return .text(tokenText)
        default: throw .unparsableFunctionArgument
        }
    }

    private mutating func parseDefaultOrSubstring(_ name: String) throws(Envsubst.Failure) -> Piece {
        _ = read()
        let next = peek()
        unread()
        if let next, "=-?+".unicodeScalars.contains(next) { return try parseDefault(name) }
        return try parseSubstring(name)
    }

    private mutating func parseSubstring(_ name: String) throws(Envsubst.Failure) -> Piece {
        accept = { scalar, index in index == 1 && scalar == ":" }
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        let op = tokenText
        var arguments = [try parseArgument({ scalar, _ in scalar != ":" && scalar != "}" }, [.ident])]
        accept = { scalar, _ in scalar == ":" }
        mode = [.ident, .closeBrace]
        switch scan() {
        case .close: return .expansion(op: op, variable: name, arguments: arguments)
        case .ident: break
        default: throw .badSubstitution
        }
        arguments.append(try parseArgument({ scalar, _ in scalar != "}" }, [.ident]))
        try consumeClosingBrace()
        return .expansion(op: op, variable: name, arguments: arguments)
    }

    private mutating func parseRemove(_ name: String, marker: Unicode.Scalar) throws(Envsubst.Failure) -> Piece {
        accept = { scalar, index in scalar == marker && index < 3 }
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        let op = tokenText
        let argument = try parseArgument({ scalar, _ in scalar != "}" }, [.ident])
        try consumeClosingBrace()
        return .expansion(op: op, variable: name, arguments: [argument])
    }

    private mutating func parseReplace(_ name: String) throws(Envsubst.Failure) -> Piece {
        accept = { scalar, index in
            (index == 1 && scalar == "/") || (index == 2 && (scalar == "/" || scalar == "#" || scalar == "%"))
        }
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        let op = tokenText
        var arguments: [Piece] = []
        if peek() == "/" {
            arguments.append(.text(""))
        } else {
            arguments.append(try parseArgument({ scalar, _ in scalar != "/" }, [.ident, .escape]))
        }
        accept = { scalar, _ in scalar == "/" }
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        if peek() == "}" {
            try consumeClosingBrace()
            return .expansion(op: op, variable: name, arguments: arguments)
        }
        arguments.append(try parseArgument({ scalar, _ in scalar != "}" }, [.ident, .escape]))
        try consumeClosingBrace()
        return .expansion(op: op, variable: name, arguments: arguments)
    }

    private mutating func parseDefault(_ name: String) throws(Envsubst.Failure) -> Piece {
        if peek() == "=" {
            accept = { scalar, index in index == 1 && scalar == "=" }
        } else {
            accept = { scalar, index in
                (index == 1 && scalar == ":") || (index == 2 && "=-?+".unicodeScalars.contains(scalar))
            }
        }
        mode = [.ident]
        guard scan() == .ident else { throw .unparsableDefault }
        let op = tokenText
        var arguments: [Piece] = []
        while peek() != "}" {
            arguments.append(try parseArgument({ scalar, _ in scalar != "}" }, [.ident]))
        }
        try consumeClosingBrace()
        return .expansion(op: op, variable: name, arguments: arguments)
    }

    private mutating func parseCasing(_ name: String) throws(Envsubst.Failure) -> Piece {
        accept = { scalar, index in (scalar == "," || scalar == "^") && index < 3 }
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        let op = tokenText
        try consumeClosingBrace()
        return .expansion(op: op, variable: name, arguments: [])
    }

    private mutating func parseLength() throws(Envsubst.Failure) -> Piece {
        accept = { scalar, index in scalar == "#" && index == 1 }
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        let op = tokenText
        accept = Self.isIdentifier
        mode = [.ident]
        guard scan() == .ident else { throw .badSubstitution }
        let name = tokenText
        try consumeClosingBrace()
        return .expansion(op: op, variable: name, arguments: [])
    }

    private mutating func consumeClosingBrace() throws(Envsubst.Failure) {
        mode = [.closeBrace]
        guard scan() == .close else { throw .badSubstitution }
    }

    /// Go's `unicode.IsLetter || unicode.IsDigit || '_'`.
    static func isIdentifier(_ scalar: Unicode.Scalar, _: Int) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    // MARK: Scanner

    private var tokenText: String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: buffer[start..<position])
        return String(text)
    }

    private mutating func read() -> Unicode.Scalar? {
        guard position < buffer.count else {
            lastWidth = 0
            return nil
        }
        lastWidth = 1
        position += 1
        return buffer[position - 1]
    }

    private mutating func unread() { position -= lastWidth }

    private mutating func peek() -> Unicode.Scalar? {
        let scalar = read()
        unread()
        return scalar
    }

    /// Drops the escape character just read, so the escaped one becomes part of the token.
    private mutating func dropPrevious() {
        buffer.remove(at: position - 1)
    }

    private mutating func scan() -> Token {
        start = position
        guard let scalar = read() else { return .eof }
        if scanOpenBrace(scalar) { return .open }
        if mode.contains(.closeBrace), scalar == "}" { return .close }
        if scanIdentifier(scalar) { return .ident }
        return .illegal
    }

    private mutating func scanOpenBrace(_ scalar: Unicode.Scalar) -> Bool {
        guard mode.contains(.openBrace), scalar == "$" else { return false }
        if read() == "{" { return true }
        unread()
        return false
    }

    private mutating func isEscape(_ scalar: Unicode.Scalar) -> Bool {
        guard mode.contains(.escape) else { return false }
        if scalar == "$", peek() == "$" { return true }
        if backslashEscapes, scalar == "\\", let next = peek(), next == "/" || next == "\\" { return true }
        return false
    }

    private mutating func scanIdentifier(_ first: Unicode.Scalar) -> Bool {
        guard mode.contains(.ident) else { return false }
        if isEscape(first) {
            dropPrevious()
        } else if !accept(first, position - start) {
            return false
        }
        while true {
            guard let scalar = read() else {
                unread()
                break
            }
            if scanOpenBrace(scalar) {
                unread()
                unread()
                break
            }
            if isEscape(scalar) {
                dropPrevious()
                continue
            }
            if !accept(scalar, position - start) {
                unread()
                break
            }
        }
        return true
    }
}
