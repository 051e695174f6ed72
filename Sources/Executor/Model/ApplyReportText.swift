/// The human report after an apply: refusals, notes, failures with their reasons, what was not
/// attempted, prune results, and the summary line last. Names and reasons only, never values.
extension ApplyReport {
    public func text(verbose: Bool = false) -> String {
        var lines: [String] = []
        if !refusals.isEmpty {
            lines.append("Refused: the plan was not applied (\(target)):")
            lines += refusals.map { "  - \($0)" }
        }
        for note in notes { lines.append("note: \(note)") }
        if verbose {
            for outcome in applied {
                lines.append("  stage \(outcome.stage): \(outcome.object) \(outcome.action.rawValue)" + (outcome.note.map { " (\($0))" } ?? ""))
            }
        }
        if let files, verbose {
            lines += files.written.map { "  wrote \($0)" } + files.removed.map { "  removed \($0)" }
        }
        if !failures.isEmpty {
            lines.append("Failed:")
            for failure in failures {
                let place = [failure.cluster.isEmpty ? nil : "cluster \(failure.cluster)", failure.stage.map { "stage \($0)" },
                             failure.unit].compactMap { $0 }.joined(separator: ", ")
                lines.append("  - " + (place.isEmpty ? "" : "[\(place)] ") + failure.description.replacingOccurrences(of: "\n", with: "\n    "))
            }
        }
        if !failures.isEmpty, !applied.isEmpty {
            let changed = applied.filter { $0.action != .skipped }
            lines.append("Applied before stopping: \(changed.count) object(s)" + (changed.isEmpty ? "" : ":"))
            if !verbose { lines += changed.map { "  \($0.object) \($0.action.rawValue)" } }
        }
        if !notAttempted.isEmpty {
            lines.append("Not attempted: \(notAttempted.count) object(s):")
            lines += notAttempted.prefix(50).map { "  stage \($0.stage): \($0.object)" }
            if notAttempted.count > 50 { lines.append("  … and \(notAttempted.count - 50) more") }
        }
        for outcome in pruned {
            if let line = ProgressEvent.pruned(outcome).line { lines.append(line) }
        }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }
}
