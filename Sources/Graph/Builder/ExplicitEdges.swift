import Clusters
import Rendering

/// Edges the repository declares: `dependsOn`, source references (with the requirement they
/// imply), and the sync waves of child Applications.
struct ExplicitEdges {
    let cluster: ClusterRender

    func add(to draft: inout GraphDraft) {
        let artifacts = ArtifactGenerators.producers(in: draft.nodes)
        for node in draft.nodes.values.sorted(by: { $0.id < $1.id }) {
            switch node.role {
            case .fluxKustomization:
                addDependsOn(of: node, kind: "Kustomization", to: &draft)
                addSource(of: node, artifacts: artifacts, to: &draft)
            case .helmRelease:
                addDependsOn(of: node, kind: "HelmRelease", to: &draft)
                addChartSource(of: node, artifacts: artifacts, to: &draft)
            case .argoApplication:
                addSyncWaves(childrenOf: node, to: &draft)
            case .object where node.group == ArtifactGenerators.group && node.kind == "ArtifactGenerator":
                for reference in node.object?[path: ["spec", "sources"]]?.elements ?? [] {
                    connectSource(reference, of: node, defaultKind: "GitRepository", artifacts: artifacts, to: &draft)
                }
            default:
                break
            }
        }
    }

    /// `spec.dependsOn` entries, namespace defaulting to the dependant's. Entries naming a unit
    /// the cluster does not have produce no edge (the dependsOn checks report them).
    private func addDependsOn(of node: GraphNode, kind: String, to draft: inout GraphDraft) {
        for entry in node.object?[path: ["spec", "dependsOn"]]?.elements ?? [] {
            guard let name = entry["name"]?.text else { continue }
            let key = ObjectKey(kind: kind, namespace: entry["namespace"]?.text ?? node.namespace, name: name)
            draft.connect(node.id, to: .unit(key), kind: .dependsOn, origin: entry["name"]?.origin ?? entry.origin)
        }
    }

    private func addSource(of node: GraphNode, artifacts: [ObjectKey: NodeID], to draft: inout GraphDraft) {
        if let reference = node.object?[path: ["spec", "sourceRef"]] {
            connectSource(reference, of: node, defaultKind: "GitRepository", artifacts: artifacts, to: &draft)
        } else if node.object == nil, node.id == .unit(cluster.cluster.bootstrap.key) {
            // A bootstrap known only from its sync settings reads the source the operator creates.
            let source = ObjectRoles.sourceID(cluster.cluster.bootstrap.sourceRef)
            draft.connect(node.id, to: source, kind: .source, origin: node.origin)
            draft.connect(node.id, to: source, kind: .requires, requirement: .source, origin: node.origin)
        }
    }

    private func addChartSource(of node: GraphNode, artifacts: [ObjectKey: NodeID], to draft: inout GraphDraft) {
        if let reference = node.object?[path: ["spec", "chart", "spec", "sourceRef"]] {
            connectSource(reference, of: node, defaultKind: "HelmRepository", artifacts: artifacts, to: &draft)
        } else if let reference = node.object?[path: ["spec", "chartRef"]] {
            connectSource(reference, of: node, defaultKind: "OCIRepository", artifacts: artifacts, to: &draft)
        }
    }

    /// The sources the cluster's root reads: they exist before anything of the repository is
    /// applied (the bootstrap's own, or what a FluxInstance or a seed names).
    private var engineSources: Set<ObjectKey> { cluster.cluster.selfSources.union([cluster.cluster.bootstrap.sourceRef]) }

    /// A `source` edge and the `requires` edge it implies (to the ArtifactGenerator that composes
    /// an ExternalArtifact); a named source the cluster does not define is expected to exist,
    /// except for what the cluster's root reads.
    private func connectSource(_ reference: Node, of node: GraphNode, defaultKind: String, artifacts: [ObjectKey: NodeID],
                               to draft: inout GraphDraft) {
        guard let name = reference["name"]?.text else { return }
        let key = ObjectKey(kind: reference["kind"]?.text ?? defaultKind, namespace: reference["namespace"]?.text ?? node.namespace, name: name)
        let origin = reference["name"]?.origin ?? reference.origin
        let source = draft.contains(ObjectRoles.sourceID(key)) ? ObjectRoles.sourceID(key)
            : key.kind == "ExternalArtifact" ? artifacts[key] : nil
        if let source {
            draft.connect(node.id, to: source, kind: .source, origin: origin)
            draft.connect(node.id, to: source, kind: .requires, requirement: .source, origin: origin)
        } else if !node.appliedBy.isEmpty && !engineSources.contains(key) {
            draft.expect(.source, provider: "\(key.kind) \(key.namespace)/\(key.name)", consumer: node.id, origin: origin)
        }
    }

    /// Argo CD creates the child Applications of one parent wave by wave: each child depends
    /// on the children of the nearest lower wave (lower waves follow transitively).
    private func addSyncWaves(childrenOf parent: GraphNode, to draft: inout GraphDraft) {
        let children = draft.nodes.values
            .filter { ($0.role == .argoApplication || $0.role == .applicationSet) && $0.appliedBy.contains(parent.id) }
            .map { (node: $0, wave: Self.wave(of: $0)) }
        let waves = Set(children.map(\.wave.value)).sorted()
        for child in children {
            guard let index = waves.firstIndex(of: child.wave.value), index > 0 else { continue }
            let lower = waves[index - 1]
            for earlier in children where earlier.wave.value == lower {
                draft.connect(child.node.id, to: earlier.node.id, kind: .syncWave, origin: child.wave.origin)
            }
        }
    }

    /// `argocd.argoproj.io/sync-wave`, 0 when absent or not an integer (as Argo CD reads it).
    static func wave(of node: GraphNode) -> (value: Int, origin: Origin?) {
        let annotation = node.object?[path: ["metadata", "annotations", "argocd.argoproj.io/sync-wave"]]
        let value = annotation?.text.flatMap { Int($0.trimmingCharacters(in: " ")) } ?? 0
        return (value, annotation?.origin ?? node.origin)
    }
}

/// Flux ArtifactGenerators (`source.extensions.fluxcd.io`): each composes ExternalArtifacts, named
/// by `spec.artifacts[].name`, in its own namespace.
enum ArtifactGenerators {
    static let group = "source.extensions.fluxcd.io"

    /// The generator of each ExternalArtifact (the first by id when two declare one).
    static func producers(in nodes: [NodeID: GraphNode]) -> [ObjectKey: NodeID] {
        var result: [ObjectKey: NodeID] = [:]
        for node in nodes.values.sorted(by: { $0.id < $1.id }) where node.kind == "ArtifactGenerator" && node.group == group {
            for artifact in node.object?[path: ["spec", "artifacts"]]?.elements ?? [] {
                guard let name = artifact["name"]?.text else { continue }
                let key = ObjectKey(kind: "ExternalArtifact", namespace: node.namespace, name: name)
                if result[key] == nil { result[key] = node.id }
            }
        }
        return result
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
