import Rendering

/// An edge as the output formats draw it: a graph edge, or (in the unit view) a requirement
/// between objects lifted to the units that apply them.
public struct GraphViewEdge: Sendable, Hashable, Comparable {
    /// The edge drawn; identity, equality and order are the graph edge's.
    public var edge: GraphEdge
    /// An explicit order that only guarantees "applied", not "ready".
    public var isWeak: Bool
    /// How many graph edges it stands for (more than one once lifted to units).
    public var count: Int

    public init(from: NodeID, to: NodeID, kind: EdgeKind, requirement: Requirement? = nil,
                isWeak: Bool = false, origin: Origin? = nil, count: Int = 1) {
        edge = GraphEdge(from: from, to: to, kind: kind, requirement: requirement, origin: origin)
        self.isWeak = isWeak
        self.count = count
    }

    public var from: NodeID { edge.from }
    public var to: NodeID { edge.to }
    public var kind: EdgeKind { edge.kind }
    public var requirement: Requirement? { edge.requirement }
    /// The span of the first graph edge it stands for.
    public var origin: Origin? { edge.origin }

    public static func == (lhs: GraphViewEdge, rhs: GraphViewEdge) -> Bool { lhs.edge == rhs.edge }
    public func hash(into hasher: inout Hasher) { hasher.combine(edge) }
    public static func < (lhs: GraphViewEdge, rhs: GraphViewEdge) -> Bool { lhs.edge < rhs.edge }
}

/// The part of one cluster's graph an output shows, sorted by id so every format is deterministic.
public struct GraphView: Sendable {
    public var cluster: String
    public var nodes: [GraphNode]
    public var edges: [GraphViewEdge]
    /// Requirements met outside the repository; in the unit view their consumers are units.
    public var external: [ExternalRequirement]
    /// GPU providers: device plugins, node-feature-discovery, DRA device classes, and (in the
    /// unit view) the units that apply them or that GPU consumers require.
    public var highlighted: Set<NodeID>

    public init(_ graph: ClusterGraph, showsObjects: Bool) {
        cluster = graph.cluster
        let shown = graph.nodes.values.filter { showsObjects || $0.role.isUnit || $0.role.isSource }
        let ids = Set(shown.map(\.id))
        nodes = shown.sorted { $0.id < $1.id }

        // The node that stands for `id` here: itself, or in the unit view the unit applying it.
        let representative = { (id: NodeID) -> NodeID? in
            if ids.contains(id) { return id }
            guard !showsObjects, let unit = graph.owningUnit(of: id), ids.contains(unit) else { return nil }
            return unit
        }

        var lifted: [GraphViewEdge: GraphViewEdge] = [:]
        var edges: [GraphViewEdge] = []
        let sourcePairs = Set(graph.edges.filter { $0.kind == .source }.map { [$0.from, $0.to] })
        // Sorted again so the span a lifted edge keeps never depends on how the graph was assembled.
        for edge in graph.edges.sorted() {
            if edge.kind == .requires && !showsObjects {
                guard let from = representative(edge.from), let to = representative(edge.to), from != to else { continue }
                // A unit's need for its source is already drawn as its `source` edge.
                if edge.requirement == .source && sourcePairs.contains([from, to]) { continue }
                let candidate = GraphViewEdge(from: from, to: to, kind: .requires, requirement: edge.requirement, origin: edge.origin)
                if var seen = lifted[candidate] {
                    seen.count += 1
                    lifted[candidate] = seen
                } else {
                    lifted[candidate] = candidate
                }
                continue
            }
            guard ids.contains(edge.from), ids.contains(edge.to) else { continue }
            // In the unit view a unit applying a source is where the source is written, not an order.
            if edge.kind == .applies && !showsObjects && graph.nodes[edge.to]?.role.isUnit != true { continue }
            edges.append(GraphViewEdge(from: edge.from, to: edge.to, kind: edge.kind, requirement: edge.requirement,
                                       isWeak: Self.isWeak(edge, in: graph), origin: edge.origin))
        }
        self.edges = (edges + lifted.values).sorted()

        external = graph.external.map { requirement in
            var copy = requirement
            var consumers = Set<NodeID>()
            for consumer in requirement.consumers { consumers.insert(representative(consumer) ?? consumer) }
            copy.consumers = consumers.sorted()
            return copy
        }.sorted()

        var highlighted = Set<NodeID>()
        for node in graph.nodes.values where node.role.isDrawnAsGPUProvider {
            if let shown = representative(node.id) { highlighted.insert(shown) }
        }
        for edge in graph.edges where edge.kind == .requires && edge.requirement?.isDrawnAsGPU == true {
            if let shown = representative(edge.to) { highlighted.insert(shown) }
        }
        self.highlighted = highlighted
    }

    /// Whether an explicit order edge guarantees only that its target was applied: Flux counts a
    /// Kustomization ready once applied unless it has `wait: true` or `healthChecks`; a HelmRelease
    /// with `install.disableWait` is ready before its workloads are; Argo CD does not health-check
    /// child Applications, so a sync wave between them orders creation only.
    public static func isWeak(_ edge: GraphEdge, in graph: ClusterGraph) -> Bool {
        switch edge.kind {
        case .syncWave:
            return true
        case .dependsOn:
            // A target known only from its sync settings cannot be judged; say nothing rather than guess.
            guard let target = graph.nodes[edge.to], let object = target.object else { return false }
            switch target.role {
            case .fluxKustomization:
                let waits = object[path: ["spec", "wait"]]?.text == "true"
                let checksHealth = !(object[path: ["spec", "healthChecks"]]?.elements.isEmpty ?? true)
                return !waits && !checksHealth
            case .helmRelease:
                return object[path: ["spec", "install", "disableWait"]]?.text == "true"
            default:
                return false
            }
        case .applies, .source, .requires:
            return false
        }
    }
}

// Names carry an `output` or `drawn` prefix: other parts of the module extend the same types.
extension NodeRole {
    /// What makes GPUs schedulable on nodes.
    var isDrawnAsGPUProvider: Bool { self == .gpuDevicePlugin || self == .nodeFeatureDiscovery || self == .deviceClass }
}

extension Requirement {
    var isDrawnAsGPU: Bool { self == .gpuDevicePlugin || self == .deviceClass || self == .nodeFeatureDiscovery }
}

extension GraphNode {
    /// `flux-system/apps`, or the bare name of a cluster-scoped object.
    var outputName: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

    /// `Kustomization/flux-system/apps`, `Namespace/monitoring`: one line, for text listings.
    var outputKey: String { "\(kind)/\(outputName)" }
}
