import Foundation

/// `shipshape plan --base` output: plain text, JSON, and a Markdown PR comment that fits GitHub's
/// comment limit by summarising the largest diffs.
public enum PlanDiffReport {
    /// GitHub rejects comments over 65,536 characters; a margin is kept for a bot's own framing.
    public static let markdownBudget = 65_000

    public static func text(_ diff: PlanDiff) -> String {
        var lines = ["Plan diff: \(describe(diff.base)) -> \(describe(diff.head))", ""]
        for cluster in diff.clustersAdded { lines.append("+ cluster \(cluster)") }
        for cluster in diff.clustersRemoved { lines.append("- cluster \(cluster)") }
        for unit in diff.units { lines.append("\(symbol(unit.change)) [\(unit.cluster)] \(unit.displayName)\(stageText(unit))") }
        for object in diff.objects {
            lines.append("\(symbol(object.change)) [\(object.cluster)] \(object.displayName)\(placement(object))")
            if !object.diff.isEmpty {
                lines += UnifiedDiff.lines(object.diff).map { "    " + $0 }
            }
        }
        if diff.isEmpty { lines.append("No changes: the plans are identical.") }
        lines += ["", totals(diff)]
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ diff: PlanDiff) -> PlanJSON {
        .object([
            "base": diff.base.json(), "head": diff.head.json(),
            "clustersAdded": .array(diff.clustersAdded.map(PlanJSON.string)),
            "clustersRemoved": .array(diff.clustersRemoved.map(PlanJSON.string)),
            "units": .array(diff.units.map { unit in
                var members: [String: PlanJSON] = ["cluster": .string(unit.cluster), "unit": .string(unit.unit), "change": .string(unit.change.rawValue)]
                members["baseStage"] = unit.baseStage.map(PlanJSON.integer)
                members["headStage"] = unit.headStage.map(PlanJSON.integer)
                return .object(members)
            }),
            "objects": .array(diff.objects.map { object in
                var members: [String: PlanJSON] = [
                    "cluster": .string(object.cluster), "key": .string(object.key), "change": .string(object.change.rawValue),
                    "alsoMoved": .bool(object.alsoMoved), "linesAdded": .integer(object.linesAdded), "linesRemoved": .integer(object.linesRemoved),
                ]
                members["baseUnit"] = object.baseUnit.map(PlanJSON.string)
                members["headUnit"] = object.headUnit.map(PlanJSON.string)
                members["baseStage"] = object.baseStage.map(PlanJSON.integer)
                members["headStage"] = object.headStage.map(PlanJSON.integer)
                if !object.diff.isEmpty { members["diff"] = .string(object.diff) }
                return .object(members)
            }),
        ])
    }

    /// A PR comment of at most `budget` UTF-8 bytes (so at most as many characters). Diffs are
    /// shown in full while they fit; when they do not, the largest are replaced by a one-line
    /// summary first, then rows beyond what fits are counted instead of listed.
    public static func markdown(_ diff: PlanDiff, budget: Int = markdownBudget) -> String {
        let header = markdownHeader(diff)
        let rows = diff.units.map(unitRow) + diff.objects.map(objectRow)
        let tableHeader = rows.isEmpty ? "" : "| Change | Cluster | What | Where |\n|---|---|---|---|\n"
        let changed = diff.objects.filter { !$0.diff.isEmpty }
        let blocks = changed.map { object -> (full: String, summary: String) in
            let title = MarkdownText.inline("\(object.displayName) in cluster \(object.cluster) (+\(object.linesAdded) −\(object.linesRemoved))")
            return ("<details><summary>\(title)</summary>\n\n```diff\n\(fenced(object.diff))```\n\n</details>\n\n",
                    "- \(title): diff not shown\n")
        }
        let omittedNote = "\n_The largest diffs are summarised to keep this comment under \(budget) characters._\n"
        let moreRows = "\n_… and 000000 more change(s) not listed, to fit the comment._\n"
        // Sizes are added up instead of rendering each candidate: thousands of diffs stay linear.
        var shown = Array(repeating: true, count: blocks.count)
        var size = header.utf8.count + tableHeader.utf8.count + rows.reduce(0) { $0 + $1.utf8.count } + 1
            + blocks.reduce(0) { $0 + $1.full.utf8.count }
        let bySize = blocks.indices.sorted { (blocks[$0].full.utf8.count, $1) > (blocks[$1].full.utf8.count, $0) }
        for index in bySize where size > budget {
            if shown.allSatisfy({ $0 }) { size += omittedNote.utf8.count }
            shown[index] = false
            size += blocks[index].summary.utf8.count - blocks[index].full.utf8.count
        }
        var rowLimit = rows.count
        while size > budget && rowLimit > 0 {
            if rowLimit == rows.count { size += moreRows.utf8.count }
            rowLimit -= 1
            size -= rows[rowLimit].utf8.count
        }

        var out = header + tableHeader
        for row in rows.prefix(rowLimit) { out += row }
        if rowLimit < rows.count { out += "\n_… and \(rows.count - rowLimit) more change(s) not listed, to fit the comment._\n" }
        if !rows.isEmpty { out += "\n" }
        for (index, block) in blocks.enumerated() { out += shown[index] ? block.full : block.summary }
        if shown.contains(false) { out += omittedNote }
        return out.utf8.count > budget ? truncate(out, to: budget) : out
    }

