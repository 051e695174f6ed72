/// What applying the plan does to an object. Offline plans know only `apply`.
public enum PlanAction: String, Sendable, CaseIterable, Comparable {
    /// Offline: the object will be applied; whether that creates or changes it is unknown.
    case apply
    case create, update, unchanged, prune

    public static func < (lhs: PlanAction, rhs: PlanAction) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// What an object is to the plan.
public enum PlanObjectRole: String, Sendable, CaseIterable {
    /// An object a unit applies.
    case object
    /// A unit's own object (Flux Kustomization, HelmRelease, Argo CD Application…).
    case unit
    /// A Flux source (GitRepository, OCIRepository, HelmRepository, Bucket…).
    case source
}

/// One object in its unit's apply order.
public struct PlanObject: Sendable, Equatable {
    public var apiVersion: String
    public var kind: String
    /// Empty for cluster-scoped objects.
    public var namespace: String
    public var name: String
    public var role: PlanObjectRole
    /// 0-based gate of the unit's apply (a Flux stage, an Argo CD phase and wave): the engine
    /// finishes one gate before it starts the next.
    public var gate: Int
    /// Whether the engine waits for the gate's objects to be ready before the next gate.
    public var gateWaited: Bool
    /// Flux: `definitions`, `classes` or `resources`; Argo CD: `PreSync`, `Sync`, `PostSync`, `SyncFail`.
    public var phase: String
    /// Argo CD sync wave; nil for Flux.
    public var wave: Int?
    /// The rendered object as the cluster needs it (Secret values included); nil only for `prune`.
    public var manifest: PlanJSON?
    /// `sha256:<hex>` of the manifest's canonical JSON (sorted keys, no whitespace).
    public var contentHash: String?
    public var action: PlanAction
    /// What must exist in the target before this object can be applied, and is not in the plan:
    /// `CustomResourceDefinition helmreleases.helm.toolkit.fluxcd.io`.
    public var requires: [String]
    // Live fields, filled by a plan made against a cluster.
    public var uid: String?
    public var resourceVersion: String?
    /// Field diff against the live object (Secret values masked).
    public var diff: String?

    public init(apiVersion: String, kind: String, namespace: String, name: String, role: PlanObjectRole = .object,
                gate: Int = 0, gateWaited: Bool = false, phase: String = "", wave: Int? = nil, manifest: PlanJSON?,
                action: PlanAction = .apply, requires: [String] = [], uid: String? = nil, resourceVersion: String? = nil,
                diff: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.role = role
        self.gate = gate
        self.gateWaited = gateWaited
        self.phase = phase
        self.wave = wave
        self.manifest = manifest
        self.contentHash = manifest.map(ContentDigest.hash)
        self.action = action
        self.requires = requires
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.diff = diff
    }

    /// The API group (empty for the core group).
    public var group: String { apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : "" }

    /// Identity across plans: group, kind, namespace, name (the version may change).
    public var key: String { "\(group)/\(kind)/\(namespace)/\(name)" }

    /// `Deployment apps/web`, `ClusterRole view`.
    public var displayName: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }

    /// A core Secret, whose values summaries and diffs never show.
    public var isSecret: Bool { kind == "Secret" && group.isEmpty }
}
