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
        for case .secret(let secret) in repository.objects where needed.contains(secret.object.file) {
            for entry in secret.entries {
                let value = entry.value
                let span = value.span
                masks[secret.object.file, default: [:]][value.line] = min(masks[secret.object.file]?[value.line] ?? .max, value.column)
                if span.endLine > value.line {
                    for line in (value.line + 1)...span.endLine { masks[secret.object.file, default: [:]][line] = 1 }
                }
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
        if let start = result.range(of: "ENC[") {
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

    fileprivate func range(of needle: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
