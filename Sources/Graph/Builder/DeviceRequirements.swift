import Rendering

/// Inferred requirements of accelerated workloads: GPU extended resources → device plugins,
/// DRA claims → DeviceClasses, node-feature labels → node-feature-discovery, KServe
/// InferenceServices → ServingRuntimes. Pods are read from workload objects and, for releases of
/// charts the repository does not render, from the HelmRelease's `values`.
struct DeviceRequirements {
    let providers: Providers

    /// What one consumer's pods ask of the node.
    struct Demands {
        var gpus: [(domain: String, origin: Origin?)] = []
        var claims: [(kind: String, name: String, origin: Origin?)] = []
        var nodeFeatures: Origin?
        /// Namespace the pods run in (a release's `targetNamespace`).
        var namespace: String
    }

    func add(to draft: inout GraphDraft) {
        let nodes = draft.nodes
        for node in nodes.values.sorted(by: { $0.id < $1.id }) {
            if node.role == .inferenceService { requireRuntime(of: node, nodes: nodes, to: &draft) }
            guard let demands = Self.demands(of: node) else { continue }
            for gpu in demands.gpus {
                require(.gpuDevicePlugin(gpu.domain), .gpuDevicePlugin, provider: "GPU device plugin for \(gpu.domain)",
                        consumer: node.id, origin: gpu.origin, to: &draft)
            }
            for claim in demands.claims {
                let key = NodeID.object(group: "resource.k8s.io", kind: claim.kind, namespace: demands.namespace, name: claim.name)
                // A claim template the repository does not render cannot be followed to its class.
                guard let template = nodes[key]?.object else { continue }
                for deviceClass in Self.deviceClassNames(in: template, kind: claim.kind) {
                    require(.deviceClass(deviceClass), .deviceClass, provider: "DeviceClass \(deviceClass)",
                            consumer: node.id, origin: claim.origin, to: &draft)
                }
            }
            if let origin = demands.nodeFeatures {
                require(.nodeFeatureDiscovery, .nodeFeatureDiscovery, provider: "node-feature-discovery",
                        consumer: node.id, origin: origin, to: &draft)
            }
        }
    }

    /// Edges to every node with the capability (a GPU pod may land on any node a matching plugin
    /// serves), or one expectation when the cluster has none.
    private func require(_ capability: Capability, _ requirement: Requirement, provider: String,
                         consumer: NodeID, origin: Origin?, to draft: inout GraphDraft) {
        let found = providers.nodes(providing: capability).filter { $0 != consumer }
        if found.isEmpty && !providers.nodes(providing: capability).contains(consumer) {
            draft.expect(requirement, provider: provider, consumer: consumer, origin: origin)
        }
        for id in found { draft.connect(consumer, to: id, kind: .requires, requirement: requirement, origin: origin) }
    }

    static func demands(of node: GraphNode) -> Demands? {
        guard let object = node.object else { return nil }
        if let pod = PodTemplate(of: object, group: node.group, kind: node.kind) {
            return Demands(gpus: pod.gpuRequests, claims: pod.claims, nodeFeatures: pod.nodeFeatureSelector, namespace: node.namespace)
        }
        guard node.role == .helmRelease, let values = object[path: ["spec", "values"]] else { return nil }
        var demands = Demands(namespace: object[path: ["spec", "targetNamespace"]]?.text ?? node.namespace)
        ValuesScan.walk(values, into: &demands)
        return demands
    }

    /// `deviceClassName` of every request of a ResourceClaimTemplate (`spec.spec.devices`) or a
    /// ResourceClaim (`spec.devices`), in the v1beta1 and v1 (`exactly`, `firstAvailable`) shapes.
    static func deviceClassNames(in object: Node, kind: String) -> [String] {
        let devices = kind == "ResourceClaimTemplate" ? object[path: ["spec", "spec", "devices"]] : object[path: ["spec", "devices"]]
        var names: [String] = []
        for request in devices?["requests"]?.elements ?? [] {
            let alternatives = [request, request["exactly"]].compactMap { $0 } + (request["firstAvailable"]?.elements ?? [])
            names += alternatives.compactMap { $0["deviceClassName"]?.text }
        }
        return Array(Set(names)).sorted()
    }

    /// KServe resolves `spec.predictor.model.runtime` to a ServingRuntime of the namespace or a
    /// ClusterServingRuntime; without a name it picks an auto-selectable runtime supporting the
    /// model format (the edge is only drawn when exactly one does).
    private func requireRuntime(of node: GraphNode, nodes: [NodeID: GraphNode], to draft: inout GraphDraft) {
        guard let model = node.object?[path: ["spec", "predictor", "model"]] else { return }
        let namespaced = { (name: String) in NodeID.object(group: "serving.kserve.io", kind: "ServingRuntime", namespace: node.namespace, name: name) }
        let clusterWide = { (name: String) in NodeID.object(group: "serving.kserve.io", kind: "ClusterServingRuntime", namespace: "", name: name) }
        if let runtime = model["runtime"], let name = runtime.text {
            if let found = [namespaced(name), clusterWide(name)].first(where: { nodes[$0] != nil }) {
                draft.connect(node.id, to: found, kind: .requires, requirement: .servingRuntime, origin: runtime.origin)
            } else {
                draft.expect(.servingRuntime, provider: "ServingRuntime \(node.namespace)/\(name)", consumer: node.id, origin: runtime.origin)
            }
            return
        }
        guard let format = model[path: ["modelFormat", "name"]], let formatName = format.text else { return }
        let candidates = nodes.values.filter { runtime in
            guard runtime.role == .servingRuntime, runtime.kind == "ClusterServingRuntime" || runtime.namespace == node.namespace,
                  let spec = runtime.object?["spec"] else { return false }
            return (spec["supportedModelFormats"]?.elements ?? []).contains {
                $0["name"]?.text == formatName && $0["autoSelect"]?.text == "true"
            }
        }
        if candidates.count == 1, let only = candidates.first {
            draft.connect(node.id, to: only.id, kind: .requires, requirement: .servingRuntime, origin: format.origin)
        }
    }
}

/// Chart values have no schema, but pod fields keep their Kubernetes names in nearly every
/// chart (`resources.limits`, `resourceClaims`, `nodeSelector`, `affinity`): the walk reads
/// them wherever they appear.
enum ValuesScan {
    static func walk(_ node: Node, into demands: inout DeviceRequirements.Demands) {
        for entry in node.entries {
            switch entry.key {
            case "limits", "requests":
                demands.gpus += GPUResources.requests(in: entry.value)
            case "resourceClaimTemplateName":
                if let name = entry.value.text { demands.claims.append(("ResourceClaimTemplate", name, entry.value.origin)) }
            case "resourceClaimName":
                if let name = entry.value.text { demands.claims.append(("ResourceClaim", name, entry.value.origin)) }
            case "nodeSelector":
                demands.nodeFeatures = demands.nodeFeatures ?? NodeFeatureLabels.requirement(nodeSelector: entry.value, affinity: nil)
            case "affinity":
                demands.nodeFeatures = demands.nodeFeatures ?? NodeFeatureLabels.requirement(nodeSelector: nil, affinity: entry.value)
            default:
                break
            }
            walk(entry.value, into: &demands)
        }
        for element in node.elements { walk(element, into: &demands) }
    }
}
