/// What the executor reports while it runs, for a live display or plain log lines.
public enum ProgressEvent: Sendable, Equatable {
    case stageStarted(cluster: String, stage: Int, units: [String])
    case objectApplied(ObjectOutcome)
    case failed(ApplyFailure)
    /// A unit (or one of its waited gates) is waiting for readiness.
    case waiting(cluster: String, stage: Int, unit: String, objects: Int)
    case unitFinished(cluster: String, stage: Int, unit: String, succeeded: Bool)
    case pruned(PruneOutcome)

    /// The plain line for a log: `stage 2: Deployment/web/web configured`.
    public var line: String? {
        switch self {
        case .stageStarted(let cluster, let stage, let units):
            return "stage \(stage): \(units.count) unit(s) in cluster \(cluster)"
        case .objectApplied(let outcome):
            return "stage \(outcome.stage): \(outcome.object) \(outcome.action.rawValue)" + (outcome.note.map { " (\($0))" } ?? "")
        case .failed(let failure):
            return (failure.stage.map { "stage \($0): " } ?? "") + "failed: \(failure)"
        case .waiting(_, let stage, let unit, let objects):
            return "stage \(stage): \(unit) waiting for \(objects) object(s)"
        case .unitFinished(_, let stage, let unit, let succeeded):
            return "stage \(stage): \(unit) \(succeeded ? "ready" : "failed")"
        case .pruned(let outcome):
            switch outcome.result {
            case .deleted: return "prune: \(outcome.object) deleted"
            case .pending: return "prune: \(outcome.object) deleted (finalizers pending)"
            case .wouldDelete: return "prune: \(outcome.object) would be deleted"
            case .skipped(let why): return "prune: \(outcome.object) skipped (\(why))"
            case .failed(let why): return "prune: \(outcome.object) failed: \(why)"
            }
        }
    }
}
