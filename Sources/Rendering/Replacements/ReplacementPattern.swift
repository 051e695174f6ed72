/// A regular expression as kustomize uses them in replacements: selector fields match whole values
/// (`^(?:p)$`), list-entry values (`[name=p]`) match anywhere in the value. Plain text skips the
/// regex engine, which keeps the common case (a literal name) fast.
struct ReplacementPattern {
    private enum Matcher {
        case literal(String)
        case regex(Regex<AnyRegexOutput>)
    }

    let source: String
    private let matcher: Matcher

    private static let metacharacters: Set<Character> = ["\\", ".", "+", "*", "?", "(", ")", "|", "[", "]", "{", "}", "^", "$"]

    init(_ source: String) throws(RenderError) {
        self.source = source
        if !source.contains(where: { Self.metacharacters.contains($0) }) {
            matcher = .literal(source)
            return
        }
        guard let regex = RegexCache.regex(source) else {
            throw RenderError(.invalid, "error parsing regexp: invalid regex `\(source)`")
        }
        matcher = .regex(regex)
    }

    /// Whether the whole of `text` matches.
    func matchesWhole(_ text: String) -> Bool {
        switch matcher {
        case .literal(let literal): return text == literal
        case .regex(let regex): return (try? regex.wholeMatch(in: text)) != nil
        }
    }

    /// Whether the pattern matches somewhere in `text` (Go's `MatchString`).
    func occurs(in text: String) -> Bool {
        switch matcher {
        case .literal(let literal): return literal.isEmpty || text.contains(literal)
        case .regex(let regex): return (try? regex.firstMatch(in: text)) != nil
        }
    }
}
