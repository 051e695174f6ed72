extension Transformers {
    /// Which (Cluster)RoleBinding subjects get the namespace (NamespaceTransformer's `setRoleBindingSubjects`).
    public enum RoleBindingSubjects: String, Sendable {
        /// Subjects whose name contains "default" (kustomize matches the name as an unanchored regex).
        case defaultOnly
        /// Subjects whose kind contains "ServiceAccount".
        case allServiceAccounts
        case none
    }

    /// The kustomization's `namespace:` (kustomize's NamespaceTransformer with the configured field
    /// specs): `metadata.namespace` of every namespaced object, the name of v1 Namespace objects,
    /// `default` service-account subjects of role bindings, and the configured service references.
    public static func setNamespace(_ namespace: String, in map: inout ResourceMap, config: TransformerConfig,
                                    origin: Origin?, unsetOnly: Bool = false,
                                    subjects: RoleBindingSubjects = .defaultOnly) throws(RenderError) {
        try setNamespace(namespace, specs: config.namespace, in: &map, origin: origin, unsetOnly: unsetOnly,
                         subjects: subjects, step: "namespace")
    }

    static func setNamespace(_ namespace: String, specs: [FieldSpec], in map: inout ResourceMap, origin: Origin?,
                             unsetOnly: Bool, subjects: RoleBindingSubjects, step: String) throws(RenderError) {
        guard !namespace.isEmpty else { return }
        let setter = NamespaceSetter(namespace: namespace, origin: origin, unsetOnly: unsetOnly, step: step)
        for index in map.resources.indices where !isEmptyObject(map.resources[index]) {
            map.resources[index].rememberID()
            let id = map.resources[index].id
            do throws(RenderError) {
                try setter.apply(specs: specs, subjects: subjects, to: &map.resources[index])
            } catch {
                throw error.prefixed("namespace transformation failed for \(id): ", at: map.resources[index].source)
            }
            let matches = map.indexes(currentID: map.resources[index].id)
            if matches.count != 1 {
                throw RenderError(.conflict,
                    "namespace transformation produces ID conflict: [\(matches.map { map.resources[$0].id.description }.joined(separator: " "))]",
                    at: map.resources[index].source)
            }
        }
    }
}

/// One NamespaceTransformer run over one object.
private struct NamespaceSetter {
    let namespace: String
    let origin: Origin?
    let unsetOnly: Bool
    let step: String

    func apply(specs: [FieldSpec], subjects: Transformers.RoleBindingSubjects, to resource: inout Resource) throws(RenderError) {
        let apiVersion = resource.apiVersion
        // metadata.namespace is handled below from the cluster-scope list, never by field specs,
        // and metadata.name only ever means a core v1 Namespace's own name.
        var specs = specs.filter { spec in
            spec.path != ["metadata", "namespace"] && !(apiVersion != "v1" && spec.path == ["metadata", "name"])
        }
        if !resource.gvk.isClusterScoped {
            try FieldPath.visit(FieldSpec(path: ["metadata", "namespace"], create: true), in: &resource.node,
                                creating: .string(""), set)
        }
        let kind = resource.kind
        if kind == "RoleBinding" || kind == "ClusterRoleBinding" {
            specs.removeAll { spec in
                (spec.gvk.kind == "RoleBinding" || spec.gvk.kind == "ClusterRoleBinding") && spec.path == ["subjects", "namespace"]
            }
            try setSubjects(subjects, in: &resource.node)
        }
        for spec in specs {
            try FieldPath.visit(spec, in: &resource.node, creating: .string("", origin: origin), set)
        }
    }

    func set(_ node: inout Node) throws(RenderError) {
        guard node.isScalar else {
            throw RenderError(.transform, "namespace field specs must target scalar nodes", at: node.origin)
        }
        if unsetOnly, let existing = node.text, !existing.isEmpty { return }
        node = NodeEdit.string(namespace, replacing: node, origin: origin, step: step)
    }

    private func setSubjects(_ mode: Transformers.RoleBindingSubjects, in object: inout Node) throws(RenderError) {
        guard mode != .none, let list = object["subjects"], !list.isNull else { return }
        guard list.isSequence else {
            throw RenderError(.transform, "setting namespace on (cluster)role binding subjects: subjects is not a list", at: list.origin)
        }
        // kustomize matches these with an unanchored regular expression.
        let (key, pattern) = mode == .defaultOnly ? ("name", "default") : ("kind", "ServiceAccount")
        guard var subjectsNode = object["subjects"] else { return }
        try NodeEdit.elements(of: &subjectsNode) { (items: inout [Node]) throws(RenderError) in
            for index in items.indices where items[index].isMapping {
                guard let value = items[index][key], !value.isNull else { continue }
                guard value.isScalar, let text = value.text else {
                    throw RenderError(.transform, "looking up \(key) on (cluster)role binding subject: not a string", at: value.origin)
                }
                guard text.contains(pattern) else { continue }
                var field = items[index]["namespace"] ?? .string("", origin: origin)
                try set(&field)
                NodeEdit.set("namespace", to: field, in: &items[index])
            }
        }
        NodeEdit.set("subjects", to: subjectsNode, in: &object)
    }
}
