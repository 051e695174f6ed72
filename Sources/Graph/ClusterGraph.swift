import Clusters
import Rendering

/// A node of the dependency graph: a unit (something a controller reconciles), a source, or an
/// object a unit applies. Identified per cluster by its role family, kind, namespace and name.
public struct NodeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// `unit:Kustomization/flux-system/apps`, `source:GitRepository/flux-system/flux-system`,
    /// `object:cert-manager.io/ClusterIssuer//letsencrypt` (group, kind, namespace, name).
    public static func unit(_ key: ObjectKey) -> NodeID { NodeID("unit:\(key)") }
    public static func source(_ key: ObjectKey) -> NodeID { NodeID("source:\(key)") }
    public static func object(group: String, kind: String, namespace: String, name: String) -> NodeID {
        NodeID("object:\(group)/\(kind)/\(namespace)/\(name)")
    }

    public var description: String { rawValue }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a node is, for requirements and for drawing.
public enum NodeRole: String, Sendable, CaseIterable, Comparable {
    // Units.
    case fluxKustomization, helmRelease, argoApplication, applicationSet
    // Sources.
    case gitRepository, ociRepository, helmRepository, bucket, externalArtifact
    // Typed objects.
    case customResourceDefinition, namespace
    /// NVIDIA/Intel/AMD device-plugin DaemonSets, the NVIDIA gpu-operator (its ClusterPolicy),
    /// Intel's GpuDevicePlugin CRs: what advertises GPU extended resources on nodes.
    case gpuDevicePlugin
    /// node-feature-discovery: what puts `feature.node.kubernetes.io/*` labels on nodes.
    case nodeFeatureDiscovery
    /// A DRA driver's DeviceClass (`resource.k8s.io`), claimed through ResourceClaimTemplates.
    case deviceClass
    case servingRuntime, inferenceService
    /// Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods.
    case workload
    case object

    public var isUnit: Bool { [.fluxKustomization, .helmRelease, .argoApplication, .applicationSet].contains(self) }
    public var isSource: Bool { [.gitRepository, .ociRepository, .helmRepository, .bucket, .externalArtifact].contains(self) }

    public static func < (lhs: NodeRole, rhs: NodeRole) -> Bool { lhs.rawValue < rhs.rawValue }
}

public struct GraphNode: Sendable {
    public var id: NodeID
    public var role: NodeRole
    public var apiVersion: String
    public var kind: String
    /// Empty for cluster-scoped objects.
    public var namespace: String
    public var name: String
    /// The units that apply this node (a unit's own object is applied by its parent; a root unit
    /// has none). More than one is a conflict the checks report.
    public var appliedBy: [NodeID]
    /// Where it is written (through rendering provenance: the base file and line).
    public var origin: Origin?
    /// The rendered object, when there is one (units and objects; nil for a bootstrap known only
    /// from its sync settings).
    public var object: Node?

    public init(id: NodeID, role: NodeRole, apiVersion: String, kind: String, namespace: String, name: String,
                appliedBy: [NodeID] = [], origin: Origin? = nil, object: Node? = nil) {
        self.id = id
        self.role = role
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.appliedBy = appliedBy
        self.origin = origin
        self.object = object
    }

    public var group: String { apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : "" }
}

/// Why an edge exists.
public enum EdgeKind: String, Sendable, CaseIterable, Comparable {
    /// Flux `dependsOn` (Kustomization → Kustomization, HelmRelease → HelmRelease).
    case dependsOn
    /// An Argo CD Application created by its parent in a later sync wave than another.
    case syncWave
    /// A unit applies the object (Flux Kustomization → its objects and child units, Argo app of apps).
    case applies
    /// `sourceRef`, `chartRef`, `chart.spec.sourceRef`.
    case source
    /// An inferred requirement: the consumer needs the provider to exist (or be ready) first.
    case requires

