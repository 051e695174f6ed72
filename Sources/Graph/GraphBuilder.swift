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
    public static func build(_ cluster: ClusterRender, knowledge: ChartKnowledge = .bundled,
                             preinstalled: Set<String> = []) -> ClusterGraph {
        var draft = GraphDraft(cluster: cluster.cluster.name)
        NodeCollection(cluster).collect(into: &draft)
        ExplicitEdges(cluster: cluster).add(to: &draft)
        let providers = Providers(nodes: draft.nodes, knowledge: knowledge, preinstalled: preinstalled)
        RequirementInference(providers: providers).add(to: &draft)
        DeviceRequirements(providers: providers).add(to: &draft)
        return draft.finished()
    }
}
