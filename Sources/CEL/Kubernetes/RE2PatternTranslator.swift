/// Checks a pattern against RE2 syntax (as Go's `regexp/syntax` accepts it, which is what
/// Kubernetes runs) and rewrites the few spots where PCRE2 would read the same text differently.
///
/// Rejected because RE2 has no such feature: backreferences, lookaround, atomic groups,
/// possessive or nested quantifiers, recursion, conditionals, `(*VERB)`s and PCRE-only escapes.
/// Rewritten: `\v` (a vertical tab in RE2, a class in PCRE2), multi-digit octal escapes (which
/// PCRE2 might read as backreferences) and `{` that does not start a valid repeat (a literal in
/// RE2). `$` and newline conventions are handled by compile options instead.
struct RE2PatternTranslator {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var output = ""

    /// Whether the last item was a quantifier, and if so whether it was already made lazy.
    private enum Repetition { case none, repeated, lazy }
    private var repetition = Repetition.none

    static let maximumRepeatCount = 1000

    static func translate(_ pattern: String) throws(RegexError) -> String {
        var translator = RE2PatternTranslator(scalars: Array(pattern.unicodeScalars))
        try translator.run()
        return translator.output
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < scalars.count ? scalars[index] : nil
    }

    private mutating func take() -> Unicode.Scalar? {
        guard let scalar = peek() else { return nil }
        position += 1
        return scalar
    }

    private mutating func run() throws(RegexError) {
        while let scalar = take() {
            switch scalar {
            case "\\":
                try translateEscape(inClass: false)
                repetition = .none
            case "[":
                try translateClass()
                repetition = .none
            case "(":
                try translateGroupOpening()
                repetition = .none
            case "*", "+", "?":
                try noteQuantifier(isQuestionMark: scalar == "?")
                output.unicodeScalars.append(scalar)
            case "{":
                if let repeatText = try repeatOperator() {
                    try noteQuantifier(isQuestionMark: false)
                    output += repeatText
                } else {
                    output += "\\{"
                    repetition = .none
                }
            default:
                output.unicodeScalars.append(scalar)
                repetition = .none
            }
        }
    }

