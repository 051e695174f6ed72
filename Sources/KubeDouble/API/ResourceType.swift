/// One served resource: how a kind maps to a URL segment and a scope, plus the
/// behaviour flags the double needs (does it have `metadata.generation`, a status
/// subresource).
public struct ResourceType: Sendable, Hashable {
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    /// Kinds whose spec changes bump `metadata.generation` (ConfigMaps, Secrets, RBAC do not have one).
    public var hasGeneration: Bool
    /// Kinds with a status subresource: apply on the main resource ignores `status`.
    public var hasStatus: Bool
    /// The CRD that defines this type, for custom resources.
    public var definedBy: String?

    public init(
        group: String, version: String, kind: String, plural: String, namespaced: Bool,
        shortNames: [String] = [], hasGeneration: Bool = true, hasStatus: Bool = true, definedBy: String? = nil
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.hasGeneration = hasGeneration
        self.hasStatus = hasStatus
        self.definedBy = definedBy
    }

    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var listKind: String { kind + "List" }
    /// `deployments.apps`, as it appears in error messages.
    public var qualifiedResource: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `Deployment.apps`, as it appears in validation messages.
    public var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    public var verbs: [String] { ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] }
}

/// The built-in kinds the double serves, one version per group as on a current server.
enum BuiltinResources {
    static let all: [ResourceType] = [
        ResourceType(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false, shortNames: ["ns"], hasGeneration: false),
        ResourceType(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true, shortNames: ["cm"], hasGeneration: false, hasStatus: false),
        ResourceType(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true, hasGeneration: false, hasStatus: false),
        ResourceType(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true, shortNames: ["svc"], hasGeneration: false),
        ResourceType(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true, shortNames: ["sa"], hasGeneration: false, hasStatus: false),
        ResourceType(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true, shortNames: ["po"]),
        ResourceType(group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: true, shortNames: ["pvc"], hasGeneration: false),
        ResourceType(group: "", version: "v1", kind: "PersistentVolume", plural: "persistentvolumes", namespaced: false, shortNames: ["pv"], hasGeneration: false),
        ResourceType(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true, shortNames: ["deploy"]),
        ResourceType(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", namespaced: true, shortNames: ["sts"]),
        ResourceType(group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", namespaced: true, shortNames: ["ds"]),
        ResourceType(group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", namespaced: true, shortNames: ["rs"]),
        ResourceType(group: "batch", version: "v1", kind: "Job", plural: "jobs", namespaced: true),
        ResourceType(group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", namespaced: true, shortNames: ["cj"]),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", namespaced: true, hasGeneration: false, hasStatus: false),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true, hasGeneration: false, hasStatus: false),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false, hasGeneration: false, hasStatus: false),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false, hasGeneration: false, hasStatus: false),
        ResourceType(group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", namespaced: true, shortNames: ["ing"]),
        ResourceType(group: "networking.k8s.io", version: "v1", kind: "IngressClass", plural: "ingressclasses", namespaced: false, hasStatus: false),
        ResourceType(group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", plural: "networkpolicies", namespaced: true, shortNames: ["netpol"], hasStatus: false),
        ResourceType(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", namespaced: false, shortNames: ["crd", "crds"]),
        ResourceType(group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: true, shortNames: ["pdb"]),
        ResourceType(group: "storage.k8s.io", version: "v1", kind: "StorageClass", plural: "storageclasses", namespaced: false, shortNames: ["sc"], hasGeneration: false, hasStatus: false),
        ResourceType(group: "scheduling.k8s.io", version: "v1", kind: "PriorityClass", plural: "priorityclasses", namespaced: false, shortNames: ["pc"], hasGeneration: false, hasStatus: false),
    ]

    static let crd = all.first { $0.plural == "customresourcedefinitions" }
    static let namespace = all.first { $0.plural == "namespaces" }
}
