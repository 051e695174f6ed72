import Foundation

/// Deterministic fault injection. Rules are consulted in the order they were added;
/// the first rule matching a request's method and path fires and uses up one of its
/// `times`. Thread-safe: tests change the plan while clients are running.
public final class FaultPlan: @unchecked Sendable {
    public enum PathPattern: Sendable, Equatable {
        case any
        case exact(String)
        case prefix(String)
        case contains(String)

        func matches(_ path: String) -> Bool {
            switch self {
            case .any: return true
            case .exact(let value): return path == value
            case .prefix(let value): return path.hasPrefix(value)
            case .contains(let value): return path.contains(value)
            }
        }
    }

    public enum Action: Sendable, Equatable {
        /// A 5xx answer with a Status body (500 InternalError, 503 ServiceUnavailable, 504 Timeout, ...).
        case serverError(Int)
        /// 429 with `Retry-After: seconds` and `details.retryAfterSeconds`.
        case tooManyRequests(retryAfter: Int)
        /// Close the connection without answering (TCP reset).
        case resetConnection
        /// Answer normally after sleeping this long (slow server).
        case delay(TimeInterval)
        /// 410 Expired ("too old resource version"); a watch gets it as an ERROR event.
        case expired

        var label: String {
            switch self {
            case .serverError(let code): return "server-error-\(code)"
            case .tooManyRequests(let seconds): return "too-many-requests-retry-after-\(seconds)"
            case .resetConnection: return "reset-connection"
            case .delay(let seconds): return "delay-\(seconds)"
            case .expired: return "expired"
            }
        }
    }

    public struct Rule: Sendable, Equatable {
        public var method: String?
        public var path: PathPattern
        public var remaining: Int
        public var action: Action
    }

    private let lock = NSLock()
    private var rules: [Rule] = []
    private var schemaFields: [String: String] = [:]

    public init() {}

    /// Makes the next `times` requests matching `method` (any when nil) and `path` fail with `action`.
    public func inject(_ action: Action, method: String? = nil, path: PathPattern = .any, times: Int = 1) {
        guard times > 0 else { return }
        lock.withLock { rules.append(Rule(method: method?.uppercased(), path: path, remaining: times, action: action)) }
    }

    /// Every apply of `kind` (a CRD kind) answers 500 with the "field not declared in schema"
    /// message seen on real servers, until cleared. The field is a path such as `.spec.extra`.
    public func failSchema(kind: String, field: String) {
        lock.withLock { schemaFields[kind] = field }
    }

    public func clear() {
        lock.withLock {
            rules.removeAll()
            schemaFields.removeAll()
        }
    }

    /// The rules not yet used up.
    public var pending: [Rule] { lock.withLock { rules } }

    func take(method: String, path: String) -> Action? {
        lock.withLock {
            guard let index = rules.firstIndex(where: { ($0.method == nil || $0.method == method) && $0.path.matches(path) }) else { return nil }
            let action = rules[index].action
            rules[index].remaining -= 1
            if rules[index].remaining <= 0 { rules.remove(at: index) }
            return action
        }
    }

    func schemaField(kind: String) -> String? { lock.withLock { schemaFields[kind] } }
}

/// One request as the double saw it. Headers and bodies are not kept, so tokens and
/// Secret data never end up in logs.
public struct LoggedRequest: Sendable, Equatable {
    public var sequence: Int
    public var method: String
    public var path: String
    public var query: String
    /// nil when the connection was reset instead of answered.
    public var status: Int?
    /// The injected fault, if one fired.
    public var fault: String?
}