    private mutating func noteQuantifier(isQuestionMark: Bool) throws(RegexError) {
        switch repetition {
        case .none: repetition = .repeated
        case .repeated where isQuestionMark: repetition = .lazy
        case .repeated, .lazy: throw .illegal("invalid nested repetition operator")
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` with counts up to 1000, or nil when the brace is a literal.
    private mutating func repeatOperator() throws(RegexError) -> String? {
        var index = position
        func digits() -> Int? {
            var value = 0, count = 0
            while index < scalars.count, let digit = scalars[index].asciiDigitValue {
                value = min(value * 10 + digit, 100_000)
                count += 1
                index += 1
            }
            return count > 0 ? value : nil
        }
        guard let minimum = digits() else { return nil }
        var maximum: Int? = minimum
        if index < scalars.count, scalars[index] == "," {
            index += 1
            maximum = digits()
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        if minimum > RE2PatternTranslator.maximumRepeatCount || (maximum ?? 0) > RE2PatternTranslator.maximumRepeatCount
            || (maximum.map { $0 < minimum } ?? false) {
            throw .illegal("invalid repeat count")
        }
        let text = String(String.UnicodeScalarView(scalars[(position - 1)...index]))
        position = index + 1
        return text
    }

    private mutating func translateGroupOpening() throws(RegexError) {
        if peek() == "*" { throw .illegal("missing argument to repetition operator: `*`") }
        guard peek() == "?" else {
            output += "("
            return
        }
        position += 1
        let isLookbehind = peek() == "<" && (peek(1) == "=" || peek(1) == "!")
        switch (peek(), peek(1)) {
        case ("P", "<"):
            output += "(?P<"
            position += 2
        case ("<", _) where !isLookbehind:
            output += "(?<"
            position += 1
        case (":", _):
            output += "(?:"
            position += 1
        case ("=", _), ("!", _), ("<", _):
            throw .illegal("invalid or unsupported Perl syntax: lookaround")
        case ("P", _):
            throw .illegal("invalid or unsupported Perl syntax: backreference or recursion")
        default:
            output += "(?" + (try flagGroup())
        }
    }

    /// `(?flags)` or `(?flags:`, flags from `imsU`, with at most one `-` followed by flags.
    private mutating func flagGroup() throws(RegexError) -> String {
        var text = ""
        var sawMinus = false
        var flagsSinceMinus = 0
        var flagCount = 0
        while let scalar = take() {
            switch scalar {
            case "i", "m", "s", "U":
                flagCount += 1
                flagsSinceMinus += 1
            case "-":
                if sawMinus { throw .illegal("invalid or unsupported Perl syntax") }
                sawMinus = true
                flagsSinceMinus = 0
            case ")", ":":
                if flagCount == 0 || (sawMinus && flagsSinceMinus == 0) {
                    throw .illegal("invalid or unsupported Perl syntax")
                }
                text.unicodeScalars.append(scalar)
                return text
            default:
                throw .illegal("invalid or unsupported Perl syntax")
            }
            text.unicodeScalars.append(scalar)
        }
        throw .illegal("missing closing )")
    }

    /// Copies a bracket expression, checking the escapes inside it.
    private mutating func translateClass() throws(RegexError) {
        output += "["
        if peek() == "^" {
            output += "^"
            position += 1
        }
        if peek() == "]" {
            output += "]"
            position += 1
        }
        while let scalar = take() {
            switch scalar {
            case "]":
                output += "]"
                return
            case "\\":
                try translateEscape(inClass: true)
            case "[" where peek() == ":":
                // POSIX class such as [:alpha:]; PCRE2 and RE2 agree on these names.
                output += "["
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        throw .illegal("missing closing ]")
    }

    private mutating func translateEscape(inClass: Bool) throws(RegexError) {
        guard let escaped = take() else { throw .illegal("trailing backslash at end of expression") }
        switch escaped {
        case "1"..."7" where peek().map({ ("0"..."7").contains($0) }) ?? false:
            output += "\\o{\(escaped)\(octalDigits(upTo: 2))}"
        case "1"..."9":
            throw .illegal("invalid escape sequence: backreferences are not supported")
        case "0":
            output += "\\o{0\(octalDigits(upTo: 2))}"
        case "v":
            output += "\\x{0B}"
        case "a", "f", "t", "n", "r", "d", "D", "s", "S", "w", "W":
            output += "\\" + String(escaped)
        case _ where !inClass && ["A", "z", "b", "B"].contains(escaped):
            output += "\\" + String(escaped)
        case "x":
            try copyHexEscape()
        case "p", "P":
            try copyUnicodeClass(escaped)
        case "Q" where !inClass:
            copyQuotedText()
        default:
            guard escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped) else {
                throw .illegal("invalid escape sequence: \\\(escaped)")
            }
            output += "\\" + String(escaped)
        }
    }

    private mutating func octalDigits(upTo count: Int) -> String {
        var digits = ""
        while digits.count < count, let next = peek(), ("0"..."7").contains(next) {
            digits.unicodeScalars.append(next)
            position += 1
        }
        return digits
    }

    /// `\xHH` (exactly two digits) or `\x{H...}`.
    private mutating func copyHexEscape() throws(RegexError) {
        var digits = ""
        if peek() == "{" {
            position += 1
            while let next = take(), next != "}" {
                guard next.properties.isASCIIHexDigit else { throw .illegal("invalid escape sequence: \\x") }
                digits.unicodeScalars.append(next)
            }
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: 16), value <= 0x10FFFF else {
                throw .illegal("invalid escape sequence: \\x")
            }
        } else {
            for _ in 0..<2 {
                guard let next = take(), next.properties.isASCIIHexDigit else {
                    throw .illegal("invalid escape sequence: \\x")
                }
                digits.unicodeScalars.append(next)
            }
        }
        output += "\\x{\(digits)}"
    }

    private mutating func copyUnicodeClass(_ kind: Unicode.Scalar) throws(RegexError) {
        output += "\\" + String(kind)
        guard let next = take() else { throw .illegal("invalid character class range") }
        output.unicodeScalars.append(next)
        guard next == "{" else { return }
        while let scalar = take() {
            output.unicodeScalars.append(scalar)
            if scalar == "}" { return }
        }
        throw .illegal("invalid character class range")
    }

    /// `\Q...\E` is literal text in both dialects; copied without interpretation.
    private mutating func copyQuotedText() {
        output += "\\Q"
        while let scalar = take() {
            if scalar == "\\", peek() == "E" {
                position += 1
                output += "\\E"
                return
            }
            output.unicodeScalars.append(scalar)
        }
    }
}

/// Why a pattern could not be used, or a match could not finish.
public enum RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not valid RE2 syntax (or not compilable).
    case illegal(String)
    /// The match needed more backtracking than allowed; RE2 would not backtrack at all.
    case matchLimitExceeded

    public var description: String {
        switch self {
        case .illegal(let reason): "Illegal regex: \(reason)"
        case .matchLimitExceeded: "regex match exceeded the backtracking limit"
        }
    }
}

extension Unicode.Scalar {
    var asciiDigitValue: Int? {
        ("0"..."9").contains(self) ? Int(value) - 48 : nil
    }
}