    // MARK: Pieces

    static func markdownHeader(_ diff: PlanDiff) -> String {
        var out = "### shipshape plan diff\n\n`\(MarkdownText.inline(describe(diff.base)))` → `\(MarkdownText.inline(describe(diff.head)))`\n\n"
        out += "**\(totals(diff))**\n\n"
        for cluster in diff.clustersAdded { out += "- cluster `\(MarkdownText.inline(cluster))` added\n" }
        for cluster in diff.clustersRemoved { out += "- cluster `\(MarkdownText.inline(cluster))` removed\n" }
        if !diff.clustersAdded.isEmpty || !diff.clustersRemoved.isEmpty { out += "\n" }
        if diff.isEmpty { out += "No changes: the plans are identical.\n" }
        return out
    }

    static func totals(_ diff: PlanDiff) -> String {
        let moves = diff.units.filter { $0.change == .moved }.count
        let unitsAdded = diff.units.filter { $0.change == .added }.count
        let unitsRemoved = diff.units.filter { $0.change == .removed }.count
        return "Objects: \(diff.count(.added)) added, \(diff.count(.changed)) changed, \(diff.count(.removed)) removed, "
            + "\(diff.count(.moved)) moved. Units: \(unitsAdded) added, \(unitsRemoved) removed, \(moves) moved to another stage."
    }

    private static func unitRow(_ unit: PlanDiff.UnitChange) -> String {
        "| unit \(unit.change.rawValue) | \(MarkdownText.cell(unit.cluster)) | \(MarkdownText.cell(unit.displayName)) | \(MarkdownText.cell(stageText(unit).trimmingSpaces)) |\n"
    }

    private static func objectRow(_ object: PlanDiff.ObjectChange) -> String {
        let change = object.change.rawValue + (object.alsoMoved ? ", moved" : "")
        return "| \(change) | \(MarkdownText.cell(object.cluster)) | \(MarkdownText.cell(object.displayName)) | \(MarkdownText.cell(placement(object).trimmingSpaces)) |\n"
    }

    private static func symbol(_ change: PlanDiff.Change) -> String {
        switch change {
        case .added: "+"
        case .changed: "~"
        case .moved: ">"
        case .removed: "-"
        }
    }

    private static func stageText(_ unit: PlanDiff.UnitChange) -> String {
        switch (unit.baseStage, unit.headStage) {
        case (let from?, let to?): " stage \(from) -> \(to)"
        case (nil, let to?): " stage \(to)"
        case (let from?, nil): " was stage \(from)"
        default: ""
        }
    }

    private static func placement(_ object: PlanDiff.ObjectChange) -> String {
        if object.baseUnit != object.headUnit, let from = object.baseUnit, let to = object.headUnit {
            return " (\(from) -> \(to))"
        }
        guard let unit = object.headUnit ?? object.baseUnit else { return "" }
        return " (\(unit), stage \(object.headStage ?? object.baseStage ?? 0))"
    }

    static func describe(_ source: PlanSource) -> String {
        guard let revision = source.requestedRevision else { return "working tree" }
        return revision + (source.commit.map { " (\($0.prefix(12)))" } ?? "")
    }

    /// A fence of three backticks ends at a line of three backticks; YAML can hold one.
    private static func fenced(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("```") || line.dropFirst().hasPrefix("```") ? line.replacingOccurrences(of: "`", with: "ˋ") : String(line)
        }.joined(separator: "\n")
    }

    /// Cuts at a line boundary, never inside a UTF-8 sequence, leaving room for the note.
    private static func truncate(_ text: String, to budget: Int) -> String {
        let note = "\n_… truncated to fit the comment._\n"
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if out.utf8.count + line.utf8.count + 1 + note.utf8.count > budget { break }
            out += line + "\n"
        }
        return out + note
    }
}
