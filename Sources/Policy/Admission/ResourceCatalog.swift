import Rendering

/// How the API server names a kind in admission rules (`resources: [deployments]`) and whether
/// it is namespaced. Rules are written against plural resource names while rendered objects
/// carry kinds, so every object needs this translation before a rule can match it.
struct ResourceCatalog: Sendable {
    private struct Definition: Sendable {
        var plural: String
        var isNamespaced: Bool
    }

    /// Custom resources declared by the CRDs of the render, keyed by `group|Kind`.
    private var definitions: [String: Definition] = [:]

    /// Reads `CustomResourceDefinition` objects; anything else is ignored.
    init(objects: [PolicySubject] = []) {
        for subject in objects where subject.group == "apiextensions.k8s.io" && subject.kind == "CustomResourceDefinition" {
            let spec = subject.object["spec"]
            guard let group = spec?["group"]?.text, let kind = spec?[path: ["names", "kind"]]?.text,
                  let plural = spec?[path: ["names", "plural"]]?.text, !plural.isEmpty else { continue }
            let scope = spec?["scope"]?.text ?? "Namespaced"
            definitions[Self.key(group, kind)] = Definition(plural: plural, isNamespaced: scope != "Cluster")
        }
    }

    /// The plural resource name: the CRD's when the render declares one, the built-in name for
    /// Kubernetes' own kinds, else Kubernetes' guess from the kind.
    func resource(group: String, kind: String) -> String {
        if let definition = definitions[Self.key(group, kind)] { return definition.plural }
        if let known = Self.builtin[Self.key(group, kind)] { return known }
        return Self.guessedPlural(of: kind)
    }

    /// Whether objects of this kind live in a namespace; unknown kinds are assumed namespaced,
    /// as most custom resources are.
    func isNamespaced(group: String, kind: String) -> Bool {
        if let definition = definitions[Self.key(group, kind)] { return definition.isNamespaced }
        return !ClusterScope.isClusterScoped(GVK(group: group, kind: kind))
    }

    /// `Ingress` → `ingresses`, `NetworkPolicy` → `networkpolicies`, `Gateway` → `gateways`.
    static func guessedPlural(of kind: String) -> String {
        let lower = kind.lowercased()
        guard let last = lower.last else { return lower }
        if last == "s" || last == "x" || lower.hasSuffix("ch") || lower.hasSuffix("sh") { return lower + "es" }
        if last == "y", let before = lower.dropLast().last, !"aeiou".contains(before) {
            return String(lower.dropLast()) + "ies"
        }
        return lower + "s"
    }

    private static func key(_ group: String, _ kind: String) -> String { "\(group)|\(kind)" }

    /// Kubernetes' own kinds, including those the guess would get wrong (`Endpoints`).
    private static let builtin: [String: String] = {
        let groups: [String: [String: String]] = [
            "": [
                "Pod": "pods", "Service": "services", "ConfigMap": "configmaps", "Secret": "secrets",
                "Namespace": "namespaces", "ServiceAccount": "serviceaccounts", "Endpoints": "endpoints",
                "PersistentVolume": "persistentvolumes", "PersistentVolumeClaim": "persistentvolumeclaims",
                "LimitRange": "limitranges", "ResourceQuota": "resourcequotas", "Node": "nodes",
                "ReplicationController": "replicationcontrollers", "PodTemplate": "podtemplates", "Event": "events",
                "ComponentStatus": "componentstatuses", "Binding": "bindings",
            ],
            "apps": [
                "Deployment": "deployments", "StatefulSet": "statefulsets", "DaemonSet": "daemonsets",
                "ReplicaSet": "replicasets", "ControllerRevision": "controllerrevisions",
            ],
            "batch": ["Job": "jobs", "CronJob": "cronjobs"],
            "autoscaling": ["HorizontalPodAutoscaler": "horizontalpodautoscalers"],
            "networking.k8s.io": [
                "Ingress": "ingresses", "IngressClass": "ingressclasses", "NetworkPolicy": "networkpolicies",
                "IPAddress": "ipaddresses", "ServiceCIDR": "servicecidrs",
            ],
            "rbac.authorization.k8s.io": [
                "Role": "roles", "RoleBinding": "rolebindings", "ClusterRole": "clusterroles",
                "ClusterRoleBinding": "clusterrolebindings",
            ],
            "policy": ["PodDisruptionBudget": "poddisruptionbudgets"],
            "storage.k8s.io": [
                "StorageClass": "storageclasses", "CSIDriver": "csidrivers", "CSINode": "csinodes",
                "VolumeAttachment": "volumeattachments", "CSIStorageCapacity": "csistoragecapacities",
                "VolumeAttributesClass": "volumeattributesclasses",
            ],
            "scheduling.k8s.io": ["PriorityClass": "priorityclasses"],
            "node.k8s.io": ["RuntimeClass": "runtimeclasses"],
            "discovery.k8s.io": ["EndpointSlice": "endpointslices"],
            "coordination.k8s.io": ["Lease": "leases"],
            "certificates.k8s.io": ["CertificateSigningRequest": "certificatesigningrequests"],
            "apiextensions.k8s.io": ["CustomResourceDefinition": "customresourcedefinitions"],
            "apiregistration.k8s.io": ["APIService": "apiservices"],
            "flowcontrol.apiserver.k8s.io": [
                "FlowSchema": "flowschemas", "PriorityLevelConfiguration": "prioritylevelconfigurations",
            ],
            "admissionregistration.k8s.io": [
                "ValidatingAdmissionPolicy": "validatingadmissionpolicies",
                "ValidatingAdmissionPolicyBinding": "validatingadmissionpolicybindings",
                "ValidatingWebhookConfiguration": "validatingwebhookconfigurations",
                "MutatingWebhookConfiguration": "mutatingwebhookconfigurations",
            ],
        ]
        var table: [String: String] = [:]
        for (group, kinds) in groups {
            for (kind, plural) in kinds { table[key(group, kind)] = plural }
        }
        return table
    }()
}
