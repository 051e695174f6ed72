import Foundation

/// The human summary of a plan, in the manner of Terraform's: per cluster, per stage, per unit,
/// what happens and how the unit is waited for, then one `Plan:` line. Object counts only, never
/// manifests, so no Secret value can appear.
public enum PlanSummary {
    public static func text(_ plan: PlanDocument) -> String {
        var lines = [header(plan), ""]
        for cluster in plan.clusters {
            lines.append("Cluster \(cluster.name) (\(cluster.path.isEmpty ? "." : cluster.path))")
            for stage in cluster.stages {
                lines.append("  Stage \(stage.index)")
                for unit in stage.units {
                    lines.append("    \(unit.displayName)  [\(policy(unit))]")
                    lines.append("      " + unitLine(unit))
                }
            }
            if cluster.stages.isEmpty { lines.append("  (no units)") }
            for warning in cluster.warnings { lines.append("  ! \(warning)") }
            lines.append("")
        }
        lines.append(totals(plan))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ plan: PlanDocument) -> String {
        var lines = ["### shipshape plan", "", header(plan), ""]
        for cluster in plan.clusters {
            lines += ["#### Cluster `\(cluster.name)`", "", "| Stage | Unit | Engine and wait | Objects |", "|---:|---|---|---|"]
            for stage in cluster.stages {
                for unit in stage.units {
                    lines.append("| \(stage.index) | \(MarkdownText.cell(unit.displayName)) | \(MarkdownText.cell(policy(unit))) | \(MarkdownText.cell(unitLine(unit))) |")
                }
            }
            lines.append("")
            for warning in cluster.warnings { lines.append("- :warning: \(MarkdownText.inline(warning))") }
            if !cluster.warnings.isEmpty { lines.append("") }
        }
        lines.append("**\(totals(plan))**")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Plan: 12 to apply (offline).` or `Plan: 2 to create, 1 to update, 0 to prune, 9 unchanged.`
    public static func totals(_ plan: PlanDocument) -> String {
        let counts = plan.counts
        if plan.target.kind == .offline && counts.keys.allSatisfy({ $0 == .apply }) {
            return "Plan: \(counts[.apply] ?? 0) to apply (offline)."
        }
        var parts = ["\(counts[.create] ?? 0) to create", "\(counts[.update] ?? 0) to update",
                     "\(counts[.prune] ?? 0) to prune", "\(counts[.unchanged] ?? 0) unchanged"]
        if let apply = counts[.apply], apply > 0 { parts.insert("\(apply) to apply", at: 0) }
        return "Plan: " + parts.joined(separator: ", ") + "."
    }

    static func header(_ plan: PlanDocument) -> String {
        var source = "working tree"
        if let revision = plan.source.requestedRevision {
            source = "revision \(revision)" + (plan.source.commit.map { " (\($0.prefix(12)))" } ?? "")
        }
        let target: String
        switch plan.target.kind {
        case .offline: target = "offline: no cluster was read, every object is applied"
        case .cluster: target = "against " + ([plan.target.context, plan.target.server].compactMap { $0 }.joined(separator: " at "))
        }
        return "Plan of \(source), tree \(plan.source.treeHash.prefix(19)); \(target)"
            + (plan.includesUnitObjects ? "; unit objects included" : "") + "."
    }

    /// `flux, waits for all objects, timeout 10m, prune`.
    static func policy(_ unit: PlanUnit) -> String {
        var parts = [unit.engine.rawValue]
        let wait = unit.wait
        if wait.all {
            parts.append("waits for all objects")
        } else if !wait.healthChecks.isEmpty {
            parts.append("waits for \(wait.healthChecks.count) health check(s)")
        } else if wait.waves.count > 1 {
            parts.append("waves \(wait.waves.map(String.init).joined(separator: ", "))")
        } else {
            parts.append("no wait")
        }
        if let timeout = wait.timeout { parts.append("timeout \(timeout)") }
        if unit.prune { parts.append("prune") }
        return parts.joined(separator: ", ")
    }

    /// `3 to apply: 2 ConfigMap, 1 Deployment`.
    static func unitLine(_ unit: PlanUnit) -> String {
        if let error = unit.renderError { return "not rendered: \(error)" }
        if unit.objects.isEmpty {
            return unit.engine == .helm ? "installed by helm-controller from its HelmRelease object" : "no objects"
        }
        var actions: [PlanAction: Int] = [:]
        var kinds: [String: Int] = [:]
        for object in unit.objects {
            actions[object.action, default: 0] += 1
            kinds[object.kind, default: 0] += 1
        }
        let what = actions.sorted { $0.key < $1.key }.map { action, count in
            action == .unchanged ? "\(count) unchanged" : "\(count) to \(action.rawValue)"
        }.joined(separator: ", ")
        let byKind = kinds.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($1) \($0)" }.joined(separator: ", ")
        return "\(what): \(byKind)"
    }
}

/// Escaping for text placed in GitHub-flavoured Markdown.
enum MarkdownText {
    /// Table cells: pipes escaped, no line breaks.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Running text: no HTML, no line breaks.
    static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
