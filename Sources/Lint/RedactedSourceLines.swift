import Diagnostics
import Model
import SourceTree
import Units
import YAMLTree

/// Source lines for report excerpts, with secret material masked: Secret `data`/`stringData`
/// values, SOPS ciphertext (`ENC[...]`) and secretGenerator literals never reach any output.
final class RedactedSourceLines: SourceLineProvider {
    private let lines: [String: [String]]

    init(files needed: Set<String>, repository: ParsedRepository) {
        var masks: [String: [Int: Int]] = [:]
        func mask(_ value: YAMLNode, in file: String) {
            masks[file, default: [:]][value.line] = min(masks[file]?[value.line] ?? .max, value.column)
            let end = value.span.endLine
            if end > value.line {
                for line in (value.line + 1)...end { masks[file, default: [:]][line] = 1 }
            }
        }
        for typed in repository.objects where needed.contains(typed.object.file) {
            let object = typed.object
            if case .secret(let secret) = typed {
                for entry in secret.entries { mask(entry.value, in: object.file) }
            }
            // SOPS metadata carries the wrapped data keys (age/PGP blocks) and the MAC: ciphertext too.
            if object.isSOPSEncrypted, let sops = object.root["sops"] {
                Self.scalars(in: sops, depth: 0) { mask($0, in: object.file) }
            }
        }
        var lines: [String: [String]] = [:]
        for file in needed {
            guard let bytes = try? repository.tree.contents(of: file) else { continue }
            let text = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let fileMasks = masks[file] ?? [:]
            lines[file] = text.enumerated().map { index, line in Self.redact(line, from: fileMasks[index + 1]) }
        }
        self.lines = lines
    }

    private static func scalars(in node: YAMLNode, depth: Int, _ body: (YAMLNode) -> Void) {
        guard depth < 16 else { return }
        if node.isScalar { body(node); return }
        for child in node.isMapping ? node.entries.map(\.value) : node.elements {
            scalars(in: child, depth: depth + 1, body)
        }
    }

    func line(_ number: Int, of file: String) -> String? {
        guard let text = lines[file], number >= 1, number <= text.count else { return nil }
        return text[number - 1]
    }

    static func redact(_ line: String, from column: Int?) -> String {
        var result = line
        if let column {
            let keep = result.unicodeScalars.prefix(max(0, column - 1))
            result = String(String.UnicodeScalarView(keep)) + "<redacted>"
        }
        if let start = result.firstRange(of: "ENC[") {
            let tail = result[start.upperBound...]
            let end = tail.firstIndex(of: "]").map { result.index(after: $0) } ?? result.endIndex
            result.replaceSubrange(start.lowerBound..<end, with: "ENC[<redacted>]")
        }
        if let equals = result.firstIndex(of: "="), result.trimmingLeadingBlanks.hasPrefix("- "), looksLikeLiteral(result) {
            result = String(result[...equals]) + "<redacted>"
        }
        return result
    }

    /// `- KEY=value` list items, the form of secretGenerator literals.
    private static func looksLikeLiteral(_ line: String) -> Bool {
        let item = line.trimmingLeadingBlanks.dropFirst(2)
        guard let equals = item.firstIndex(of: "=") else { return false }
        return item[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }
}

extension String {
    fileprivate var trimmingLeadingBlanks: Substring { drop { $0 == " " || $0 == "\t" } }
}
