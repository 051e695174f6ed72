import Clusters
import Rendering

/// Inferred `requires` edges of the API and the pod: custom resources → CRDs, namespaced
/// objects → Namespaces, unit inputs → ConfigMaps and Secrets, pod templates → what they name.
struct RequirementInference {
    let providers: Providers

    /// Namespaces that exist in every cluster.
    static let builtinNamespaces: Set<String> = ["default", "kube-system", "kube-public", "kube-node-lease"]

    func add(to draft: inout GraphDraft) {
        let nodes = draft.nodes
        // A root unit's namespace exists before anything in the repository is applied: the
        // GitOps engine runs there.
        let engineNamespaces = Set(nodes.values.filter { $0.role.isUnit && $0.appliedBy.isEmpty }.map(\.namespace))
        let createdNamespaces = Self.namespacesCreatedByApplications(nodes)
        for node in nodes.values.sorted(by: { $0.id < $1.id }) {
            requireDefinition(of: node, nodes: nodes, to: &draft)
            requireNamespace(of: node, engineNamespaces: engineNamespaces, created: createdNamespaces, to: &draft)
            requireUnitInputs(of: node, to: &draft)
            requirePodInputs(of: node, to: &draft)
        }
    }

    /// A custom resource needs the CRD serving its kind, from a CRD object or a chart release.
    private func requireDefinition(of node: GraphNode, nodes: [NodeID: GraphNode], to draft: inout GraphDraft) {
        let group = node.group
        guard !ObjectRoles.builtinGroups.contains(group), node.object != nil || node.role.isUnit else { return }
        let origin = node.object?["apiVersion"]?.origin ?? node.origin
        if providers.isPreinstalled(group: group, kind: node.kind) { return }
        if let provider = providers.crdProvider(group: group, kind: node.kind, consumerUnit: node.appliedBy.first, nodes: nodes) {
            draft.connect(node.id, to: provider, kind: .requires, requirement: .customResourceDefinition, origin: origin)
        } else if !ObjectRoles.isEngineGroup(group) {
            draft.expect(.customResourceDefinition, provider: "CustomResourceDefinition for \(node.kind).\(group)", consumer: node.id, origin: origin)
        }
    }

    /// A namespaced object needs its Namespace, unless it is built in, hosts the GitOps engine,
    /// or the Argo CD Application applying the object creates it (`CreateNamespace=true`).
    /// Flux never creates namespaces, `targetNamespace` included.
    private func requireNamespace(of node: GraphNode, engineNamespaces: Set<String>, created: [NodeID: String],
                                  to draft: inout GraphDraft) {
        let namespace = node.namespace
        // The engine's own namespace exists before any unit runs, whoever also declares it.
        guard !namespace.isEmpty, !Self.builtinNamespaces.contains(namespace), !engineNamespaces.contains(namespace),
              !providers.existingNamespaces.contains(namespace),
              !(node.role.isUnit && node.appliedBy.isEmpty) else { return }
        if node.appliedBy.contains(where: { created[$0] == namespace }) { return }
        let origin = node.object?[path: ["metadata", "namespace"]]?.origin ?? node.origin
        let provider = NodeID.object(group: "", kind: "Namespace", namespace: "", name: namespace)
        if draft.contains(provider) {
            draft.connect(node.id, to: provider, kind: .requires, requirement: .namespace, origin: origin)
        } else {
            draft.expect(.namespace, provider: "Namespace \(namespace)", consumer: node.id, origin: origin)
        }
    }

    /// Applications whose sync options create their destination namespace.
    static func namespacesCreatedByApplications(_ nodes: [NodeID: GraphNode]) -> [NodeID: String] {
        var created: [NodeID: String] = [:]
        for node in nodes.values where node.role == .argoApplication {
            guard let spec = node.object?["spec"],
                  let namespace = spec[path: ["destination", "namespace"]]?.text,
                  (spec[path: ["syncPolicy", "syncOptions"]]?.elements ?? []).contains(where: { $0.text == "CreateNamespace=true" })
            else { continue }
            created[node.id] = namespace
        }
        return created
    }

    /// What a unit reads before it can apply: HelmRelease `valuesFrom`, Kustomization
    /// `postBuild.substituteFrom` and `decryption.secretRef`, when the cluster defines them.
    private func requireUnitInputs(of node: GraphNode, to draft: inout GraphDraft) {
        guard let spec = node.object?["spec"] else { return }
        func require(_ requirement: Requirement, kind: String?, name: Node?, optional: Node?) {
            guard let kind, kind == "ConfigMap" || kind == "Secret", let text = name?.text, optional?.text != "true" else { return }
            draft.connect(node.id, to: .object(group: "", kind: kind, namespace: node.namespace, name: text),
                          kind: .requires, requirement: requirement, origin: name?.origin)
        }
        switch node.role {
        case .helmRelease:
            for entry in spec["valuesFrom"]?.elements ?? [] {
                require(.valuesFrom, kind: entry["kind"]?.text, name: entry["name"], optional: entry["optional"])
            }
        case .fluxKustomization:
            for entry in spec[path: ["postBuild", "substituteFrom"]]?.elements ?? [] {
                let kind = entry["kind"]?.text
                require(kind == "Secret" ? .secret : .configMap, kind: kind, name: entry["name"], optional: entry["optional"])
            }
            require(.secret, kind: "Secret", name: spec[path: ["decryption", "secretRef", "name"]], optional: nil)
        default:
            break
        }
    }

    /// Pod templates need what they name (when this cluster defines it; built-ins such as the
    /// `default` ServiceAccount are normal); claims need their StorageClass.
    private func requirePodInputs(of node: GraphNode, to draft: inout GraphDraft) {
        guard let object = node.object else { return }
        if let pod = PodTemplate(of: object, group: node.group, kind: node.kind) {
            for reference in pod.references {
                let provider = NodeID.object(group: reference.group, kind: reference.kind,
                                             namespace: reference.clusterScoped ? "" : node.namespace, name: reference.name)
                draft.connect(node.id, to: provider, kind: .requires, requirement: reference.requirement, origin: reference.origin)
            }
        }
        var classes: [Node?] = []
        if node.group.isEmpty && node.kind == "PersistentVolumeClaim" { classes.append(object[path: ["spec", "storageClassName"]]) }
        if node.group == "apps" && node.kind == "StatefulSet" {
            classes += (object[path: ["spec", "volumeClaimTemplates"]]?.elements ?? []).map { $0[path: ["spec", "storageClassName"]] }
        }
        for storageClass in classes.compactMap({ $0 }) {
            guard let name = storageClass.text, !name.isEmpty else { continue }
            draft.connect(node.id, to: .object(group: "storage.k8s.io", kind: "StorageClass", namespace: "", name: name),
                          kind: .requires, requirement: .storageClass, origin: storageClass.origin)
        }
    }
}
