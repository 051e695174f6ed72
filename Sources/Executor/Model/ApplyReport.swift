import KubeClient
import Plan

/// apiVersion, kind, namespace and name of an object the executor touched.
public struct ObjectIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    /// Empty for cluster-scoped objects.
    public var namespace: String
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    init(_ object: PlanObject) {
        self.init(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name)
    }

    public var group: String { RESTMapper.split(apiVersion: apiVersion).group }

    /// Identity across versions, as the plan keys objects: group, kind, namespace, name.
    public var key: String { "\(group)/\(kind)/\(namespace)/\(name)" }

    /// `Deployment/web/web`, `Namespace/web`: Flux's spelling in its apply log.
    public var description: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }

    var ref: ObjectRef {
        ObjectRef(apiVersion: apiVersion, kind: kind, namespace: namespace.isEmpty ? nil : namespace, name: name)
    }

    public static func < (lhs: ObjectIdentity, rhs: ObjectIdentity) -> Bool {
        (lhs.group, lhs.kind, lhs.namespace, lhs.name) < (rhs.group, rhs.kind, rhs.namespace, rhs.name)
    }
}

/// What applying did to one object, taken from the API server's answers.
public enum ObjectAction: String, Sendable, CaseIterable {
    /// It did not exist before.
    case created
    /// It existed and the apply changed it (its resourceVersion moved).
    case configured
    /// It existed and the apply changed nothing.
    case unchanged
    /// An immutable field changed: deleted and created again (`--force-recreate`).
    case recreated
    /// A unit or source object left out without `--include-unit-objects`.
    case skipped
}

public struct ObjectOutcome: Sendable, Equatable {
    public var cluster: String
    public var stage: Int
    public var unit: String
    public var object: ObjectIdentity
    public var action: ObjectAction
    /// The resourceVersion the server answered with (nil for a dry run or a skip).
    public var resourceVersion: String?
    public var note: String?

    public init(cluster: String, stage: Int, unit: String, object: ObjectIdentity, action: ObjectAction,
                resourceVersion: String? = nil, note: String? = nil) {
        self.cluster = cluster
        self.stage = stage
        self.unit = unit
        self.object = object
        self.action = action
        self.resourceVersion = resourceVersion
        self.note = note
    }
}

/// Why something failed: the server's Status reason and message (never Secret data), or the
/// executor's own reason (`Timeout`, `Failed`, `Immutable`, …).
public struct ApplyFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var cluster: String
    public var stage: Int?
    public var unit: String?
    public var object: ObjectIdentity?
    public var reason: String
    public var message: String
    /// Field-ownership conflicts, one per field, when the reason is a conflict.
    public var conflicts: [FieldConflict]

    public init(cluster: String, stage: Int? = nil, unit: String? = nil, object: ObjectIdentity? = nil, reason: String,
                message: String, conflicts: [FieldConflict] = []) {
        self.cluster = cluster
        self.stage = stage
        self.unit = unit
        self.object = object
        self.reason = reason
        self.message = message
        self.conflicts = conflicts
    }

    public var description: String {
        var text = object.map { "\($0): " } ?? unit.map { "\($0): " } ?? ""
        text += "\(reason): \(message)"
        for conflict in conflicts {
            text += "\n    field \(conflict.field) is owned by \(conflict.manager.map { "\"\($0)\"" } ?? "another manager")"
        }
        return text
    }
}

/// An object a failure left untouched.
public struct NotAttempted: Sendable, Equatable {
    public var cluster: String
    public var stage: Int
    public var unit: String
    public var object: ObjectIdentity
}

public struct PruneOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case deleted
        /// Deleted, but finalizers still hold it.
        case pending
        /// Dry run: it would be deleted.
        case wouldDelete
        case skipped(String)
        case failed(String)
    }

    public var cluster: String
    public var object: ObjectIdentity
    public var result: Result

    public var isPruned: Bool { result == .deleted || result == .pending || result == .wouldDelete }
}

/// Everything an apply did, in plan order: what was applied and how, what failed and why, what
/// was not attempted, and what was pruned. A refused plan has refusals and nothing else.
public struct ApplyReport: Sendable, Equatable {
    /// `cluster https://…` or `dir:out/hydrated`.
    public var target: String
    public var dryRun: Bool
    /// Why the plan was not applied at all (stale plan, unknown kinds, missing namespaces…).
    public var refusals: [String] = []
    public var notes: [String] = []
    public var applied: [ObjectOutcome] = []
    public var failures: [ApplyFailure] = []
    public var notAttempted: [NotAttempted] = []
    public var pruned: [PruneOutcome] = []
    /// The directory target's files.
    public var files: TargetWriteResult?

    public init(target: String, dryRun: Bool) {
        self.target = target
        self.dryRun = dryRun
    }

    public var succeeded: Bool { refusals.isEmpty && failures.isEmpty }

    public func count(_ action: ObjectAction) -> Int { applied.filter { $0.action == action }.count }

    public var prunedCount: Int { pruned.filter(\.isPruned).count }

    /// `Apply complete: 2 created, 1 configured, 4 unchanged, 0 pruned.` Recreated objects count as
    /// configured; skipped ones are not counted.
    public var summaryLine: String {
        if let files {
            let verb = succeeded ? "Apply complete" : "Apply failed"
            return "\(verb): \(files.written.count) file(s) written, \(files.unchanged.count) unchanged, "
                + "\(files.removed.count) removed (\(target))."
        }
        if !refusals.isEmpty { return "Apply refused: nothing was changed." }
        let counts = "\(count(.created)) created, \(count(.configured) + count(.recreated)) configured, "
            + "\(count(.unchanged)) unchanged, \(prunedCount) pruned"
        if dryRun { return "Dry run (server) \(succeeded ? "complete" : "failed"): \(counts); nothing was persisted." }
        return succeeded ? "Apply complete: \(counts)." : "Apply failed: \(counts) before the failure."
    }
}
