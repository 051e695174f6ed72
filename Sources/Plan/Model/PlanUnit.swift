/// Which controller's semantics a unit follows: its apply order and what waiting means.
public enum PlanEngine: String, Sendable, CaseIterable {
    /// kustomize-controller: staged apply (definitions, classes, resources).
    case flux
    /// Argo CD: phases and sync waves.
    case argo
    /// helm-controller: the chart is rendered and installed in the cluster from the HelmRelease
    /// object its parent applies; the plan holds no chart objects for it.
    case helm
}

/// One unit of a stage: what a controller would reconcile, and the objects the executor applies
/// in its place.
public struct PlanUnit: Sendable, Equatable {
    /// The graph's node id: `unit:Kustomization/flux-system/apps`.
    public var id: String
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String
    public var engine: PlanEngine
    /// The unit that applies this unit's own object; nil for a root.
    public var parent: String?
    public var wait: WaitPolicy
    /// Flux `spec.prune`: whether objects removed from Git are garbage-collected.
    public var prune: Bool
    /// Whether the unit's own object is in the plan (in its parent's objects, or its own for a root
    /// that renders itself): only with `--include-unit-objects`, except HelmReleases, which are
    /// always applied for helm-controller.
    public var appliesUnitObject: Bool
    /// Why the unit could not be rendered: its objects are missing from the plan.
    public var renderError: String?
    /// What the executor should know about the unit that the fields do not say.
    public var note: String?
    public var objects: [PlanObject]

    public init(id: String, apiVersion: String, kind: String, namespace: String, name: String, engine: PlanEngine,
                parent: String? = nil, wait: WaitPolicy = WaitPolicy(), prune: Bool = false, appliesUnitObject: Bool = false,
                renderError: String? = nil, note: String? = nil, objects: [PlanObject] = []) {
        self.id = id
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.engine = engine
        self.parent = parent
        self.wait = wait
        self.prune = prune
        self.appliesUnitObject = appliesUnitObject
        self.renderError = renderError
        self.note = note
        self.objects = objects
    }

    /// `Kustomization flux-system/apps`.
    public var displayName: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }
}

/// How the engine decides a unit is done.
public struct WaitPolicy: Sendable, Equatable {
    /// Wait for every applied object to be ready (Flux `spec.wait`, helm-controller unless
    /// `disableWait`).
    public var all: Bool
    /// Flux `spec.healthChecks`: only these objects are waited for.
    public var healthChecks: [ObjectReference]
    /// The timeout as written (a Go duration), or as defaulted.
    public var timeout: String?
    /// `timeout` in whole seconds (rounded up), when it parses.
    public var timeoutSeconds: Int?
    /// Where the timeout comes from: `timeout`, `interval` (Flux's default), `default`.
    public var timeoutSource: String?
    /// Argo CD: the sync waves of the unit's objects, ascending. Each wave waits for the health
    /// of the previous one when there is more than one wave or phase.
    public var waves: [Int]

    public init(all: Bool = false, healthChecks: [ObjectReference] = [], timeout: String? = nil, timeoutSeconds: Int? = nil,
                timeoutSource: String? = nil, waves: [Int] = []) {
        self.all = all
        self.healthChecks = healthChecks
        self.timeout = timeout
        self.timeoutSeconds = timeoutSeconds
        self.timeoutSource = timeoutSource
        self.waves = waves
    }

    /// Whether the executor waits for anything after applying the unit.
    public var waits: Bool { all || !healthChecks.isEmpty || waves.count > 1 }
}

/// apiVersion, kind, namespace and name of an object (a health check's target).
public struct ObjectReference: Sendable, Hashable, Comparable {
    public var apiVersion: String
    public var kind: String
    /// Empty for cluster-scoped objects or when a health check leaves it out.
    public var namespace: String
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public static func < (lhs: ObjectReference, rhs: ObjectReference) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name, lhs.apiVersion) < (rhs.kind, rhs.namespace, rhs.name, rhs.apiVersion)
    }
}
