import Foundation

/// What `shipshape apply` was asked to do beyond applying the plan as written.
public struct ApplyOptions: Sendable {
    /// Delete objects of the cluster's apply set that the plan no longer has (`--prune`).
    public var prune: Bool
    /// Send every write with `dryRun=All`: nothing persists, nothing is waited for or deleted.
    public var dryRunServer: Bool
    /// Take ownership of fields other managers own (`force=true`); otherwise conflicts are reported.
    public var forceConflicts: Bool
    /// Delete and recreate objects whose change touches an immutable field.
    public var forceRecreate: Bool
    /// Apply unit and source objects (Kustomizations, Applications, GitRepositories) the plan holds.
    public var includeUnitObjects: Bool
    /// The revision the caller expects the plan to be of (`--rev`); nil skips the check.
    public var expectedRevision: String?
    /// Resolves `expectedRevision` to a commit id (in the caller's repository); nil when it cannot.
    public var resolveRevision: (@Sendable (String) -> String?)?
    /// Only these clusters of the plan (by name); empty means every cluster.
    public var clusters: [String]
    /// The namespace of the apply-set parent Secrets (must exist; `kube-system` always does).
    public var inventoryNamespace: String
    /// Used when a unit has no timeout of its own.
    public var defaultTimeout: Double
    /// Seconds between readiness polls.
    public var pollInterval: Double
    /// Time for waits; tests replace it to drive a simulated cluster.
    public var clock: ExecutorClock
    /// Receives progress as it happens, possibly from several threads at once.
    public var progress: (@Sendable (ProgressEvent) -> Void)?

    public init(prune: Bool = false, dryRunServer: Bool = false, forceConflicts: Bool = false, forceRecreate: Bool = false,
                includeUnitObjects: Bool = false, expectedRevision: String? = nil,
                resolveRevision: (@Sendable (String) -> String?)? = nil, clusters: [String] = [],
                inventoryNamespace: String = "kube-system", defaultTimeout: Double = 300, pollInterval: Double = 2,
                clock: ExecutorClock = .system, progress: (@Sendable (ProgressEvent) -> Void)? = nil) {
        self.prune = prune
        self.dryRunServer = dryRunServer
        self.forceConflicts = forceConflicts
        self.forceRecreate = forceRecreate
        self.includeUnitObjects = includeUnitObjects
        self.expectedRevision = expectedRevision
        self.resolveRevision = resolveRevision
        self.clusters = clusters
        self.inventoryNamespace = inventoryNamespace
        self.defaultTimeout = defaultTimeout
        self.pollInterval = pollInterval
        self.clock = clock
        self.progress = progress
    }
}

/// Time as the executor's waits see it.
public struct ExecutorClock: Sendable {
    public var now: @Sendable () -> Double
    public var sleep: @Sendable (Double) -> Void

    public init(now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = ExecutorClock(
        now: { Date().timeIntervalSinceReferenceDate },
        sleep: { seconds in if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } })
}
