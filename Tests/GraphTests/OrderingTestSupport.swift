import Clusters
import Rendering
@testable import Graph

/// A YAML value written as a Swift literal, for the rendered objects of hand-built graphs.
indirect enum YAMLLiteral: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String), bool(Bool), int(Int), sequence([YAMLLiteral]), mapping([(String, YAMLLiteral)])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: YAMLLiteral...) { self = .sequence(elements) }
    init(dictionaryLiteral elements: (String, YAMLLiteral)...) { self = .mapping(elements) }

    var node: Node {
        switch self {
        case .string(let text): .string(text)
        case .bool(let value): .scalar(value ? "true" : "false", tag: .bool)
        case .int(let value): .scalar(String(value), tag: .int)
        case .sequence(let items): .sequence(items.map(\.node))
        case .mapping(let entries): .mapping(entries.map { Node.Entry(key: $0.0, value: $0.1.node) })
        }
    }
}

/// Builds a `ClusterGraph` by hand the way the graph builder's contract describes it: unit nodes
/// carry their rendered object, objects name their unit first in `appliedBy`, `applies` edges go
/// unit → object, `dependsOn` dependant → dependency, `syncWave` later app → earlier app.
struct GraphFixture {
    var graph = ClusterGraph(cluster: "test")

    var model: OrderingModel { OrderingModel(graph: graph) }
    var plan: ApplyPlan { ApplyPlan.compute(graph) }

    @discardableResult
    mutating func kustomization(_ name: String, namespace: String = "flux-system", parent: NodeID? = nil,
                                spec: [(String, YAMLLiteral)] = []) -> NodeID {
        unit(.fluxKustomization, apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization",
             namespace: namespace, name: name, parent: parent, spec: spec)
    }

    @discardableResult
    mutating func helmRelease(_ name: String, namespace: String = "default", parent: NodeID,
                              spec: [(String, YAMLLiteral)] = []) -> NodeID {
        unit(.helmRelease, apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease",
             namespace: namespace, name: name, parent: parent, spec: spec)
    }

    @discardableResult
    mutating func application(_ name: String, parent: NodeID? = nil, destination: String = "apps",
                              annotations: [String: String] = [:]) -> NodeID {
        unit(.argoApplication, apiVersion: "argoproj.io/v1alpha1", kind: "Application", namespace: "argocd",
             name: name, parent: parent, spec: [("destination", .mapping([("namespace", .string(destination))]))],
             annotations: annotations)
    }

    mutating func unit(_ role: NodeRole, apiVersion: String, kind: String, namespace: String, name: String,
                       parent: NodeID?, spec: [(String, YAMLLiteral)], annotations: [String: String] = [:]) -> NodeID {
        let id = NodeID.unit(ObjectKey(kind: kind, namespace: namespace, name: name))
        add(GraphNode(id: id, role: role, apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                      appliedBy: parent.map { [$0] } ?? [],
                      object: Self.object(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                                          annotations: annotations, spec: spec)))
        return id
    }

    @discardableResult
    mutating func object(_ apiVersion: String, _ kind: String, _ name: String, namespace: String = "",
                         in unit: NodeID, annotations: [String: String] = [:], spec: [(String, YAMLLiteral)] = [],
                         role: NodeRole = .object) -> NodeID {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let id = NodeID.object(group: group, kind: kind, namespace: namespace, name: name)
        add(GraphNode(id: id, role: role, apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                      appliedBy: [unit],
                      object: Self.object(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                                          annotations: annotations, spec: spec)))
        return id
    }

    /// A CRD serving `kind` in `group`.
    @discardableResult
    mutating func crd(group: String, kind: String, in unit: NodeID, annotations: [String: String] = [:]) -> NodeID {
        object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "\(kind.lowercased())s.\(group)", in: unit,
               annotations: annotations,
               spec: [("group", .string(group)), ("names", .mapping([("kind", .string(kind))]))],
               role: .customResourceDefinition)
    }

    mutating func dependsOn(_ dependant: NodeID, _ dependency: NodeID) {
        edge(GraphEdge(from: dependant, to: dependency, kind: .dependsOn))
    }

    mutating func syncWave(later: NodeID, earlier: NodeID) {
        edge(GraphEdge(from: later, to: earlier, kind: .syncWave))
    }

    mutating func requires(_ consumer: NodeID, _ provider: NodeID, _ requirement: Requirement) {
        edge(GraphEdge(from: consumer, to: provider, kind: .requires, requirement: requirement))
    }

    private mutating func add(_ node: GraphNode) {
        graph.nodes[node.id] = node
        if let unit = node.appliedBy.first { edge(GraphEdge(from: unit, to: node.id, kind: .applies)) }
    }

    private mutating func edge(_ edge: GraphEdge) {
        graph.edges = Array(Set(graph.edges + [edge])).sorted()
    }

    static func object(apiVersion: String, kind: String, namespace: String, name: String,
                       annotations: [String: String], spec: [(String, YAMLLiteral)]) -> Node {
        var metadata: [(String, YAMLLiteral)] = [("name", .string(name))]
        if !namespace.isEmpty { metadata.append(("namespace", .string(namespace))) }
        if !annotations.isEmpty {
            metadata.append(("annotations", .mapping(annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        var entries: [(String, YAMLLiteral)] = [("apiVersion", .string(apiVersion)), ("kind", .string(kind)),
                                                ("metadata", .mapping(metadata))]
        if !spec.isEmpty { entries.append(("spec", .mapping(spec))) }
        return YAMLLiteral.mapping(entries).node
    }

    /// A bare node for the pure sort functions.
    static func node(_ apiVersion: String, _ kind: String, _ name: String, namespace: String = "",
                     annotations: [String: String] = [:], spec: [(String, YAMLLiteral)] = []) -> GraphNode {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return GraphNode(id: .object(group: group, kind: kind, namespace: namespace, name: name), role: .object,
                         apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                         object: object(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                                        annotations: annotations, spec: spec))
    }
}
