/// kustomize's FsSlice rules: merging lists of field specs without duplicates, their sort order,
/// and reading specs from configuration.
extension FieldSpec {
    /// kustomize's `effectivelyEquals`: same path, and `self` is selected by the other's GVK
    /// (so a spec without a kind stands for every spec with its path).
    func isCovered(by other: FieldSpec) -> Bool {
        path == other.path && gvk.isSelected(by: other.gvk)
    }

    /// Reads `{group, version, kind, path, create}`; unknown keys (`name`, …) are ignored as in kustomize.
    public init(parsing node: Node) throws(RenderError) {
        guard node.isMapping else {
            throw RenderError(.invalid, "a field spec must be a mapping with a 'path'", at: node.origin)
        }
        var create = false
        if let flag = node["create"], !flag.isNull {
            guard let scalar = flag.scalar, scalar.tag == .bool else {
                throw RenderError(.invalid, "field spec 'create' must be true or false", at: flag.origin)
            }
            create = scalar.text.lowercased() == "true"
        }
        self.init(gvk: GVK(parsing: node), path: node["path"]?.text ?? "", create: create)
    }
}

extension GVK {
    /// The inline `group`/`version`/`kind` keys of field specs and name references.
    init(parsing node: Node) {
        self.init(group: node["group"]?.text ?? "", version: node["version"]?.text ?? "", kind: node["kind"]?.text ?? "")
    }

    /// kustomize's `Gvk.IsLessThan`, used to keep configuration lists in a stable order: kinds in
    /// the legacy install order first, webhooks last, the rest by `group_version_kind`.
    func precedesInConfigOrder(_ other: GVK) -> Bool {
        let (mine, theirs) = (GVK.installRank(kind), GVK.installRank(other.kind))
        if mine != theirs { return mine < theirs }
        return description < other.description
    }

    private static let installFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
        "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
        "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    private static let installLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    private static func installRank(_ kind: String) -> Int {
        if let index = installFirst.firstIndex(of: kind) { return index - installFirst.count }
        if let index = installLast.firstIndex(of: kind) { return index + 1 }
        return 0
    }
}

/// List operations on field specs.
enum FieldSpecs {
    /// kustomize's `MergeOne`: a spec already covered is dropped, unless it disagrees on `create`.
    static func merge(_ spec: FieldSpec, into list: inout [FieldSpec]) throws(RenderError) {
        if let existing = list.first(where: { $0.isCovered(by: spec) }) {
            guard existing.create == spec.create else {
                throw RenderError(.conflict, "conflicting fieldspecs")
            }
            return
        }
        list.append(spec)
    }

    static func merge(_ specs: [FieldSpec], into list: inout [FieldSpec]) throws(RenderError) {
        for spec in specs { try merge(spec, into: &list) }
    }

    /// Stable version of kustomize's sort by GVK (its unstable sort only reorders equal kinds).
    static func sorted(_ list: [FieldSpec]) -> [FieldSpec] {
        stableSorted(list) { $0.gvk.precedesInConfigOrder($1.gvk) }
    }

    /// A list of specs under a configuration key.
    static func parse(_ node: Node?) throws(RenderError) -> [FieldSpec] {
        guard let node, !node.isNull else { return [] }
        guard node.isSequence else {
            throw RenderError(.invalid, "expected a list of field specs", at: node.origin)
        }
        var specs: [FieldSpec] = []
        for item in node.elements { specs.append(try FieldSpec(parsing: item)) }
        return specs
    }

    static func stableSorted<T>(_ items: [T], by precedes: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { lhs, rhs in
            if precedes(lhs.element, rhs.element) { return true }
            if precedes(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
