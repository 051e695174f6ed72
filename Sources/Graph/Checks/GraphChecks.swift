import Diagnostics
import Rendering

/// The ordering analyses over one cluster's graph, each reporting under its own rule.
public enum GraphChecks {
    public static func run(_ graph: ClusterGraph) -> [Diagnostic] {
        // A parent creating a child unit after the provider counts: it holds on a fresh cluster.
        let model = OrderingModel(graph: graph, countsCreationOrder: true)
        return RequirementOrderCheck.run(graph, model: model)
            + ExternalRequirementCheck.run(graph)
            + SuspendedDependencyCheck.run(graph, model: model)
            + MultipleOwnersCheck.run(graph)
    }
}

extension ClusterGraph {
    /// `Kustomization flux-system/apps`, for messages.
    func describe(_ id: NodeID) -> String {
        guard let node = nodes[id] else { return id.rawValue }
        return node.namespace.isEmpty ? "\(node.kind) \(node.name)" : "\(node.kind) \(node.namespace)/\(node.name)"
    }

    func location(of id: NodeID) -> SourceLocation? { nodes[id]?.origin.map(SourceLocation.init) }

    func unitReference(_ id: NodeID) -> UnitReference? {
        guard let node = nodes[id], node.role.isUnit else { return nil }
        return UnitReference(kind: node.kind, namespace: node.namespace.isEmpty ? nil : node.namespace, name: node.name)
    }

    func objectReference(_ id: NodeID) -> ObjectReference? {
        guard let node = nodes[id] else { return nil }
        return ObjectReference(apiVersion: node.apiVersion, kind: node.kind,
                               namespace: node.namespace.isEmpty ? nil : node.namespace, name: node.name)
    }

    /// The Argo CD sync wave written on a node's object (0 when absent or not a number).
    func syncWave(of id: NodeID) -> Int {
        Int(nodes[id]?.object?[path: ["metadata", "annotations", "argocd.argoproj.io/sync-wave"]]?.text ?? "") ?? 0
    }
}

extension SourceLocation {
    init(_ origin: Origin) {
        self.init(file: origin.file, line: origin.line, column: origin.column)
    }
}
