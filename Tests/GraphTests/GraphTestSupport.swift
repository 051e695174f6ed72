import Clusters
import Rendering
import SourceTree
@testable import Graph

/// Fixture repositories under Tests/Fixtures/graph, rendered and lowered the way `shipshape` does.
enum GraphFixtures {
    static var packageRoot: String {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    }

    static func directory(_ name: String) -> String { packageRoot + "/Tests/Fixtures/graph/" + name }

    /// Every cluster of a repository, rendered by discovery.
    static func render(at path: String) throws -> [ClusterRender] {
        let files = TreeFileSystem(tree: try SourceTree.workingDirectory(at: path))
        return Discovery(fileSystem: files).renderRepository(ClusterRoots.find(in: files))
    }

    /// The graph of the fixture's cluster named `cluster`.
    static func graph(_ fixture: String, cluster: String) throws -> ClusterGraph {
        let clusters = try render(at: directory(fixture))
        guard let render = clusters.first(where: { $0.cluster.name == cluster }) else {
            throw FixtureError(message: "no cluster \(cluster) in \(fixture): \(clusters.map(\.cluster.name))")
        }
        return GraphBuilder.build(render)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension ClusterGraph {
    /// The edge from `from` to `to` of `kind`, if the graph has it.
    func edge(_ from: NodeID, _ to: NodeID, _ kind: EdgeKind, _ requirement: Requirement? = nil) -> GraphEdge? {
        edges.first { $0.from == from && $0.to == to && $0.kind == kind && $0.requirement == requirement }
    }

    func external(_ requirement: Requirement, _ provider: String) -> ExternalRequirement? {
        external.first { $0.requirement == requirement && $0.provider == provider }
    }
}

extension GraphEdge {
    /// `file:line` of the span that creates the edge, the file relative to the fixture root.
    var place: String? { origin.map { "\($0.file):\($0.line)" } }
}

/// Short node identifiers for assertions.
enum ID {
    static func flux(_ name: String, namespace: String = "flux-system") -> NodeID {
        .unit(ObjectKey(kind: "Kustomization", namespace: namespace, name: name))
    }
    static func helm(_ namespace: String, _ name: String) -> NodeID {
        .unit(ObjectKey(kind: "HelmRelease", namespace: namespace, name: name))
    }
    static func app(_ name: String, namespace: String = "argocd") -> NodeID {
        .unit(ObjectKey(kind: "Application", namespace: namespace, name: name))
    }
    static func core(_ kind: String, _ namespace: String, _ name: String) -> NodeID {
        .object(group: "", kind: kind, namespace: namespace, name: name)
    }
    static func namespace(_ name: String) -> NodeID { core("Namespace", "", name) }
}

/// Renders made up in the test, for rules that need no repository around them.
enum Synthetic {
    /// A unit applying the objects of `resources` (YAML documents). Flux units live in
    /// `flux-system` and are applied by the root `flux-system`; Argo CD ones in `argocd`.
    static func unit(_ name: String, argo: Bool = false, parent: String? = "flux-system",
                     object: String? = nil, resources: String) throws -> RenderedUnit {
        let key = ObjectKey(kind: argo ? "Application" : "Kustomization", namespace: argo ? "argocd" : "flux-system", name: name)
        var map = ResourceMap()
        for node in try Kustomization.parseDocuments(Array(resources.utf8), path: "\(name).yaml") where node.isMapping {
            try map.append(Resource(node: node, source: node.origin ?? Origin(file: "\(name).yaml", line: 1, column: 1)))
        }
        var unit = RenderedUnit(kind: argo ? .argoApplication : .fluxKustomization, key: key,
                                parent: parent.map { ObjectKey(kind: key.kind, namespace: key.namespace, name: $0) },
                                depth: parent == nil ? 0 : 1, directory: name, origin: nil, resources: map)
        unit.object = try object.flatMap { try Kustomization.parseDocuments(Array($0.utf8), path: "\(name)-unit.yaml").first }
        return unit
    }

    static func cluster(_ units: RenderedUnit...) -> ClusterRender {
        ClusterRender(cluster: ClusterRoot(name: "test", path: "clusters/test"), units: units, diagnostics: [])
    }

    /// The graph of `units`, under a root `flux-system` Kustomization when they name it as parent.
    static func graph(_ units: RenderedUnit..., knowledge: ChartKnowledge = .bundled) -> ClusterGraph {
        let root = ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "flux-system")
        var all = units
        if units.contains(where: { $0.parent == root }) && !units.contains(where: { $0.key == root }) {
            all.insert(RenderedUnit(kind: .fluxKustomization, key: root, parent: nil, depth: 0, directory: "clusters/test", origin: nil), at: 0)
        }
        return GraphBuilder.build(ClusterRender(cluster: ClusterRoot(name: "test", path: "clusters/test"), units: all, diagnostics: []),
                                  knowledge: knowledge)
    }
}
