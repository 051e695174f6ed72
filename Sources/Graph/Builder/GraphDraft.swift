import Rendering

/// The graph while it is being built: nodes merge as units apply the same object, edges keep the
/// first origin they were given, and missing providers gather their consumers.
struct GraphDraft {
    private(set) var nodes: [NodeID: GraphNode] = [:]
    private var edges: [GraphEdge: GraphEdge] = [:]
    private var missing: [ExternalKey: [NodeID: Origin?]] = [:]
    let cluster: String

    private struct ExternalKey: Hashable {
        var requirement: Requirement
        var provider: String
    }

    init(cluster: String) { self.cluster = cluster }

    /// Adds a node, or records one more unit applying it (the first declaration keeps its origin).
    mutating func add(_ node: GraphNode) {
        guard var existing = nodes[node.id] else {
            var fresh = node
            fresh.appliedBy = Array(Set(node.appliedBy)).sorted()
            nodes[node.id] = fresh
            return
        }
        existing.appliedBy = Array(Set(existing.appliedBy + node.appliedBy)).sorted()
        if existing.object == nil, let object = node.object {
            existing.object = object
            existing.origin = existing.origin ?? node.origin
            if existing.apiVersion.isEmpty { existing.apiVersion = node.apiVersion }
        }
        nodes[node.id] = existing
    }

    /// An edge between two nodes of the graph; edges to nodes the graph lacks and self-loops
    /// are dropped, so every edge can be followed.
    mutating func connect(_ from: NodeID, to: NodeID, kind: EdgeKind, requirement: Requirement? = nil, origin: Origin?) {
        guard from != to, nodes[from] != nil, nodes[to] != nil else { return }
        let edge = GraphEdge(from: from, to: to, kind: kind, requirement: requirement, origin: origin)
        if edges[edge] == nil { edges[edge] = edge }
    }

    /// A provider the cluster does not define: reported once, with every consumer.
    mutating func expect(_ requirement: Requirement, provider: String, consumer: NodeID, origin: Origin?) {
        let key = ExternalKey(requirement: requirement, provider: provider)
        if missing[key, default: [:]][consumer] == nil { missing[key, default: [:]][consumer] = .some(origin) }
    }

    func contains(_ id: NodeID) -> Bool { nodes[id] != nil }

    func finished() -> ClusterGraph {
        let external = missing.map { key, consumers -> ExternalRequirement in
            let sorted = consumers.keys.sorted()
            let origin = sorted.first.flatMap { consumers[$0] } ?? nil
            return ExternalRequirement(requirement: key.requirement, provider: key.provider, consumers: sorted, origin: origin)
        }
        return ClusterGraph(cluster: cluster, nodes: nodes, edges: edges.values.sorted(), external: external.sorted())
    }
}
