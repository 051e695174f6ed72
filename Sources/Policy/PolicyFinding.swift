import Diagnostics
import Rendering

/// What evaluating one rule on one object found.
public struct PolicyFinding: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A validation evaluated to false.
        case violation
        /// An expression failed (an error, a non-bool result, the cost budget): reported, never
        /// passed silently. It carries the rule's own id, so configuring or disabling the rule
        /// covers it too, at `PolicyFinding.evaluationErrorSeverity`.
        case evaluationError
    }

    /// Evaluation errors are the rule's or the engine's problem more than the object's.
    public static let evaluationErrorSeverity = Severity.warning

    public var rule: String
    public var kind: Kind
    public var severity: Severity
    public var message: String
    public var reason: String?
    /// Where the finding points: the field at the validation's `fieldPath`, or the patch that
    /// last changed it.
    public var origin: Origin?
    /// When `origin` is a patch: where the field itself is written.
    public var written: Origin?

    public init(rule: String, kind: Kind, severity: Severity, message: String, reason: String? = nil,
                origin: Origin? = nil, written: Origin? = nil) {
        self.rule = rule
        self.kind = kind
        self.severity = severity
        self.message = message
        self.reason = reason
        self.origin = origin
        self.written = written
    }
}
