import Rendering

/// The pod spec of a workload object, and what it names: the inputs of pod-level requirements.
struct PodTemplate {
    let spec: Node

    /// The pod spec of a Pod, a CronJob's job template, any other workload's template, or a KServe
    /// ServingRuntime.
    init?(of object: Node, group: String, kind: String) {
        let path: [String]
        switch (group, kind) {
        // A KServe runtime's spec is the pod its predictors run in.
        case ("", "Pod"), ("serving.kserve.io", "ServingRuntime"), ("serving.kserve.io", "ClusterServingRuntime"): path = ["spec"]
        case ("batch", "CronJob"): path = ["spec", "jobTemplate", "spec", "template", "spec"]
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"),
             ("batch", "Job"), ("", "ReplicationController"):
            path = ["spec", "template", "spec"]
        default: return nil
        }
        guard let spec = object[path: path], spec.isMapping else { return nil }
        self.spec = spec
    }

    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController"]

    var containers: [Node] {
        ["initContainers", "containers", "ephemeralContainers"].flatMap { spec[$0]?.elements ?? [] }
    }

    var images: [String] { containers.compactMap { $0["image"]?.text } }

    /// A named object the pod needs before it can start.
    struct Reference {
        var requirement: Requirement
        /// Group and kind of the provider.
        var group: String
        var kind: String
        var name: String
        /// Whether the provider is cluster-scoped (PriorityClass, RuntimeClass).
        var clusterScoped: Bool
        var origin: Origin?
    }

    /// ServiceAccount, ConfigMaps, Secrets, PVCs, PriorityClass and RuntimeClass, skipping
    /// references marked `optional: true` (the pod starts without them).
    var references: [Reference] {
        var result: [Reference] = []
        func add(_ requirement: Requirement, _ group: String, _ kind: String, _ node: Node?, clusterScoped: Bool = false, optional: Node? = nil) {
            guard let node, let name = node.text, !name.isEmpty, optional?.text != "true" else { return }
            result.append(Reference(requirement: requirement, group: group, kind: kind, name: name,
                                    clusterScoped: clusterScoped, origin: node.origin))
        }
        add(.serviceAccount, "", "ServiceAccount", spec["serviceAccountName"] ?? spec["serviceAccount"])
        add(.priorityClass, "scheduling.k8s.io", "PriorityClass", spec["priorityClassName"], clusterScoped: true)
        add(.runtimeClass, "node.k8s.io", "RuntimeClass", spec["runtimeClassName"], clusterScoped: true)
        for secret in spec["imagePullSecrets"]?.elements ?? [] { add(.secret, "", "Secret", secret["name"]) }
        for volume in spec["volumes"]?.elements ?? [] {
            if let map = volume["configMap"] { add(.configMap, "", "ConfigMap", map["name"], optional: map["optional"]) }
            if let secret = volume["secret"] { add(.secret, "", "Secret", secret["secretName"], optional: secret["optional"]) }
            if let claim = volume["persistentVolumeClaim"] { add(.persistentVolumeClaim, "", "PersistentVolumeClaim", claim["claimName"]) }
            for source in volume[path: ["projected", "sources"]]?.elements ?? [] {
                if let map = source["configMap"] { add(.configMap, "", "ConfigMap", map["name"], optional: map["optional"]) }
                if let secret = source["secret"] { add(.secret, "", "Secret", secret["name"], optional: secret["optional"]) }
            }
        }
        for container in containers {
            for source in container["envFrom"]?.elements ?? [] {
                if let map = source["configMapRef"] { add(.configMap, "", "ConfigMap", map["name"], optional: map["optional"]) }
                if let secret = source["secretRef"] { add(.secret, "", "Secret", secret["name"], optional: secret["optional"]) }
            }
            for variable in container["env"]?.elements ?? [] {
                if let key = variable[path: ["valueFrom", "configMapKeyRef"]] { add(.configMap, "", "ConfigMap", key["name"], optional: key["optional"]) }
                if let key = variable[path: ["valueFrom", "secretKeyRef"]] { add(.secret, "", "Secret", key["name"], optional: key["optional"]) }
            }
        }
        return result
    }

    /// GPU extended resources requested by any container, by resource domain.
    var gpuRequests: [(domain: String, origin: Origin?)] {
        containers.flatMap { container in
            ["limits", "requests"].flatMap { field in
                GPUResources.requests(in: container[path: ["resources", field]])
            }
        }
    }

    /// Names of the ResourceClaimTemplates (`resourceClaimTemplateName`, or the pre-1.31
    /// `source.resourceClaimTemplateName`) and ResourceClaims the pod claims devices through.
    var claims: [(kind: String, name: String, origin: Origin?)] {
        (spec["resourceClaims"]?.elements ?? []).compactMap { claim in
            if let template = claim["resourceClaimTemplateName"] ?? claim[path: ["source", "resourceClaimTemplateName"]], let name = template.text {
                return ("ResourceClaimTemplate", name, template.origin)
            }
            if let direct = claim["resourceClaimName"] ?? claim[path: ["source", "resourceClaimName"]], let name = direct.text {
                return ("ResourceClaim", name, direct.origin)
            }
            return nil
        }
    }

    /// Where the pod's scheduling depends on node-feature-discovery labels, if it does.
    var nodeFeatureSelector: Origin? {
        NodeFeatureLabels.requirement(nodeSelector: spec["nodeSelector"], affinity: spec["affinity"])
    }
}

/// GPU extended resource names and the device-plugin family that advertises them.
enum GPUResources {
    /// `nvidia.com` for `nvidia.com/gpu` and MIG slices, `gpu.intel.com` for `gpu.intel.com/i915`
    /// and `/xe`, `amd.com` for `amd.com/gpu`.
    static func domain(of resource: String) -> String? {
        if resource == "nvidia.com/gpu" || resource.hasPrefix("nvidia.com/mig-") || resource.hasPrefix("nvidia.com/gpu.") { return "nvidia.com" }
        if resource.hasPrefix("gpu.intel.com/") { return "gpu.intel.com" }
        if resource == "amd.com/gpu" { return "amd.com" }
        return nil
    }

    /// The GPU requests of a `limits` or `requests` mapping; a zero quantity asks for nothing.
    static func requests(in quantities: Node?) -> [(domain: String, origin: Origin?)] {
        (quantities?.entries ?? []).compactMap { entry in
            guard let domain = domain(of: entry.key), entry.value.text != "0" else { return nil }
            return (domain, entry.value.origin ?? quantities?.origin)
        }
    }
}

/// `feature.node.kubernetes.io/*` labels, which only node-feature-discovery puts on nodes.
enum NodeFeatureLabels {
    static let prefix = "feature.node.kubernetes.io/"

    /// The selector field that needs the labels: a `nodeSelector` key (all must match), or a
    /// required node affinity whose every term uses one (terms are alternatives, so one term
    /// without the labels can schedule without node-feature-discovery).
    static func requirement(nodeSelector: Node?, affinity: Node?) -> Origin? {
        for entry in nodeSelector?.entries ?? [] where entry.key.hasPrefix(prefix) {
            return entry.value.origin ?? nodeSelector?.origin
        }
        let terms = affinity?[path: ["nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"]]?.elements ?? []
        guard !terms.isEmpty else { return nil }
        var first: Origin?
        for term in terms {
            let keys = (term["matchExpressions"]?.elements ?? []).compactMap { $0["key"] }
            guard let label = keys.first(where: { $0.text?.hasPrefix(prefix) ?? false }) else { return nil }
            first = first ?? label.origin
        }
        return first
    }
}
