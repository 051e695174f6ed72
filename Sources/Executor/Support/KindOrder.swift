/// Flux's `ReconcileOrder` (fluxcd/pkg ssa): the kinds applied first. Prune deletes in the
/// reverse, so custom resources go before their CRDs and contents before their Namespace.
enum KindOrder {
    static let first = [
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass", "RuntimeClass", "PriorityClass",
        "StorageClass", "VolumeSnapshotClass", "IngressClass", "GatewayClass", "ClusterRoleBinding", "ResourceQuota",
        "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "Deployment",
        "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    static let last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    static func rank(_ kind: String) -> Int {
        if let index = first.firstIndex(of: kind) { return index }
        if let index = last.firstIndex(of: kind) { return first.count + 1 + index }
        return first.count
    }

    /// Deletion order: the reverse of apply order, ties broken deterministically.
    static func deletionOrder(_ objects: [ObjectIdentity]) -> [ObjectIdentity] {
        objects.sorted { lhs, rhs in
            let (a, b) = (rank(lhs.kind), rank(rhs.kind))
            return a != b ? a > b : lhs < rhs
        }
    }
}
