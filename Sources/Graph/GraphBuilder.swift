import Clusters
import Rendering

/// Lowers one rendered cluster into its typed dependency graph.
///
/// Nodes: every unit (Flux Kustomization, HelmRelease, Argo CD Application, ApplicationSet),
/// every Flux source, every other applied object with a typed role. Edges: `applies` from each
/// unit to what it applies, `dependsOn`, `source` and `syncWave` as declared, and inferred
/// `requires` edges from consumer to provider (CRDs, Namespaces, unit inputs, pod inputs, GPU
/// providers, DeviceClasses, node-feature-discovery, ServingRuntimes). Edges only join nodes of
/// the graph; a provider the repository does not define is listed once in `external`.
public enum GraphBuilder {
    /// `preinstalled` names charts installed before the GitOps engine starts (a bootstrap
    /// helmfile): the CRDs they install exist before any unit is applied.
    /// `existingNamespaces` are created before it (a bootstrap helmfile's release namespaces).
    public static func build(_ cluster: ClusterRender, knowledge: ChartKnowledge = .bundled,
                             preinstalled: Set<String> = [], existingNamespaces: Set<String> = []) -> ClusterGraph {
        var draft = GraphDraft(cluster: cluster.cluster.name)
        NodeCollection(cluster).collect(into: &draft)
        ExplicitEdges(cluster: cluster).add(to: &draft)
        var providers = Providers(nodes: draft.nodes, knowledge: knowledge, preinstalled: preinstalled)
        providers.existingNamespaces = existingNamespaces
        RequirementInference(providers: providers).add(to: &draft)
        DeviceRequirements(providers: providers).add(to: &draft)
        var graph = draft.finished()
        graph.unrenderedUnits = cluster.units.filter { $0.error != nil }.map { NodeID.unit($0.key) }.sorted()
        return graph
    }
}
