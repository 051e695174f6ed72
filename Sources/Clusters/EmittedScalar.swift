import Rendering
import YAMLTree

/// Flux substitutes on the YAML text kustomize serialises (JSON → YAML through go-yaml v2), then
/// parses the result again. What a `${VAR}` turns into therefore depends on how its string was
/// written out: a plain scalar re-resolves (`replicas: ${N}` becomes an int, even when the source
/// file quoted it), a quoted one stays a string unless the value breaks the quoting. This models
/// the emitter's style choice for strings, so substitution can work scalar by scalar and still
/// give the text-level result.
enum EmittedScalar {
    enum Style { case plain, singleQuoted, doubleQuoted, literal }

    /// The style go-yaml v2 picks for a string that resolves as a string (anything holding `${`
    /// or `$$` does).
    static func style(of text: String) -> Style {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return .doubleQuoted }
        if scalars.contains(where: { !isPrintable($0) }) { return .doubleQuoted }
        if scalars.contains("\n") { return .literal }
        if first == " " || last == " " { return .singleQuoted }
        if text.hasPrefix("---") || text.hasPrefix("...") { return .singleQuoted }
        func blankOrEnd(_ index: Int) -> Bool { index >= scalars.count || scalars[index] == " " }
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return .singleQuoted }
        if (first == "?" || first == ":" || first == "-") && blankOrEnd(1) { return .singleQuoted }
        for index in 1..<max(scalars.count, 1) {
            if scalars[index] == ":" && blankOrEnd(index + 1) { return .singleQuoted }
            if scalars[index] == "#" && scalars[index - 1] == " " { return .singleQuoted }
        }
        return .plain
    }

    /// libyaml's printable set; anything else forces double quotes.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD: return scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The scalar as it appears in the serialised text (only the styles whose text differs from
    /// the value matter here).
    static func written(_ text: String, style: Style) -> String {
        switch style {
        case .singleQuoted: return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .plain, .doubleQuoted, .literal: return text
        }
    }

    /// What the substituted text of one scalar parses back to. Block and double-quoted scalars
    /// stay strings; plain and single-quoted ones are parsed again in a block-mapping context.
    static func reparse(_ substituted: String, style: Style, origin: Origin?) throws(RenderError) -> Node {
        switch style {
        case .literal, .doubleQuoted:
            return .string(substituted, origin: origin)
        case .plain where isSimplePlain(substituted):
            let resolved = YAML11.resolve(substituted)
            return .scalar(resolved.text, tag: resolved.tag, origin: origin)
        case .plain, .singleQuoted:
            let snippet = "k: " + substituted + "\n"
            let parsed = YAMLParser.parse(Array(snippet.utf8), path: origin?.file ?? "")
            if let error = parsed.diagnostics.first(where: { $0.severity == .error }) {
                throw RenderError(.substitution, "YAMLToJSON: \(error.message) in substituted value '\(substituted)'", at: origin)
            }
            guard let root = parsed.documents.first?.root, let value = root.entries.first?.1 else {
                return .null
            }
            // Positions inside the snippet mean nothing to a user; the whole value comes from the scalar.
            var node = Node(yaml: value).mapNodes { node in
                var copy = node
                copy.origin = origin
                return copy
            }
            if value.kind == .scalar, value.style == .plain, let text = value.scalar {
                let resolved = YAML11.resolve(text)
                node.value = .scalar(Scalar(resolved.text, tag: resolved.tag))
            }
            return node
        }
    }

    /// Text that a plain scalar holds verbatim: no indicator, comment, quote or mapping syntax.
    private static func isSimplePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard first != " ", last != " ", last != ":" else { return false }
        if "#,[]{}&*!|>'\"%@`?:-".unicodeScalars.contains(first) { return false }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar == "#" && previous == " " || previous == ":" && scalar == " " { return false }
            previous = scalar
        }
        return true
    }
}

/// Plain-scalar resolution as go-yaml v2 (YAML 1.1) decodes it inside `YAMLToJSON`: the core
/// schema plus `yes/no/on/off/y/n` booleans, which then travel through JSON as `true`/`false`.
enum YAML11 {
    static let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]
    static let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "off", "Off", "OFF"]

    static func resolve(_ text: String) -> (text: String, tag: ScalarTag) {
        if trueWords.contains(text) { return ("true", .bool) }
        if falseWords.contains(text) { return ("false", .bool) }
        return (text, ScalarResolver.resolve(text))
    }
}
