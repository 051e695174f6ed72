/// The order in which Helm (driven by helm-controller) creates a release's objects: Helm's
/// `releaseutil.InstallOrder` by kind; unknown kinds after the known ones, alphabetically by kind.
/// The kube client creates consecutive objects of one kind concurrently and waits for each kind's
/// batch to be accepted before the next (`batchPerform`); readiness is waited for only at the end,
/// for the whole release.
public enum HelmInstallOrder {
    /// Helm 3 `InstallOrder`, with Helm 4's webhook kinds at the end.
    public static let kinds = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
        "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    private static let ranks: [String: Int] = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })

    public static func rank(ofKind kind: String) -> Int { ranks[kind] ?? kinds.count }

    public static func sorted(_ objects: [GraphNode]) -> [GraphNode] {
        objects.sorted { lhs, rhs in
            let (left, right) = (rank(ofKind: lhs.kind), rank(ofKind: rhs.kind))
            if left != right { return left < right }
            // Helm keeps template order among equals; the graph has no template order, so names decide.
            return (lhs.kind, lhs.group, lhs.namespace, lhs.name) < (rhs.kind, rhs.group, rhs.namespace, rhs.name)
        }
    }

    static func applyOrder(unit: NodeID, objects: [GraphNode]) -> UnitApplyOrder {
        let applied = objects.filter(isInstalledBySync)
        return UnitApplyOrder(unit: unit, ordered: sorted(applied).map { ($0.id, 0, false, $0.kind) })
    }

    /// Hooks (`helm.sh/hook`) run outside the main install; CRDs marked `crd-install` are the old
    /// spelling of ordinary CRDs.
    static func isInstalledBySync(_ node: GraphNode) -> Bool {
        guard let hook = node.annotation("helm.sh/hook") else { return true }
        return hook.split(separator: " ").joined() == "crd-install"
    }
}
