import Clusters
import Rendering

/// Lowers one rendered cluster into its typed dependency graph (STUB: units and what they apply).
public enum GraphBuilder {
    public static func build(_ cluster: ClusterRender, knowledge: ChartKnowledge = .bundled) -> ClusterGraph {
        var graph = ClusterGraph(cluster: cluster.cluster.name)
        for unit in cluster.units {
            let id = NodeID.unit(unit.key)
            let role: NodeRole = unit.kind == .argoApplication ? .argoApplication : .fluxKustomization
            graph.nodes[id] = GraphNode(id: id, role: role, apiVersion: unit.object?["apiVersion"]?.text ?? "",
                                        kind: unit.key.kind, namespace: unit.key.namespace, name: unit.key.name,
                                        appliedBy: unit.parent.map { [NodeID.unit($0)] } ?? [], origin: unit.origin, object: unit.object)
            if let parent = unit.parent { graph.edges.append(GraphEdge(from: .unit(parent), to: id, kind: .applies)) }
        }
        graph.edges = Array(Set(graph.edges)).sorted()
        return graph
    }
}
