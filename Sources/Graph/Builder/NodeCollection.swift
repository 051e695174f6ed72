import Clusters
import Rendering

/// Lowers rendered units into nodes: one per unit, one per object a unit applies (merged when
/// two units apply the same object), with the `applies` edges between them.
struct NodeCollection {
    let cluster: ClusterRender
    /// `group/Kind` of custom resources whose CRD in this render says `scope: Cluster`, or `Namespaced`.
    private var declaredScopes: [String: Bool] = [:]

    init(_ cluster: ClusterRender) {
        self.cluster = cluster
        for unit in cluster.units {
            for resource in unit.resources.resources where resource.kind == "CustomResourceDefinition" {
                let spec = resource.node["spec"]
                guard let group = spec?["group"]?.text, let kind = spec?[path: ["names", "kind"]]?.text else { continue }
                declaredScopes["\(group)/\(kind)"] = spec?["scope"]?.text == "Cluster"
            }
        }
    }

    func collect(into draft: inout GraphDraft) {
        for unit in cluster.units { draft.add(node(for: unit)) }
        for unit in cluster.units {
            let id = NodeID.unit(unit.key)
            let fallback = fallbackNamespace(of: unit)
            for resource in unit.resources.resources {
                var node = node(for: resource, fallback: fallback)
                if node.id != id { node.appliedBy = [id] }
                draft.add(node)
            }
        }
        for unit in cluster.units {
            let id = NodeID.unit(unit.key)
            if let parent = unit.parent { draft.connect(.unit(parent), to: id, kind: .applies, origin: unit.origin) }
            let fallback = fallbackNamespace(of: unit)
            for resource in unit.resources.resources {
                draft.connect(id, to: nodeID(for: resource, fallback: fallback), kind: .applies, origin: resource.node.origin)
            }
        }
    }

    private func node(for unit: RenderedUnit) -> GraphNode {
        let role: NodeRole = unit.kind == .argoApplication ? .argoApplication : .fluxKustomization
        let apiVersion = unit.object?["apiVersion"]?.text
            ?? (unit.kind == .argoApplication ? "argoproj.io/v1alpha1" : "\(FluxKustomizationSpec.group)/v1")
        return GraphNode(id: .unit(unit.key), role: role, apiVersion: apiVersion, kind: unit.key.kind,
                         namespace: unit.key.namespace, name: unit.key.name,
                         appliedBy: unit.parent.map { [NodeID.unit($0)] } ?? [], origin: unit.origin, object: unit.object)
    }

    private func node(for resource: Resource, fallback: String) -> GraphNode {
        let gvk = resource.gvk
        let id = nodeID(for: resource, fallback: fallback)
        let role = ObjectRoles.unitRole(group: gvk.group, kind: gvk.kind)
            ?? ObjectRoles.sourceRole(group: gvk.group, kind: gvk.kind)
            ?? ObjectRoles.objectRole(resource.node, group: gvk.group, kind: gvk.kind)
        return GraphNode(id: id, role: role, apiVersion: resource.apiVersion, kind: gvk.kind,
                         namespace: namespace(of: resource, fallback: fallback), name: resource.name,
                         origin: resource.node.origin, object: resource.node)
    }

    func nodeID(for resource: Resource, fallback: String) -> NodeID {
        let gvk = resource.gvk
        let namespace = namespace(of: resource, fallback: fallback)
        let key = ObjectKey(kind: gvk.kind, namespace: namespace, name: resource.name)
        if ObjectRoles.isUnit(group: gvk.group, kind: gvk.kind) { return .unit(key) }
        if ObjectRoles.sourceRole(group: gvk.group, kind: gvk.kind) != nil { return .source(key) }
        return .object(group: gvk.group, kind: gvk.kind, namespace: namespace, name: resource.name)
    }

    /// The namespace the object lands in. A namespaced object without one takes the namespace
    /// discovery gives it (the Flux unit's own, the Argo destination already applied); an
    /// Application without one lives in `argocd`, as discovery keys it.
    private func namespace(of resource: Resource, fallback: String) -> String {
        if isClusterScoped(resource.gvk) { return "" }
        if !resource.namespace.isEmpty { return resource.namespace }
        if resource.gvk.group == "argoproj.io" && resource.kind == "Application" { return "argocd" }
        return fallback
    }

    /// Built-in scope, else the CRD of this render, else the `Cluster…` naming convention of
    /// cluster-scoped custom kinds (ClusterIssuer, ClusterSecretStore, ClusterPolicy).
    private func isClusterScoped(_ gvk: GVK) -> Bool {
        if ObjectRoles.builtinGroups.contains(gvk.group) { return gvk.isClusterScoped }
        if let declared = declaredScopes["\(gvk.group)/\(gvk.kind)"] { return declared }
        return gvk.kind.hasPrefix("Cluster") || gvk.isClusterScoped
    }

    private func fallbackNamespace(of unit: RenderedUnit) -> String {
        switch unit.kind {
        case .fluxKustomization: return unit.key.namespace
        case .argoApplication: return unit.object?[path: ["spec", "destination", "namespace"]]?.text ?? "default"
        }
    }
}
