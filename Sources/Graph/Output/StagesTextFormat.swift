/// The apply stages as text (`shipshape graph --stages`): per cluster, each stage's units, then
/// each unit's objects in the order its engine applies them.
///
///     cluster production
///     stage 1: Kustomization/flux-system/infra
///       Kustomization/flux-system/infra
///         Namespace/cert-manager
///         Deployment/cert-manager/cert-manager
public struct StagesTextFormat: GraphFormat {
    public init() {}

    public func render(_ graphs: [ClusterGraph], plan: [String: ApplyPlan], options: GraphOutputOptions) -> String {
        graphs.sorted { $0.cluster < $1.cluster }.map { graph in
            var lines = ["cluster \(graph.cluster)"]
            let stages = plan[graph.cluster]?.stages ?? []
            if stages.isEmpty { lines.append("no units") }
            for (index, stage) in stages.enumerated() {
                lines.append("stage \(index + 1): " + stage.units.map { Self.name($0, in: graph) }.joined(separator: ", "))
                for unit in stage.units {
                    lines.append("  " + Self.name(unit, in: graph))
                    let objects = plan[graph.cluster]?.objectOrder[unit] ?? []
                    lines += objects.isEmpty ? ["    (no objects)"] : objects.map { "    " + Self.name($0, in: graph) }
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// `Kustomization/flux-system/apps`, `Namespace/monitoring`; an id the graph lacks is shown
    /// without its family prefix rather than dropped.
    static func name(_ id: NodeID, in graph: ClusterGraph) -> String {
        if let node = graph.nodes[id] { return node.outputKey }
        guard let colon = id.rawValue.firstIndex(of: ":") else { return id.rawValue }
        return String(id.rawValue[id.rawValue.index(after: colon)...])
    }
}