    public static func < (lhs: EdgeKind, rhs: EdgeKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a `requires` edge needs.
public enum Requirement: String, Sendable, CaseIterable, Comparable {
    case customResourceDefinition, namespace, source, valuesFrom
    case serviceAccount, configMap, secret, persistentVolumeClaim, priorityClass, runtimeClass, storageClass
    case gpuDevicePlugin, deviceClass, nodeFeatureDiscovery, servingRuntime

    /// Whether the consumer's apply fails outright without the provider (versus waiting or
    /// crash-looping until it appears).
    public var failsApply: Bool { self == .customResourceDefinition || self == .namespace }

    public static func < (lhs: Requirement, rhs: Requirement) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A directed edge from a consumer (dependant) to its provider (dependency).
public struct GraphEdge: Sendable, Hashable, Comparable {
    public var from: NodeID
    public var to: NodeID
    public var kind: EdgeKind
    public var requirement: Requirement?
    /// The span that creates the edge: the `dependsOn` entry, the field naming the provider, the
    /// custom resource's `apiVersion`.
    public var origin: Origin?

    public init(from: NodeID, to: NodeID, kind: EdgeKind, requirement: Requirement? = nil, origin: Origin? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.requirement = requirement
        self.origin = origin
    }

    public static func == (lhs: GraphEdge, rhs: GraphEdge) -> Bool {
        (lhs.from, lhs.to, lhs.kind, lhs.requirement) == (rhs.from, rhs.to, rhs.kind, rhs.requirement)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(to)
        hasher.combine(kind)
        hasher.combine(requirement)
    }

    public static func < (lhs: GraphEdge, rhs: GraphEdge) -> Bool {
        (lhs.from, lhs.to, lhs.kind, lhs.requirement?.rawValue ?? "") < (rhs.from, rhs.to, rhs.kind, rhs.requirement?.rawValue ?? "")
    }
}

/// A requirement whose provider the repository does not define: expected to exist in the cluster.
public struct ExternalRequirement: Sendable, Hashable, Comparable {
    public var requirement: Requirement
    /// What is needed: `CustomResourceDefinition clusterissuers.cert-manager.io`, `Namespace monitoring`…
    public var provider: String
    /// Every consumer, sorted; the first names the position reported.
    public var consumers: [NodeID]
    public var origin: Origin?

    public init(requirement: Requirement, provider: String, consumers: [NodeID], origin: Origin?) {
        self.requirement = requirement
        self.provider = provider
        self.consumers = consumers
        self.origin = origin
    }

    public static func < (lhs: ExternalRequirement, rhs: ExternalRequirement) -> Bool {
        (lhs.requirement, lhs.provider) < (rhs.requirement, rhs.provider)
    }
}

/// The typed dependency graph of one cluster.
public struct ClusterGraph: Sendable {
    public var cluster: String
    public var nodes: [NodeID: GraphNode]
    /// Sorted and free of duplicates.
    public var edges: [GraphEdge]
    public var external: [ExternalRequirement]
    /// Units of the cluster that could not be rendered (another repository, a failed build):
    /// what they apply is missing, so an "external" provider may be one of theirs.
    public var unrenderedUnits: [NodeID] = []

    public init(cluster: String, nodes: [NodeID: GraphNode] = [:], edges: [GraphEdge] = [], external: [ExternalRequirement] = []) {
        self.cluster = cluster
        self.nodes = nodes
        self.edges = edges
        self.external = external
    }

    public var units: [GraphNode] { nodes.values.filter { $0.role.isUnit }.sorted { $0.id < $1.id } }

    public func edges(from id: NodeID) -> [GraphEdge] { edges.filter { $0.from == id } }
    public func edges(to id: NodeID) -> [GraphEdge] { edges.filter { $0.to == id } }

    /// The unit that applies `id` (itself for a unit node with no parent).
    public func owningUnit(of id: NodeID) -> NodeID? { nodes[id]?.appliedBy.first }
}
