import Diagnostics
import SourceTree
import YAMLTree

/// Inline suppressions: `# shipshape:ignore RULE-ID[, RULE-ID] -- reason`.
/// - at the end of a line: findings on that line;
/// - alone on a line: findings on the next line;
/// - alone on a line before a document's first key: every finding in that document (the object).
struct Suppressions {
    private struct Marker {
        let line: Int
        let rules: Set<String>
        let standalone: Bool
        func covers(_ rule: RuleID) -> Bool { rules.contains(rule.rawValue) || rules.contains("all") }
    }

    private var markers: [String: [Marker]] = [:]
    private let files: [String: YAMLFile]

    init(files: [String: YAMLFile], tree: SourceTree) {
        self.files = files
        for (path, file) in files {
            let found = file.comments.compactMap { comment -> (YAMLComment, Set<String>)? in
                Self.rules(in: comment.text).map { (comment, $0) }
            }
            guard !found.isEmpty else { continue }
            let lines = (try? tree.contents(of: path)).map(Self.lineStarts) ?? []
            markers[path] = found.map { comment, rules in
                Marker(line: comment.line, rules: rules, standalone: Self.isAlone(comment, lines: lines))
            }
        }
    }

    func isSuppressed(_ diagnostic: Diagnostic) -> Bool {
        let location = diagnostic.location
        guard let list = markers[location.file], !list.isEmpty else { return false }
        for marker in list where marker.covers(diagnostic.rule) {
            if marker.line == location.line { return true }
            if marker.standalone, marker.line + 1 == location.line { return true }
        }
        guard let documents = files[location.file]?.documents,
              let k = documents.firstIndex(where: { $0.startLine <= location.line && location.line <= $0.endLine }),
              let root = documents[k].root else { return false }
        // Comments above the first key, back to the end of the previous document, belong to the object.
        let lower = k == 0 ? 1 : documents[k - 1].endLine
        return list.contains { marker in
            marker.standalone && marker.covers(diagnostic.rule) && marker.line >= lower && marker.line < root.line
        }
    }

    /// The rule ids of a `shipshape:ignore` comment, nil for any other comment.
    static func rules(in text: String) -> Set<String>? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("shipshape:ignore") else { return nil }
        var rest = trimmed.dropFirst("shipshape:ignore".count)
        if let reason = rest.firstRange(of: "--") { rest = rest[..<reason.lowerBound] }
        let ids = rest.split { $0 == "," || $0 == " " || $0 == "\t" }.map(String.init)
        return ids.isEmpty ? ["all"] : Set(ids)
    }

    private static func lineStarts(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    private static func isAlone(_ comment: YAMLComment, lines: [ArraySlice<UInt8>]) -> Bool {
        guard comment.line - 1 < lines.count else { return false }
        let line = lines[comment.line - 1]
        guard let hash = line.firstIndex(of: 0x23) else { return false }
        return line[line.startIndex..<hash].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
