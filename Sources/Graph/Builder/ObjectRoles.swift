import Clusters
import Rendering

/// Decides what an applied object is for the graph: a unit, a source, or a typed object, and
/// which capabilities (GPU device plugin, node-feature-discovery, DeviceClass) it provides.
enum ObjectRoles {
    static let fluxSourceGroup = "source.toolkit.fluxcd.io"

    /// API groups every cluster serves without a CRD.
    static let builtinGroups: Set<String> = [
        "", "apps", "batch", "policy", "autoscaling", "extensions",
        "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io",
        "admissionregistration.k8s.io", "scheduling.k8s.io", "node.k8s.io", "coordination.k8s.io",
        "discovery.k8s.io", "events.k8s.io", "certificates.k8s.io", "flowcontrol.apiserver.k8s.io",
        "resource.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
        "internal.apiserver.k8s.io", "storagemigration.k8s.io",
    ]

    /// Groups of the GitOps engine itself: whoever reconciles the repository has their CRDs,
    /// so a cluster that does not declare them is not missing anything.
    static func isEngineGroup(_ group: String) -> Bool {
        group == "fluxcd.io" || group.hasSuffix(".fluxcd.io") || group == "argoproj.io"
    }

    static func isUnit(group: String, kind: String) -> Bool { unitRole(group: group, kind: kind) != nil }

    static func unitRole(group: String, kind: String) -> NodeRole? {
        switch (group, kind) {
        case (FluxKustomizationSpec.group, "Kustomization"): return .fluxKustomization
        case ("helm.toolkit.fluxcd.io", "HelmRelease"): return .helmRelease
        case ("argoproj.io", "Application"): return .argoApplication
        case ("argoproj.io", "ApplicationSet"): return .applicationSet
        default: return nil
        }
    }

    static func sourceRole(group: String, kind: String) -> NodeRole? {
        guard group == fluxSourceGroup else { return nil }
        switch kind {
        case "GitRepository": return .gitRepository
        case "OCIRepository": return .ociRepository
        case "HelmRepository": return .helmRepository
        case "Bucket": return .bucket
        case "ExternalArtifact": return .externalArtifact
        default: return nil
        }
    }

    /// The node a Flux source reference names: a source node for the five source kinds, an
    /// object node for anything else (a HelmChart).
    static func sourceID(_ key: ObjectKey) -> NodeID {
        if sourceRole(group: fluxSourceGroup, kind: key.kind) != nil { return .source(key) }
        return .object(group: fluxSourceGroup, kind: key.kind, namespace: key.namespace, name: key.name)
    }

    static func objectRole(_ object: Node, group: String, kind: String) -> NodeRole {
        switch (group, kind) {
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return .customResourceDefinition
        case ("", "Namespace"): return .namespace
        case ("resource.k8s.io", "DeviceClass"): return .deviceClass
        case ("serving.kserve.io", "ServingRuntime"), ("serving.kserve.io", "ClusterServingRuntime"): return .servingRuntime
        case ("serving.kserve.io", "InferenceService"): return .inferenceService
        default: break
        }
        if gpuDomain(of: object, group: group, kind: kind) != nil { return .gpuDevicePlugin }
        if providesNodeFeatures(object, group: group, kind: kind) { return .nodeFeatureDiscovery }
        if PodTemplate.workloadKinds.contains(kind), PodTemplate(of: object, group: group, kind: kind) != nil { return .workload }
        return .object
    }

    /// The GPU resource domain an object advertises: NVIDIA, Intel and AMD device-plugin
    /// DaemonSets (by image or name), the gpu-operator's ClusterPolicy, Intel's GpuDevicePlugin.
    static func gpuDomain(of object: Node, group: String, kind: String) -> String? {
        if group == "nvidia.com" && kind == "ClusterPolicy" { return "nvidia.com" }
        if group == "deviceplugin.intel.com" && kind == "GpuDevicePlugin" { return "gpu.intel.com" }
        guard group == "apps", kind == "DaemonSet", let pod = PodTemplate(of: object, group: group, kind: kind) else { return nil }
        let name = object[path: ["metadata", "name"]]?.text ?? ""
        let images = pod.images
        func named(_ fragment: String) -> Bool { name.contains(fragment) || images.contains { $0.contains(fragment) } }
        if named("rocm/k8s-device-plugin") || name.contains("amdgpu-device-plugin") || name.contains("amd-gpu-device-plugin") {
            return "amd.com"
        }
        if named("nvidia-device-plugin") || images.contains(where: { $0.contains("nvidia") && $0.contains("k8s-device-plugin") }) {
            return "nvidia.com"
        }
        if named("intel-gpu-plugin") || named("intel-deviceplugin-operator") { return "gpu.intel.com" }
        return nil
    }

    /// node-feature-discovery's worker DaemonSet, or the NFD operator's NodeFeatureDiscovery CR.
    static func providesNodeFeatures(_ object: Node, group: String, kind: String) -> Bool {
        if kind == "NodeFeatureDiscovery" && group.hasPrefix("nfd.") { return true }
        guard group == "apps", kind == "DaemonSet", let pod = PodTemplate(of: object, group: group, kind: kind) else { return false }
        let name = object[path: ["metadata", "name"]]?.text ?? ""
        return name.contains("nfd-worker") || name.contains("node-feature-discovery")
            || pod.images.contains { $0.contains("node-feature-discovery") }
    }
}
