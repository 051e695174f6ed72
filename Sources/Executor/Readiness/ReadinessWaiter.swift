import KubeClient

/// Polls objects until kstatus calls every one Current, one Failed, or the timeout passes.
/// Polling (not watch) keeps a CLI simple and survives dropped connections; Flux polls too.
struct ReadinessWaiter {
    enum Outcome: Equatable {
        case ready
        /// Fail-fast: an object reached a terminal failure (Job Failed, ProgressDeadlineExceeded…).
        case failed([(ObjectIdentity, Readiness)])
        case timedOut([(ObjectIdentity, Readiness)])
        /// A read failed in a way more polling cannot fix (Forbidden, unknown kind).
        case error(ObjectIdentity, KubeError)

        static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            switch (lhs, rhs) {
            case (.ready, .ready): return true
            case let (.failed(a), .failed(b)), let (.timedOut(a), .timedOut(b)):
                return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
            case let (.error(a, x), .error(b, y)): return a == b && x == y
            default: return false
            }
        }
    }

    let api: KubeAPI
    let clock: ExecutorClock
    let interval: Double

    func wait(for objects: [ObjectIdentity], timeout: Double) -> Outcome {
        let deadline = clock.now() + max(0, timeout)
        var pending = objects
        var last: [ObjectIdentity: Readiness] = [:]
        while true {
            var still: [ObjectIdentity] = []
            var failed: [(ObjectIdentity, Readiness)] = []
            for object in pending {
                let verdict: Readiness
                do {
                    verdict = Self.verdict(for: object, live: try api.get(object.ref))
                } catch where Self.isTransient(error) {
                    // The client already retried; keep polling until the deadline.
                    last[object] = .inProgress("the last read failed: \(error.kind.rawValue)")
                    still.append(object)
                    continue
                } catch {
                    return .error(object, error)
                }
                last[object] = verdict
                if verdict.isFailed { failed.append((object, verdict)) } else if !verdict.isCurrent { still.append(object) }
            }
            if !failed.isEmpty { return .failed(failed) }
            if still.isEmpty { return .ready }
            pending = still
            let remaining = deadline - clock.now()
            guard remaining > 0 else { return .timedOut(pending.map { ($0, last[$0] ?? .notFound) }) }
            clock.sleep(min(interval, remaining))
        }
    }

    /// A finished Job with `ttlSecondsAfterFinished` disappears: Flux counts that as success.
    static func verdict(for object: ObjectIdentity, live: JSON?) -> Readiness {
        if live == nil, object.kind == "Job", object.group == "batch" { return .current }
        return ReadinessRules.evaluate(live)
    }

    static func isTransient(_ error: KubeError) -> Bool {
        [.serverError, .transport, .tooManyRequests, .gone, .conflict].contains(error.kind)
    }
}
