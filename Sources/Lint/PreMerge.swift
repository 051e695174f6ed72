import Diagnostics

/// Pre-merge mode: keep only findings that the base revision does not already have, matched by
/// rule, object identity and message (never line numbers, which move with unrelated edits).
public enum PreMerge {
    public static func newFindings(head: LintRun, base: LintRun) -> (diagnostics: [Diagnostic], summary: LintSummary) {
        var baseline: [String: Int] = [:]
        for diagnostic in base.diagnostics { baseline[diagnostic.fingerprint, default: 0] += 1 }
        var remaining = baseline
        var summary = head.summary
        summary.errors = 0
        summary.warnings = 0
        summary.infos = 0
        var fresh: [Diagnostic] = []
        for diagnostic in head.diagnostics {
            if let count = remaining[diagnostic.fingerprint], count > 0 {
                remaining[diagnostic.fingerprint] = count - 1
                continue
            }
            fresh.append(diagnostic)
            summary.count(diagnostic.severity)
        }
        summary.fixed = remaining.values.reduce(0, +)
        return (fresh, summary)
    }
}
