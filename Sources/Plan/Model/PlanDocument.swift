/// An ordered apply plan: for each cluster, stages of units (independent units share a stage),
/// and for each unit its objects in the order its engine applies them, with every object's
/// rendered manifest and content hash. Written as deterministic JSON (`schemas/plan.schema.json`).
///
/// An offline plan marks every object `apply`; a plan made against a live cluster fills in
/// `create`, `update`, `unchanged` or `prune` with the live `uid` and `resourceVersion` in the
/// same fields, so the file format does not change.
public struct PlanDocument: Sendable, Equatable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    public var source: PlanSource
    public var target: PlanTarget
    /// Whether Flux Kustomizations, Argo CD Applications and Flux sources are applied as objects
    /// (`--include-unit-objects`); otherwise they are only the plan's structure.
    public var includesUnitObjects: Bool
    public var clusters: [PlanCluster]

    public init(schemaVersion: Int = PlanDocument.schemaVersion, source: PlanSource, target: PlanTarget = .offline,
                includesUnitObjects: Bool = false, clusters: [PlanCluster]) {
        self.schemaVersion = schemaVersion
        self.source = source
        self.target = target
        self.includesUnitObjects = includesUnitObjects
        self.clusters = clusters
    }

    /// Every object of every cluster, in plan order.
    public var allObjects: [PlanObject] { clusters.flatMap { $0.stages.flatMap { $0.units.flatMap(\.objects) } } }

    /// Objects per action, for the summary line and `--detailed-exitcode`.
    public var counts: [PlanAction: Int] {
        var counts: [PlanAction: Int] = [:]
        for object in allObjects { counts[object.action, default: 0] += 1 }
        return counts
    }

    /// Whether applying the plan would change anything (offline: whether anything is applied).
    public var hasChanges: Bool { allObjects.contains { $0.action != .unchanged } }
}

/// What the plan was made from.
public struct PlanSource: Sendable, Equatable {
    /// The revision asked for (`--rev`), nil for a working directory.
    public var requestedRevision: String?
    /// The commit id the revision resolved to, nil for a working directory.
    public var commit: String?
    /// `sha256:<hex>` over the tree's sorted paths and contents (`TreeHash`): equal for a working
    /// directory and a revision with the same files.
    public var treeHash: String

    public init(requestedRevision: String? = nil, commit: String? = nil, treeHash: String) {
        self.requestedRevision = requestedRevision
        self.commit = commit
        self.treeHash = treeHash
    }
}

/// Where the plan is meant to be applied.
public struct PlanTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// No cluster was read: every object is `apply`.
        case offline
        /// Classified against a live API server.
        case cluster
    }

    public var kind: Kind
    /// kubeconfig context name (live plans).
    public var context: String?
    /// API server URL (live plans).
    public var server: String?

    public init(kind: Kind, context: String? = nil, server: String? = nil) {
        self.kind = kind
        self.context = context
        self.server = server
    }

    public static let offline = PlanTarget(kind: .offline)
}

public struct PlanCluster: Sendable, Equatable {
    public var name: String
    /// The cluster root directory, repository-relative.
    public var path: String
    public var stages: [PlanStage]
    /// Ordering cycles between units (each from its smallest unit id); their units are in no stage.
    public var cycles: [[String]]
    /// Units that wait on a cycle and so never start (sorted ids).
    public var blocked: [String]
    /// Why the plan is incomplete or cannot be honoured as is (units that failed to render, …), sorted.
    public var warnings: [String]

    public init(name: String, path: String, stages: [PlanStage], cycles: [[String]] = [], blocked: [String] = [],
                warnings: [String] = []) {
        self.name = name
        self.path = path
        self.stages = stages
        self.cycles = cycles
        self.blocked = blocked
        self.warnings = warnings
    }

    public var units: [PlanUnit] { stages.flatMap(\.units) }
}

/// Units that may reconcile in parallel once every earlier stage is done.
public struct PlanStage: Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var units: [PlanUnit]

    public init(index: Int, units: [PlanUnit]) {
        self.index = index
        self.units = units
    }
}
