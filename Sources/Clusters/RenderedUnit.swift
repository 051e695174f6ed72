import Rendering

/// One deployable unit of a cluster after rendering: a Flux Kustomization or an Argo CD
/// Application, its objects, and what it declares for the next round of discovery.
public struct RenderedUnit: Sendable {
    public enum Kind: String, Sendable {
        case fluxKustomization, argoApplication
    }

    public var kind: Kind
    public var key: ObjectKey
    /// The unit whose output declared this one; nil for the cluster root.
    public var parent: ObjectKey?
    /// Discovery round: 0 for the root, 1 for what it declares, and so on.
    public var depth: Int
    /// The directory rendered, repository-relative (nil when it could not be resolved).
    public var directory: String?
    /// Where the Kustomization or Application object is written.
    public var origin: Origin?
    /// The Kustomization or Application object as its parent rendered it (after the parent's
    /// substitution); nil for a bootstrap known only from a FluxInstance's sync settings.
    public var object: Node?
    /// The objects it applies, after post-build substitution and `commonMetadata`.
    public var resources: ResourceMap
    /// Why it could not be rendered; `resources` is empty then.
    public var error: RenderError?
    /// Flux Kustomizations and Argo CD Applications found in `resources`.
    public var children: [ObjectKey] = []
    public var helmReleases: [ObjectKey] = []
    /// GitRepository, OCIRepository, Bucket and HelmRepository objects in `resources`.
    public var sources: [ObjectKey] = []
    /// `spec.dependsOn` of a Flux Kustomization, namespaces defaulted.
    public var dependsOn: [ObjectKey] = []
    /// `substituteFrom` ConfigMaps and Secrets no unit of the cluster renders, assumed to exist
    /// in the cluster; variables they would supply are left unexpanded.
    public var externalInputs: [ObjectKey] = []

    public init(kind: Kind, key: ObjectKey, parent: ObjectKey?, depth: Int, directory: String?,
                origin: Origin?, resources: ResourceMap = ResourceMap(), error: RenderError? = nil) {
        self.kind = kind
        self.key = key
        self.parent = parent
        self.depth = depth
        self.directory = directory
        self.origin = origin
        self.resources = resources
        self.error = error
    }
}

/// Everything discovered for one cluster root.
public struct ClusterRender: Sendable {
    public var cluster: ClusterRoot
    /// In discovery order: by depth, then by kind, namespace and name.
    public var units: [RenderedUnit]
    /// Problems of the graph rather than of one unit: duplicates and cycles.
    public var diagnostics: [RenderError]

    public init(cluster: ClusterRoot, units: [RenderedUnit], diagnostics: [RenderError]) {
        self.cluster = cluster
        self.units = units
        self.diagnostics = diagnostics
    }

    public func unit(_ key: ObjectKey) -> RenderedUnit? { units.first { $0.key == key } }
}
