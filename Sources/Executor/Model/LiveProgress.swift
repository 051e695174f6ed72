import Foundation

/// Turns progress events into terminal output. On a TTY, one status line is rewritten in place
/// while a unit works and each finished unit leaves one permanent line; otherwise every event
/// is a plain log line (`stage 2: Deployment/web/web configured`). Thread-safe: units of a stage
/// report from parallel threads.
public final class LiveProgress: @unchecked Sendable {
    private struct UnitState {
        var counts: [ObjectAction: Int] = [:]
        var last = ""
    }

    private let interactive: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var units: [String: UnitState] = [:]
    private var statusShown = false

    /// - Parameters:
    ///   - interactive: rewrite a status line (a TTY) instead of printing plain lines.
    ///   - write: receives complete output fragments, in order.
    public init(interactive: Bool, write: @escaping @Sendable (String) -> Void) {
        self.interactive = interactive
        self.write = write
    }

    public var sink: @Sendable (ProgressEvent) -> Void { { [self] event in handle(event) } }

    public func handle(_ event: ProgressEvent) {
        lock.withLock {
            guard interactive else {
                if let line = event.line { write(line + "\n") }
                return
            }
            switch event {
            case .stageStarted:
                permanent(event.line)
            case .objectApplied(let outcome):
                units[outcome.unit, default: UnitState()].counts[outcome.action, default: 0] += 1
                units[outcome.unit, default: UnitState()].last = "\(outcome.object) \(outcome.action.rawValue)"
                status("stage \(outcome.stage) \(outcome.unit): \(units[outcome.unit]?.last ?? "")")
            case .waiting(_, let stage, let unit, let objects):
                status("stage \(stage) \(unit): waiting for \(objects) object(s) to be ready…")
            case .unitFinished(_, let stage, let unit, let succeeded):
                let counts = units[unit]?.counts ?? [:]
                let summary = ObjectAction.allCases.compactMap { action in counts[action].map { "\($0) \(action.rawValue)" } }
                permanent("\(succeeded ? "✓" : "✗") stage \(stage) \(unit)" + (summary.isEmpty ? "" : ": " + summary.joined(separator: ", ")))
            case .failed, .pruned:
                permanent(event.line)
            }
        }
    }

    /// Ends the status line so later output starts on a clean line.
    public func finish() {
        lock.withLock { clearStatus() }
    }

    private func status(_ text: String) {
        write("\r\u{1B}[K" + String(text.prefix(160)))
        statusShown = true
    }

    private func permanent(_ text: String?) {
        clearStatus()
        if let text { write(text + "\n") }
    }

    private func clearStatus() {
        if statusShown { write("\r\u{1B}[K") }
        statusShown = false
    }
}
