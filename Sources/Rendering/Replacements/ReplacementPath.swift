/// A dotted field path as replacements write it (`spec.template.spec.containers.[name=nginx].image`),
/// split the way kyaml's `SmarterPathSplitter` does: `\.` escapes a dot, a bracketed part keeps its
/// dots, and `[a.b]` without `=` names a map key containing dots.
public struct ReplacementPath: Sendable, Hashable, CustomStringConvertible {
    public var parts: [String]
    /// The text as written, for messages.
    public var description: String

    public init(_ text: String) {
        description = text
        parts = Self.split(text)
    }

    static func split(_ text: String) -> [String] {
        // First pass: split on dots that are not preceded by a backslash.
        var pieces: [String] = []
        for piece in text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            if let last = pieces.last, last.hasSuffix("\\") {
                pieces[pieces.count - 1] = String(last.dropLast()) + "." + piece
            } else {
                pieces.append(piece)
            }
        }
        // Second pass: glue a bracket that was cut apart back together.
        var result: [String] = []
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            guard piece.hasPrefix("["), !piece.hasSuffix("]") else {
                result.append(piece)
                index += 1
                continue
            }
            var bracketed = [piece]
            while index < pieces.count - 1 {
                index += 1
                bracketed.append(pieces[index])
                if pieces[index].hasSuffix("]") { break }
            }
            index += 1
            let joined = bracketed.joined(separator: ".")
            if joined.contains("=") {
                result.append(joined)
            } else {
                result.append(trimmingBrackets(joined))
            }
        }
        return result
    }

    /// Go's `strings.Trim(s, "[]")`.
    private static func trimmingBrackets(_ text: String) -> String {
        let isBracket: (Character) -> Bool = { $0 == "[" || $0 == "]" }
        guard let start = text.firstIndex(where: { !isBracket($0) }),
              let end = text.lastIndex(where: { !isBracket($0) }) else { return "" }
        return String(text[start...end])
    }
}

/// One step of a path, classified once.
enum PathPart: Equatable {
    case field(String)
    case index(Int)
    /// `-`: the last element (lookups only).
    case last
    /// `[key=value]`, or `[=value]` for a list of scalars (empty key).
    case element(key: String, value: String)
    /// `*`: every element (targets only).
    case every

    static func isBracketed(_ part: String) -> Bool { part.hasPrefix("[") && part.hasSuffix("]") }

    /// Splits `[key=value]`; kustomize refuses a bracket without `=`.
    static func element(_ part: String) throws(RenderError) -> PathPart {
        let inner = part.dropFirst().dropLast()
        guard let equals = inner.firstIndex(of: "=") else {
            throw RenderError(.invalid, "list path element must contain fieldName=fieldValue for element to match")
        }
        return .element(key: String(inner[..<equals]), value: String(inner[inner.index(after: equals)...]))
    }
}
