/// The human report of a plan made against a cluster, in Terraform's manner: the plan summary
/// (stages, units, warnings), then one line per object that changes with its field diff, then
/// the `Plan:` line. Diffs come from the plan, where Secret values are already masked.
public enum LivePlanReport {
    /// Markdown stays under GitHub's comment limit (65,536) with room for the summary.
    public static let markdownDiffBudget = 50_000

    public static func text(_ plan: PlanDocument) -> String {
        var lines: [String] = []
        for cluster in plan.clusters {
            let changed = changes(cluster)
            guard !changed.isEmpty else { continue }
            lines.append("Changes in cluster \(cluster.name):")
            for object in changed {
                lines.append("  \(symbol(object.action)) \(object.displayName) (\(object.apiVersion)) will be \(verb(object.action))")
                for line in UnifiedDiff.lines(object.diff ?? "") { lines.append("      " + line) }
            }
            lines.append("")
        }
        return insertBeforeTotals(PlanSummary.text(plan), plan: plan, block: lines.joined(separator: "\n"))
    }

    public static func markdown(_ plan: PlanDocument, diffBudget: Int = markdownDiffBudget) -> String {
        var lines: [String] = []
        var budget = diffBudget
        for cluster in plan.clusters {
            let changed = changes(cluster)
            guard !changed.isEmpty else { continue }
            lines += ["#### Changes in cluster `\(cluster.name)`", ""]
            for object in changed {
                let title = "\(symbol(object.action)) \(MarkdownText.inline(object.displayName)) (\(MarkdownText.inline(object.apiVersion))): \(verb(object.action))"
                guard let diff = object.diff, !diff.isEmpty else {
                    lines.append("- `\(symbol(object.action))` \(MarkdownText.inline(object.displayName)) (\(MarkdownText.inline(object.apiVersion))): \(verb(object.action))")
                    continue
                }
                if diff.utf8.count > budget {
                    lines.append("- `~` \(MarkdownText.inline(object.displayName)): \(verb(object.action)), diff of \(UnifiedDiff.lines(diff).count) lines left out (comment size limit); see the plan file")
                    continue
                }
                budget -= diff.utf8.count
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(diff) + 1))
                lines += ["<details><summary>\(title)</summary>", "", fence + "diff", diff.hasSuffix("\n") ? String(diff.dropLast()) : diff,
                          fence, "", "</details>"]
            }
            lines.append("")
        }
        return insertBeforeTotals(PlanSummary.markdown(plan), plan: plan, block: lines.joined(separator: "\n"))
    }

    /// Objects that change, in plan order (prune entries come last: their stage is last).
    static func changes(_ cluster: PlanCluster) -> [PlanObject] {
        cluster.units.flatMap(\.objects).filter { [.create, .update, .prune].contains($0.action) }
    }

    static func symbol(_ action: PlanAction) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .prune: return "-"
        case .apply, .unchanged: return " "
        }
    }

    static func verb(_ action: PlanAction) -> String {
        switch action {
        case .create: return "created"
        case .update: return "updated in place"
        case .prune: return "pruned"
        case .unchanged: return "left unchanged"
        case .apply: return "applied"
        }
    }

    /// The summary ends with the `Plan:` line (bold in Markdown); the object changes go just above it.
    private static func insertBeforeTotals(_ summary: String, plan: PlanDocument, block: String) -> String {
        guard !block.isEmpty else { return summary }
        let totals = PlanSummary.totals(plan)
        for ending in ["**\(totals)**\n", "\(totals)\n"] where summary.hasSuffix(ending) {
            return String(summary.dropLast(ending.utf8.count)) + block + "\n" + ending
        }
        return summary + "\n" + block + "\n"
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
