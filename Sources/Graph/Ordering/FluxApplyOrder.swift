/// The stages of kustomize-controller's staged apply (fluxcd/pkg `ssa.ResourceManager.ApplyAllStaged`).
public enum FluxApplyStage: Int, Sendable, Comparable, CaseIterable {
    /// CRDs, core Namespaces and ClusterRoles (`utils.IsClusterDefinition`): applied, then waited for.
    case definitions
    /// Kinds whose name ends in `Class` (`utils.IsClassDefinition`): applied, then waited for.
    case classes
    /// Everything else: applied; only `spec.wait`/`spec.healthChecks` wait for it, after the apply.
    case resources

    /// Whether the apply waits for this stage (kstatus Current) before starting the next one.
    public var isWaited: Bool { self != .resources }

    public static func < (lhs: FluxApplyStage, rhs: FluxApplyStage) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The order in which kustomize-controller applies the objects of one Flux Kustomization:
/// stage by stage, and inside a stage by `ssa.ReconcileOrder` (the real writes of a stage are
/// sequential in that order, after a concurrent server-side dry-run of the whole stage).
public enum FluxApplyOrder {
    /// `ReconcileOrder.First` as of fluxcd/pkg ssa v0.77 (`ssa/sort.go`).
    public static let firstKinds = [
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass", "RuntimeClass", "PriorityClass",
        "StorageClass", "VolumeSnapshotClass", "IngressClass", "GatewayClass", "ClusterRoleBinding", "ResourceQuota",
        "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "Deployment",
        "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    /// `ReconcileOrder.Last`.
    public static let lastKinds = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    private static let ranks: [String: Int] = {
        var ranks: [String: Int] = [:]
        for (index, kind) in firstKinds.enumerated() { ranks[kind] = index - firstKinds.count }
        for (index, kind) in lastKinds.enumerated() { ranks[kind] = index + 1 }
        return ranks
    }()

    public static func stage(of node: GraphNode) -> FluxApplyStage {
        let isClusterRole = node.kind.lowercased() == "clusterrole" && node.apiVersion.hasPrefix("rbac.authorization.k8s.io/")
        if node.isCustomResourceDefinition || node.isCoreNamespace || isClusterRole { return .definitions }
        // Case-sensitive suffix, any group: a custom `WidgetClass` is a class too.
        if node.kind.hasSuffix("Class") { return .classes }
        return .resources
    }

    /// `computeKind2index`: listed first kinds are negative, unlisted kinds 0, last kinds positive.
    /// Only the kind counts, not its group.
    public static func rank(ofKind kind: String) -> Int { ranks[kind] ?? 0 }

    /// `ssa.less`: rank, then group, then kind, then namespace, then name.
    public static func precedes(_ lhs: GraphNode, _ rhs: GraphNode) -> Bool {
        let (left, right) = (rank(ofKind: lhs.kind), rank(ofKind: rhs.kind))
        if left != right { return left < right }
        return (lhs.group, lhs.kind, lhs.namespace, lhs.name) < (rhs.group, rhs.kind, rhs.namespace, rhs.name)
    }

    public static func sorted(_ objects: [GraphNode]) -> [GraphNode] {
        // Keys computed once per object: comparing nodes directly copies them on every step.
        let keyed = objects.map { node in
            (key: (stage(of: node).rawValue, rank(ofKind: node.kind), node.group, node.kind, node.namespace, node.name), node: node)
        }
        return keyed.sorted { $0.key < $1.key }.map(\.node)
    }

    static func applyOrder(unit: NodeID, objects: [GraphNode]) -> UnitApplyOrder {
        // Every write is its own step: ApplyAll writes one object after the other.
        UnitApplyOrder(unit: unit, ordered: sorted(objects).map { node in
            let stage = stage(of: node)
            return (node.id, stage.rawValue, stage.isWaited, "")
        })
    }
}
